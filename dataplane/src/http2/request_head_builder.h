#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lintel::dataplane::http2 {

// Turns the header fields of an HTTP/2 request (RFC 9113 §8.3) into the HTTP/1.1 request head
// that carries the same request, so that it goes through the same strict parser, router,
// filters and upstream head writer as a request that arrived in HTTP/1.1:
//   :method and :path make the request line; :authority becomes Host (a Host field of the
//   client's is dropped when :authority is present, RFC 9113 §8.3.1); cookie fields split for
//   compression are joined with "; " (§8.2.3); :scheme is the listener's business, not the
//   client's. A body without content-length is sent upstream chunked.
// nghttp2 has already refused malformed requests (pseudo-fields missing, repeated or after
// regular fields, upper case names, connection-specific fields), so this only assembles.
class RequestHeadBuilder {
 public:
  // `max_bytes` bounds the field section as RFC 9113 §6.5.2 counts it (name + value + 32 per
  // field); past it, too_large() is set and further fields are dropped.
  explicit RequestHeadBuilder(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  void add(std::string_view name, std::string_view value);
  // The HTTP/1.1 head, through its final CRLF.
  std::string finish(bool has_body) const;

  bool too_large() const { return too_large_; }
  std::string_view method() const { return method_; }

 private:
  std::size_t max_bytes_;
  std::size_t counted_ = 0;
  bool too_large_ = false;
  bool has_content_length_ = false;
  std::string method_;
  std::string path_;
  std::string authority_;
  std::string host_;
  std::string cookie_;
  std::string fields_;  // "name: value\r\n" lines, without Host and cookie
};

}  // namespace lintel::dataplane::http2
