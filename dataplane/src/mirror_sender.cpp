#include "mirror_sender.h"

#include <limits>
#include <optional>

namespace lintel::dataplane {
namespace {

auto redirect(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

class InFlight {
 public:
  explicit InFlight(std::size_t& count) : count_(count) { ++count_; }
  ~InFlight() { --count_; }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  std::size_t& count_;
};

// True when the whole answer was read and the connection can carry another request.
asio::awaitable<bool> discard_response(beast::tcp_stream& upstream, const ProxyOptions& options,
                                       bool head, bool& got_some, error_code& ec) {
  beast::flat_buffer buffer;
  std::optional<http::response_parser<http::buffer_body>> parser;
  for (;;) {
    parser.emplace();
    parser->body_limit(std::numeric_limits<std::uint64_t>::max());
    if (head) parser->skip(true);
    upstream.expires_after(options.upstream_timeout);
    co_await http::async_read_header(upstream, buffer, *parser, redirect(ec));
    got_some = got_some || parser->got_some();
    if (ec) co_return false;
    const unsigned status = parser->get().result_int();
    if (status == 101) co_return false;
    if (status >= 200) break;  // an interim answer is followed by the real one
  }
  char chunk[4096];
  while (!parser->is_done()) {
    parser->get().body().data = chunk;
    parser->get().body().size = sizeof(chunk);
    upstream.expires_after(options.upstream_timeout);
    co_await http::async_read(upstream, buffer, *parser, redirect(ec));
    if (ec == http::error::need_buffer) ec = {};
    if (ec) co_return false;
  }
  co_return parser->keep_alive() && !parser->need_eof() && buffer.size() == 0;
}

asio::awaitable<void> mirror(ProxyWorker& worker, const ProxyOptions& options,
                             tcp::endpoint endpoint,
                             std::shared_ptr<const http::request<http::string_body>> request) {
  InFlight counted(worker.mirrors_in_flight);
  const bool head = request->method() == http::verb::head;
  error_code ec;
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto upstream = worker.pool.take(endpoint);
    const bool reused = upstream != nullptr;
    if (!reused) {
      upstream = std::make_unique<beast::tcp_stream>(worker.io);
      upstream->expires_after(options.upstream_connect_timeout);
      co_await upstream->async_connect(endpoint, redirect(ec));
      if (ec) co_return;
      upstream->socket().set_option(tcp::no_delay(true), ec);
    }
    upstream->expires_after(options.upstream_timeout);
    co_await http::async_write(*upstream, *request, redirect(ec));
    bool got_some = false;
    bool reusable = false;
    if (!ec) reusable = co_await discard_response(*upstream, options, head, got_some, ec);
    if (reusable) {
      worker.pool.give_back(endpoint, std::move(upstream));
      co_return;
    }
    // As for the real request: only a pooled connection that died before answering is worth
    // a second try, since the server cannot have acted on the copy.
    if (!reused || got_some || ec == beast::error::timeout) co_return;
  }
}

}  // namespace

void send_mirror(ProxyWorker& worker, const ProxyOptions& options, const tcp::endpoint& endpoint,
                 std::shared_ptr<const http::request<http::string_body>> request) {
  if (worker.mirrors_in_flight >= options.max_mirrors_in_flight) return;
  asio::co_spawn(worker.io, mirror(worker, options, endpoint, std::move(request)),
                 [](std::exception_ptr) {});
}

}  // namespace lintel::dataplane
