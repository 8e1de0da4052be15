#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

// Typed values of ingress-nginx annotations. Each parser takes the annotation's text and returns
// the value, or the detail of an API-server-style "Invalid value" error (what the value must be).
namespace lintel::conversion::annotations {

template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // set when value is not: "must be ..."

  static Parsed ok(T v) { return Parsed{std::move(v), {}}; }
  static Parsed invalid(std::string detail) { return Parsed{std::nullopt, std::move(detail)}; }
};

Parsed<bool> parse_bool(const std::string& text);
// A whole number in [min, max].
Parsed<std::int64_t> parse_integer(const std::string& text, std::int64_t min, std::int64_t max);
// nginx's size syntax: digits with an optional k/K/m/M/g/G suffix; bytes.
Parsed<std::uint64_t> parse_nginx_size(const std::string& text);

struct AbsoluteUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case hostname
  std::optional<std::int32_t> port;
  std::string path;   // "" when the URL has none
  std::string query;  // without "?"; "" when none
};
// An http:// or https:// URL whose host is a DNS name, as a redirect Location.
Parsed<AbsoluteUrl> parse_absolute_url(const std::string& text);

// A comma-separated list, each item trimmed, empty items dropped.
std::vector<std::string> split_list(const std::string& text);

struct Cidr {
  std::string text;  // as written, trimmed
  bool ipv6 = false;
  int prefix_length = 0;
};
// Comma-separated IPv4/IPv6 addresses or CIDRs (an address is a /32 or /128).
Parsed<std::vector<Cidr>> parse_cidr_list(const std::string& text);

// Comma-separated HTTP status codes, each in [400, 599].
Parsed<std::vector<std::int64_t>> parse_error_codes(const std::string& text);

// Whether `name` is an HTTP header field name (an RFC 9110 token).
bool is_header_name(const std::string& name);
// Whether `name` is a DNS-1123 subdomain in lower case, as Gateway API hostnames are.
bool is_dns_hostname(const std::string& name);

}  // namespace lintel::conversion::annotations
