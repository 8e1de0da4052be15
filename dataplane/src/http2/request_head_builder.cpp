#include "http2/request_head_builder.h"

namespace lintel::dataplane::http2 {

void RequestHeadBuilder::add(std::string_view name, std::string_view value) {
  counted_ += name.size() + value.size() + 32;
  if (counted_ > max_bytes_) too_large_ = true;
  if (too_large_) return;
  if (name == ":method") {
    method_ = value;
  } else if (name == ":path") {
    path_ = value;
  } else if (name == ":authority") {
    authority_ = value;
  } else if (!name.empty() && name.front() == ':') {
    // :scheme, and :protocol should a client send it: not part of an HTTP/1.1 head.
  } else if (name == "host") {
    host_ = value;
  } else if (name == "cookie") {
    if (!cookie_.empty()) cookie_.append("; ");
    cookie_.append(value);
  } else {
    if (name == "content-length") has_content_length_ = true;
    fields_.append(name).append(": ").append(value).append("\r\n");
  }
}

std::string RequestHeadBuilder::finish(bool has_body) const {
  std::string head;
  const std::string_view host = authority_.empty() ? std::string_view(host_) : authority_;
  head.reserve(method_.size() + path_.size() + host.size() + cookie_.size() + fields_.size() + 64);
  head.append(method_).append(" ").append(path_).append(" HTTP/1.1\r\n");
  // An HTTP/1.1 request needs Host; without one the parser answers 400, as for HTTP/1.1.
  if (!authority_.empty() || !host_.empty()) head.append("host: ").append(host).append("\r\n");
  if (!cookie_.empty()) head.append("cookie: ").append(cookie_).append("\r\n");
  head.append(fields_);
  if (has_body && !has_content_length_) head.append("transfer-encoding: chunked\r\n");
  head.append("\r\n");
  return head;
}

}  // namespace lintel::dataplane::http2
