#include "response_head.h"

namespace lintel::dataplane {
namespace {

void append(std::string& out, beast::string_view bytes) {
  out.append(bytes.data(), bytes.size());
}

}  // namespace

void write_response_head(const http::response_header<>& response, ResponseFraming framing,
                         bool keep_alive, unsigned client_version, std::string& out) {
  out.clear();
  const unsigned status = response.result_int();
  // RFC 9110 §6.2: the version this hop speaks, whatever the client's.
  out.append("HTTP/1.1 ");
  out.push_back(static_cast<char>('0' + status / 100 % 10));
  out.push_back(static_cast<char>('0' + status / 10 % 10));
  out.push_back(static_cast<char>('0' + status % 10));
  out.push_back(' ');
  const beast::string_view reason = response.reason();
  append(out, reason.empty() ? http::obsolete_reason(response.result()) : reason);
  out.append("\r\n");
  for (const auto& field : response) {
    if (framing != ResponseFraming::kAsReceived && field.name() == http::field::content_length) {
      continue;
    }
    append(out, field.name_string());
    out.append(": ");
    append(out, field.value());
    out.append("\r\n");
  }
  if (framing == ResponseFraming::kChunked) out.append("Transfer-Encoding: chunked\r\n");
  if (!keep_alive) {
    out.append("Connection: close\r\n");
  } else if (client_version == 10) {
    // An HTTP/1.0 client keeps the connection only when told so (RFC 9112 §9.3).
    out.append("Connection: keep-alive\r\n");
  }
  out.append("\r\n");
}

}  // namespace lintel::dataplane
