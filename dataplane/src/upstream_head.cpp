#include "upstream_head.h"

#include <charconv>

#include "forwarding_headers.h"
#include "http1/char_class.h"
#include "lintel/support/text.h"

namespace lintel::dataplane {
namespace {

using http1::detail::iequals;
using http1::detail::iequals_any_case;

// True when a Connection field of `head` lists `name` (Host never counts: it is end-to-end
// whatever a client claims).
bool named_by_connection(const http1::RequestHead& head, std::string_view name) {
  if (iequals(name, "host")) return false;
  for (std::size_t i = 0; i < head.field_count(); ++i) {
    const auto field = head.field(i);
    if (!iequals(field.name, "connection")) continue;
    std::string_view list = field.value;
    while (!list.empty()) {
      const auto comma = list.find(',');
      const std::string_view token = support::trim_whitespace(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (iequals_any_case(token, name)) return true;
    }
  }
  return false;
}

enum class FieldRole { kForward, kDrop, kForwardedFor, kRequestId };

FieldRole role_of(const http1::RequestHead& head, std::string_view name, bool upgrade,
                  bool has_connection) {
  // The framing is written afresh; Expect was answered by this hop (100-continue).
  if (iequals(name, "connection") || iequals(name, "keep-alive") ||
      iequals(name, "proxy-connection") || iequals(name, "te") || iequals(name, "trailer") ||
      iequals(name, "transfer-encoding") || iequals(name, "content-length") ||
      iequals(name, "expect") || iequals(name, "x-forwarded-proto") ||
      iequals(name, "x-forwarded-host")) {
    return FieldRole::kDrop;
  }
  // Checked before Connection's list, which names "upgrade" in every upgrade request.
  if (iequals(name, "upgrade")) return upgrade ? FieldRole::kForward : FieldRole::kDrop;
  if (has_connection && named_by_connection(head, name)) return FieldRole::kDrop;
  if (iequals(name, "x-forwarded-for")) return FieldRole::kForwardedFor;
  if (iequals(name, "x-request-id")) return FieldRole::kRequestId;
  return FieldRole::kForward;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

void append_framing(const http1::RequestHead& head, std::string& out) {
  if (head.body_framing() == http1::BodyFraming::kChunked) {
    out.append("Transfer-Encoding: chunked\r\n");
  } else if (head.body_framing() == http1::BodyFraming::kContentLength) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), head.content_length()).ptr;
    append_field(out, "Content-Length", std::string_view(digits, end - digits));
  }
}

}  // namespace

void write_upstream_head(const http1::RequestHead& head, const ForwardingInfo& info,
                         std::string& out) {
  out.clear();
  out.append(head.method());
  out.push_back(' ');
  out.append(head.target());
  out.append(" HTTP/1.1\r\n");
  const bool has_connection = head.find("connection").has_value();
  bool forwarded_for = false;
  bool request_id = false;
  for (std::size_t i = 0; i < head.field_count(); ++i) {
    const auto field = head.field(i);
    switch (role_of(head, field.name, info.upgrade, has_connection)) {
      case FieldRole::kDrop:
        break;
      case FieldRole::kForwardedFor:
        forwarded_for = true;
        break;
      case FieldRole::kRequestId:
        request_id = true;
        append_field(out, field.name, field.value);
        break;
      case FieldRole::kForward:
        append_field(out, field.name, field.value);
        break;
    }
  }
  out.append("X-Forwarded-For: ");
  if (forwarded_for) {
    // Every X-Forwarded-For the client sent, in order, as one list.
    for (std::size_t i = 0; i < head.field_count(); ++i) {
      const auto field = head.field(i);
      if (!iequals(field.name, "x-forwarded-for") ||
          (has_connection && named_by_connection(head, field.name))) {
        continue;
      }
      out.append(field.value);
      out.append(", ");
    }
  }
  out.append(info.client_address);
  out.append("\r\n");
  append_field(out, "X-Forwarded-Proto", info.scheme);
  if (!head.host().empty()) append_field(out, "X-Forwarded-Host", head.host());
  if (!request_id) append_field(out, "X-Request-Id", info.request_id);
  if (info.upgrade) out.append("Connection: upgrade\r\n");
  append_framing(head, out);
  out.append("\r\n");
}

http::request_header<> to_beast_header(const http1::RequestHead& head, const ForwardingInfo& info) {
  http::request_header<> header;
  header.method_string(to_beast(head.method()));
  header.target(to_beast(head.target()));
  header.version(11);
  for (std::size_t i = 0; i < head.field_count(); ++i) {
    const auto field = head.field(i);
    header.insert(to_beast(field.name), to_beast(field.value));
  }
  if (info.upgrade) {
    strip_hop_by_hop_keep_upgrade(header);
  } else {
    strip_hop_by_hop(header);
  }
  header.erase(http::field::content_length);
  header.erase(http::field::expect);
  add_forwarding_headers(header, info.client_address, info.scheme, info.request_id);
  return header;
}

void write_upstream_head(const http::request_header<>& header, const http1::RequestHead& head,
                         std::string& out) {
  out.clear();
  out.append(to_std(header.method_string()));
  out.push_back(' ');
  out.append(to_std(header.target()));
  out.append(" HTTP/1.1\r\n");
  for (const auto& field : header) {
    // Filters never add framing fields; a stale one must not contradict the framing below.
    if (field.name() == http::field::content_length ||
        field.name() == http::field::transfer_encoding) {
      continue;
    }
    append_field(out, to_std(field.name_string()), to_std(field.value()));
  }
  append_framing(head, out);
  out.append("\r\n");
}

}  // namespace lintel::dataplane
