#include "echo_reply.h"

#include <map>
#include <vector>

#include "canonical_header_name.h"
#include "lintel/support/json_text.h"
#include "lintel/support/text.h"

namespace lintel::dataplane {
namespace {

bool is_token(std::string_view name) {
  if (name.empty()) return false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(ch) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

void append_field(std::string& out, std::string_view name, std::string_view value, bool last) {
  out.append(" ");
  support::append_json_string(out, name);
  out.append(": ");
  support::append_json_string(out, value);
  out.append(last ? "\n" : ",\n");
}

}  // namespace

std::string echo_json_body(const http::request_header<>& request, const EchoIdentity& identity) {
  std::map<std::string, std::vector<std::string_view>> headers;
  for (const auto& field : request) {
    if (field.name() == http::field::host) continue;
    const auto name = field.name_string();
    headers[canonical_header_name(std::string_view(name.data(), name.size()))].emplace_back(
        field.value().data(), field.value().size());
  }
  const auto target = request.target();
  const auto host = request[http::field::host];
  std::string out;
  out.reserve(512);
  out.append("{\n");
  append_field(out, "path", std::string_view(target.data(), target.size()), false);
  append_field(out, "host", std::string_view(host.data(), host.size()), false);
  const auto method = request.method_string();
  append_field(out, "method", std::string_view(method.data(), method.size()), false);
  append_field(out, "proto", request.version() == 10 ? "HTTP/1.0" : "HTTP/1.1", false);
  out.append(" \"headers\": {");
  bool first = true;
  for (const auto& [name, values] : headers) {
    out.append(first ? "\n  " : ",\n  ");
    first = false;
    support::append_json_string(out, name);
    out.append(": [");
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out.append(", ");
      support::append_json_string(out, values[i]);
    }
    out.append("]");
  }
  out.append(first ? "},\n" : "\n },\n");
  append_field(out, "namespace", identity.namespace_, false);
  append_field(out, "ingress", identity.ingress, false);
  append_field(out, "service", identity.service, false);
  append_field(out, "pod", identity.pod, false);
  append_field(out, "httpPort", identity.http_port, true);
  out.append("}\n");
  return out;
}

void apply_echo_set_header(const http::request_header<>& request,
                           http::response_header<>& response) {
  const auto range = request.equal_range("X-Echo-Set-Header");
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view list(it->value().data(), it->value().size());
    while (!list.empty()) {
      const auto comma = list.find(',');
      const std::string_view pair = support::trim_whitespace(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      const auto colon = pair.find(':');
      const std::string_view name = support::trim_whitespace(pair.substr(0, colon));
      const std::string_view value = colon == std::string_view::npos
                                         ? std::string_view()
                                         : support::trim_whitespace(pair.substr(colon + 1));
      // A name that is not a token would corrupt the response framing; skip it.
      if (!is_token(name)) continue;
      if (value.find_first_of("\r\n") != std::string_view::npos) continue;
      const auto existing = response.find(to_beast(name));
      if (existing == response.end()) {
        response.insert(to_beast(name), to_beast(value));
      } else {
        std::string joined(existing->value().data(), existing->value().size());
        joined.push_back(',');
        joined.append(value);
        response.set(to_beast(name), joined);
      }
    }
  }
}

bool find_query_parameter(std::string_view target, std::string_view name, std::string& value) {
  const auto question = target.find('?');
  return question != std::string_view::npos &&
         support::find_query_parameter(target.substr(question + 1), name, value);
}

}  // namespace lintel::dataplane
