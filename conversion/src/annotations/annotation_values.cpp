#include "annotations/annotation_values.h"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>

namespace lintel::conversion::annotations {

namespace {

std::string trim(const std::string& text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::optional<std::uint64_t> digits_value(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_label(const std::string& label) {
  if (label.empty() || label.size() > 63) return false;
  for (char c : label) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  }
  return label.front() != '-' && label.back() != '-';
}

}  // namespace

Parsed<bool> parse_bool(const std::string& text) {
  // ingress-nginx reads booleans with Go's strconv.ParseBool.
  static const char* const kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char* const kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
  std::string value = trim(text);
  for (const char* t : kTrue)
    if (value == t) return Parsed<bool>::ok(true);
  for (const char* f : kFalse)
    if (value == f) return Parsed<bool>::ok(false);
  return Parsed<bool>::invalid("must be \"true\" or \"false\"");
}

Parsed<std::int64_t> parse_integer(const std::string& text, std::int64_t min, std::int64_t max) {
  std::string value = trim(text);
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  std::string range =
      "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (value.empty() || error != std::errc() || end != value.data() + value.size())
    return Parsed<std::int64_t>::invalid(range);
  if (number < min || number > max) return Parsed<std::int64_t>::invalid(range);
  return Parsed<std::int64_t>::ok(number);
}

Parsed<std::uint64_t> parse_nginx_size(const std::string& text) {
  std::string value = trim(text);
  const char* detail = "must be a size in bytes, optionally with a k, m or g suffix (\"8m\")";
  if (value.empty()) return Parsed<std::uint64_t>::invalid(detail);
  std::uint64_t unit = 1;
  switch (value.back()) {
    case 'k':
    case 'K':
      unit = 1024;
      break;
    case 'm':
    case 'M':
      unit = 1024 * 1024;
      break;
    case 'g':
    case 'G':
      unit = 1024 * 1024 * 1024;
      break;
    default:
      break;
  }
  if (unit != 1) value.pop_back();
  auto number = digits_value(value);
  if (!number || *number > UINT64_MAX / unit) return Parsed<std::uint64_t>::invalid(detail);
  return Parsed<std::uint64_t>::ok(*number * unit);
}

bool is_dns_hostname(const std::string& name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = name.find('.', start);
    if (!is_label(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start)))
      return false;
    if (dot == std::string::npos) return true;
    start = dot + 1;
  }
}

Parsed<AbsoluteUrl> parse_absolute_url(const std::string& text) {
  std::string value = trim(text);
  const char* detail = "must be an http:// or https:// URL with a DNS host name";
  AbsoluteUrl url;
  std::size_t after_scheme = value.find("://");
  if (after_scheme == std::string::npos) return Parsed<AbsoluteUrl>::invalid(detail);
  url.scheme = value.substr(0, after_scheme);
  for (auto& c : url.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (url.scheme != "http" && url.scheme != "https") return Parsed<AbsoluteUrl>::invalid(detail);
  std::string rest = value.substr(after_scheme + 3);
  std::size_t authority_end = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, authority_end);
  std::string tail = authority_end == std::string::npos ? "" : rest.substr(authority_end);
  if (authority.find('@') != std::string::npos) return Parsed<AbsoluteUrl>::invalid(detail);
  std::size_t colon = authority.rfind(':');
  if (colon != std::string::npos) {
    auto port = digits_value(authority.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535) return Parsed<AbsoluteUrl>::invalid(detail);
    url.port = static_cast<std::int32_t>(*port);
    authority = authority.substr(0, colon);
  }
  for (auto& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!is_dns_hostname(authority)) return Parsed<AbsoluteUrl>::invalid(detail);
  url.host = authority;
  std::size_t fragment = tail.find('#');
  if (fragment != std::string::npos) tail = tail.substr(0, fragment);
  std::size_t question = tail.find('?');
  url.path = tail.substr(0, question);
  if (question != std::string::npos) url.query = tail.substr(question + 1);
  for (char c : url.path) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
      return Parsed<AbsoluteUrl>::invalid(detail);
  }
  return Parsed<AbsoluteUrl>::ok(std::move(url));
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = text.find(',', start);
    std::string item =
        trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

Parsed<std::vector<Cidr>> parse_cidr_list(const std::string& text) {
  std::vector<Cidr> out;
  for (const auto& item : split_list(text)) {
    Cidr cidr;
    cidr.text = item;
    std::size_t slash = item.find('/');
    std::string address = item.substr(0, slash);
    unsigned char bytes[16];
    if (inet_pton(AF_INET, address.c_str(), bytes) == 1) {
      cidr.prefix_length = 32;
    } else if (inet_pton(AF_INET6, address.c_str(), bytes) == 1) {
      cidr.ipv6 = true;
      cidr.prefix_length = 128;
    } else {
      return Parsed<std::vector<Cidr>>::invalid("\"" + item + "\" is not an IP address or CIDR");
    }
    if (slash != std::string::npos) {
      auto length = digits_value(item.substr(slash + 1));
      if (!length || static_cast<int>(*length) > cidr.prefix_length)
        return Parsed<std::vector<Cidr>>::invalid("\"" + item + "\" has an invalid prefix length");
      cidr.prefix_length = static_cast<int>(*length);
    }
    out.push_back(std::move(cidr));
  }
  if (out.empty()) return Parsed<std::vector<Cidr>>::invalid("must list at least one CIDR");
  return Parsed<std::vector<Cidr>>::ok(std::move(out));
}

Parsed<std::vector<std::int64_t>> parse_error_codes(const std::string& text) {
  std::vector<std::int64_t> out;
  for (const auto& item : split_list(text)) {
    auto code = parse_integer(item, 400, 599);
    if (!code.value)
      return Parsed<std::vector<std::int64_t>>::invalid(
          "\"" + item + "\" is not an HTTP error status (400 to 599)");
    out.push_back(*code.value);
  }
  if (out.empty())
    return Parsed<std::vector<std::int64_t>>::invalid("must list at least one status code");
  return Parsed<std::vector<std::int64_t>>::ok(std::move(out));
}

bool is_header_name(const std::string& name) {
  if (name.empty() || name.size() > 256) return false;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) continue;
    if (std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace lintel::conversion::annotations
