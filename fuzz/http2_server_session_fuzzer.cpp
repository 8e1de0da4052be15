// Bytes from an HTTP/2 client, after the connection preface: fed to Lintel's HTTP/2 server
// session (nghttp2 with Lintel's settings, callbacks, request head building, stream limits and
// reset accounting) in pieces whose sizes come from the input, with the stream coroutines run
// after every piece (no config is loaded, so every complete request is answered by this hop) and
// the server's output drained. Nothing here may crash, leak or grow without bound.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "http2/connection_state.h"

namespace {

using lintel::dataplane::ClientStream;
using lintel::dataplane::ProxyOptions;
using lintel::dataplane::ProxyShared;
using lintel::dataplane::ProxyWorker;
using lintel::dataplane::tcp;
namespace http2 = lintel::dataplane::http2;

constexpr std::string_view kPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ProxyOptions options;
  static ProxyShared shared(options);
  ProxyWorker worker(0, options);
  ClientStream client(tcp::socket(worker.io));
  {
    auto connection = std::make_shared<http2::Http2Connection>(client, worker, shared, "127.0.0.1",
                                                               tcp::endpoint());
    if (!http2::start_session(*connection)) return 0;
    std::string output;
    bool open = http2::receive(*connection, kPreface);
    // The first byte picks the piece size, so that frames split across reads are covered.
    const std::size_t piece = size > 0 ? 1 + data[0] % 64 : 1;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    if (!rest.empty()) rest.remove_prefix(1);
    while (open && !rest.empty()) {
      const std::size_t take = std::min(piece, rest.size());
      open = http2::receive(*connection, rest.substr(0, take));
      rest.remove_prefix(take);
      worker.io.poll();
      output.clear();
      http2::take_output(*connection, output, 1 << 20);
    }
    connection->closed = true;
    connection->streams.clear();
  }
  worker.io.poll();
  return 0;
}
