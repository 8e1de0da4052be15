#include "forwarding_headers.h"

#include <string>
#include <vector>

#include "lintel/support/text.h"

namespace lintel::dataplane {
namespace {

// Calls `visit` with every non-empty token of every Connection header; stops when it returns
// true, and returns whether it did.
template <typename Visit>
bool for_each_connection_token(const http::fields& fields, Visit&& visit) {
  const auto range = fields.equal_range(http::field::connection);
  for (auto it = range.first; it != range.second; ++it) {
    std::string_view list(it->value().data(), it->value().size());
    while (!list.empty()) {
      const auto comma = list.find(',');
      const std::string_view token = support::trim_whitespace(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      if (!token.empty() && visit(token)) return true;
    }
  }
  return false;
}

}  // namespace

bool connection_has_token(const http::fields& fields, std::string_view token) {
  return for_each_connection_token(fields, [token](std::string_view listed) {
    return beast::iequals(to_beast(listed), to_beast(token));
  });
}

bool is_upgrade_request(const http::request_header<>& request) {
  if (request.version() < 11) return false;  // Upgrade is HTTP/1.1's
  const auto upgrade = request.find(http::field::upgrade);
  if (upgrade == request.end()) return false;
  if (support::trim_whitespace(to_std(upgrade->value())).empty()) return false;
  return connection_has_token(request, "upgrade");
}

void strip_hop_by_hop_keep_upgrade(http::fields& fields) {
  std::string upgrade;
  const auto range = fields.equal_range(http::field::upgrade);
  for (auto it = range.first; it != range.second; ++it) {
    if (!upgrade.empty()) upgrade.append(", ");
    upgrade.append(it->value().data(), it->value().size());
  }
  strip_hop_by_hop(fields);
  if (!upgrade.empty()) fields.set(http::field::upgrade, upgrade);
  fields.set(http::field::connection, "upgrade");
}

void strip_hop_by_hop(http::fields& fields) {
  // Copied out first: erasing while the Connection value is still referenced would dangle.
  std::vector<std::string> named;
  for_each_connection_token(fields, [&named](std::string_view token) {
    // Host is end-to-end whatever a client claims; dropping it would break routing upstream.
    if (!beast::iequals(to_beast(token), "host")) named.emplace_back(token);
    return false;
  });
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
