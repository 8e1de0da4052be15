#include "builtin_checks.h"

#include <arpa/inet.h>

#include <cctype>

namespace lintel::api::detail {

FieldError required_value(std::string field, std::string detail) {
  return {std::move(field), "Required value", std::move(detail)};
}

FieldError invalid_value(std::string field, const std::string& value, const std::string& detail) {
  return {std::move(field), "Invalid value", "\"" + value + "\": " + detail};
}

bool is_dns1123_label(std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  for (char c : s) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  }
  return s.front() != '-' && s.back() != '-';
}

bool is_dns1035_label(std::string_view s) {
  return is_dns1123_label(s) && std::islower(static_cast<unsigned char>(s.front()));
}

bool is_dns1123_subdomain(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view label =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_dns1123_label(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_ip_address(const std::string& s) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, s.c_str(), buffer) == 1 || inet_pton(AF_INET6, s.c_str(), buffer) == 1;
}

// IANA_SVC_NAME: at most 15 characters, lower-case letters, digits and '-', at least one letter,
// no leading, trailing or doubled '-'.
bool is_port_name(const std::string& s) {
  if (s.empty() || s.size() > 15) return false;
  bool letter = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::islower(static_cast<unsigned char>(c)))
      letter = true;
    else if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-')
      return false;
    if (c == '-' && (i == 0 || i + 1 == s.size() || s[i - 1] == '-')) return false;
  }
  return letter;
}

void check_host(const std::string& host, const std::string& field,
                std::vector<FieldError>& errors) {
  if (is_ip_address(host)) {
    errors.push_back(invalid_value(field, host, "must be a DNS name, not an IP address"));
    return;
  }
  if (host.rfind("*.", 0) == 0) {
    if (!is_dns1123_subdomain(std::string_view(host).substr(2))) {
      errors.push_back(invalid_value(
          field, host,
          "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid "
          "DNS subdomain, which must consist of lower case alphanumeric characters, "
          "'-' or '.' and end with an alphanumeric character (e.g. '*.example.com', "
          "regex used for validation is "
          "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    }
    return;
  }
  if (!is_dns1123_subdomain(host)) {
    errors.push_back(
        invalid_value(field, host,
                      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                      "characters, '-' or '.', and must start and end with an alphanumeric "
                      "character (e.g. 'example.com', regex used for validation is "
                      "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
  }
}

void check_port_name(const std::string& name, const std::string& field,
                     std::vector<FieldError>& errors) {
  if (!is_port_name(name)) {
    errors.push_back(invalid_value(field, name,
                                   "must be no more than 15 characters, contain only lower case "
                                   "alphanumeric characters or '-', contain at least one letter, "
                                   "and not begin, end or contain two adjacent '-'"));
  }
}

void check_port_number(std::int64_t number, const std::string& field,
                       std::vector<FieldError>& errors) {
  if (number < 1 || number > 65535) {
    errors.push_back({field, "Invalid value",
                      std::to_string(number) + ": must be between 1 and 65535, inclusive"});
  }
}

}  // namespace lintel::api::detail
