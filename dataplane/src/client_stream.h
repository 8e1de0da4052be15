#pragma once

// clang-format off
#include "asio_beast.h"
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
// clang-format on

#include <memory>
#include <string_view>
#include <variant>

namespace lintel::dataplane {

// A client connection, plain TCP or TLS, as one stream type: the connection code reads and
// writes it the same way whichever it is (Beast's AsyncReadStream and AsyncWriteStream), and its
// timeouts and socket are the TCP connection's. The choice costs one branch per read or write.
class ClientStream {
 public:
  using TlsStream = beast::ssl_stream<beast::tcp_stream>;
  using executor_type = beast::tcp_stream::executor_type;

  explicit ClientStream(tcp::socket socket) : stream_(std::in_place_index<0>, std::move(socket)) {}
  // `tls_config` is what the TLS stream's OpenSSL context came from; the connection keeps it.
  ClientStream(TlsStream tls, std::shared_ptr<const void> tls_config)
      : stream_(std::in_place_index<1>, std::move(tls)), tls_config_(std::move(tls_config)) {}

  executor_type get_executor() noexcept { return transport().get_executor(); }
  beast::tcp_stream& transport() {
    if (auto* plain = std::get_if<0>(&stream_)) return *plain;
    return std::get<1>(stream_).next_layer();
  }
  tcp::socket& socket() { return transport().socket(); }
  template <typename Duration>
  void expires_after(Duration duration) {
    transport().expires_after(duration);
  }
  void expires_never() { transport().expires_never(); }
  bool is_tls() const { return stream_.index() == 1; }
  // The status of the answer to the request under way, once its head is written (0 before):
  // what /metrics counts, whoever wrote it.
  unsigned answered_status = 0;
  // The server name (SNI) a TLS client asked for; empty for plain TCP or when it sent none.
  std::string_view server_name() {
    auto* tls = std::get_if<1>(&stream_);
    if (tls == nullptr) return {};
    const char* name = SSL_get_servername(tls->native_handle(), TLSEXT_NAMETYPE_host_name);
    return name ? std::string_view(name) : std::string_view();
  }

  template <typename MutableBuffers, typename Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return asio::async_initiate<Token, void(error_code, std::size_t)>(
        [this](auto handler, const MutableBuffers& to) {
          if (auto* plain = std::get_if<0>(&stream_))
            plain->async_read_some(to, std::move(handler));
          else
            std::get<1>(stream_).async_read_some(to, std::move(handler));
        },
        token, buffers);
  }

  template <typename ConstBuffers, typename Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return asio::async_initiate<Token, void(error_code, std::size_t)>(
        [this](auto handler, const ConstBuffers& from) {
          if (auto* plain = std::get_if<0>(&stream_))
            plain->async_write_some(from, std::move(handler));
          else
            std::get<1>(stream_).async_write_some(from, std::move(handler));
        },
        token, buffers);
  }

 private:
  std::variant<beast::tcp_stream, TlsStream> stream_;
  std::shared_ptr<const void> tls_config_;
};

}  // namespace lintel::dataplane
