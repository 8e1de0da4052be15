#pragma once

#include <nghttp2/nghttp2.h>

#include <string>
#include <vector>

#include "asio_beast.h"

namespace lintel::dataplane::http2 {

// A response head as nghttp2 takes it: ":status" first, then every field with its name in lower
// case (RFC 9113 §8.2.2), leaving out the connection-specific fields HTTP/2 forbids (§8.2.2:
// a client must treat a response carrying them as malformed). The name/value pairs point into
// this object's own storage, so it must outlive the nghttp2_submit_* call (which copies them).
class ResponseFields {
 public:
  ResponseFields(unsigned status, const http::fields& fields);
  ResponseFields(const ResponseFields&) = delete;
  ResponseFields& operator=(const ResponseFields&) = delete;

  const nghttp2_nv* data() const { return pairs_.data(); }
  std::size_t size() const { return pairs_.size(); }

 private:
  char status_[3];
  std::string storage_;  // lower-cased names and the values, back to back
  std::vector<nghttp2_nv> pairs_;
};

// True for the fields that are about one HTTP/1.1 connection and have no meaning in HTTP/2.
bool is_connection_specific(std::string_view lower_name);

}  // namespace lintel::dataplane::http2
