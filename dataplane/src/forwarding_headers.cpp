#include "forwarding_headers.h"

#include <string>
#include <vector>

#include "lintel/support/text.h"

namespace lintel::dataplane {

void strip_hop_by_hop(http::fields& fields) {
  // Copied out first: erasing while the Connection value is still referenced would dangle.
  std::vector<std::string> named;
  for (auto it = fields.find(http::field::connection);
       it != fields.end() && it->name() == http::field::connection; ++it) {
    std::string_view list(it->value().data(), it->value().size());
    while (!list.empty()) {
      const auto comma = list.find(',');
      const std::string_view token = support::trim_whitespace(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      // Host is end-to-end whatever a client claims; dropping it would break routing upstream.
      if (!token.empty() && !beast::iequals(to_beast(token), "host")) named.emplace_back(token);
    }
  }
  for (const auto& name : named) fields.erase(name);
  fields.erase(http::field::connection);
  fields.erase(http::field::keep_alive);
  fields.erase(http::field::proxy_connection);
  fields.erase(http::field::te);
  fields.erase(http::field::trailer);
  fields.erase(http::field::transfer_encoding);
  fields.erase(http::field::upgrade);
}

void add_forwarding_headers(http::fields& fields, std::string_view client_address,
                            std::string_view scheme, std::string_view request_id) {
  std::string forwarded_for;
  const auto range = fields.equal_range("X-Forwarded-For");
  for (auto it = range.first; it != range.second; ++it) {
    if (!forwarded_for.empty()) forwarded_for.append(", ");
    forwarded_for.append(it->value().data(), it->value().size());
  }
  if (!forwarded_for.empty()) forwarded_for.append(", ");
  forwarded_for.append(client_address);
  fields.set("X-Forwarded-For", forwarded_for);
  fields.set("X-Forwarded-Proto", to_beast(scheme));
  const auto host = fields[http::field::host];
  if (host.empty()) {
    fields.erase("X-Forwarded-Host");
  } else {
    fields.set("X-Forwarded-Host", std::string(host.data(), host.size()));
  }
  if (fields.find("X-Request-Id") == fields.end()) fields.set("X-Request-Id", to_beast(request_id));
}

void format_request_id(std::uint64_t high, std::uint64_t low, char (&out)[32]) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) {
    out[i] = kHex[(high >> (60 - 4 * i)) & 0xF];
    out[16 + i] = kHex[(low >> (60 - 4 * i)) & 0xF];
  }
}

}  // namespace lintel::dataplane
