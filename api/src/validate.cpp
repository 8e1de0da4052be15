#include "lintel/api/validate.h"

#include <arpa/inet.h>

#include <cctype>

namespace lintel::api {

namespace {

std::string quoted(const std::string& value) {
  return "\"" + value + "\"";
}

FieldError required(std::string field, std::string detail = "") {
  return {std::move(field), "Required value", std::move(detail)};
}

FieldError invalid(std::string field, const std::string& value, const std::string& detail) {
  return {std::move(field), "Invalid value", quoted(value) + ": " + detail};
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

void validate_host(const std::string& host, const std::string& field,
                   std::vector<FieldError>& errors) {
  if (is_ip_address(host)) {
    errors.push_back(invalid(field, host, "must be a DNS name, not an IP address"));
    return;
  }
  if (host.rfind("*.", 0) == 0) {
    if (!is_dns1123_subdomain(std::string_view(host).substr(2))) {
      errors.push_back(
          invalid(field, host,
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
        invalid(field, host,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                "characters, '-' or '.', and must start and end with an alphanumeric "
                "character (e.g. 'example.com', regex used for validation is "
                "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
  }
}

void validate_backend(const IngressBackend& backend, const std::string& field,
                      std::vector<FieldError>& errors) {
  if (backend.resource && backend.service) {
    errors.push_back(invalid(field, "", "cannot set both resource and service backends"));
    return;
  }
  if (backend.resource) {
    if (backend.resource->kind.empty()) errors.push_back(required(field + ".resource.kind"));
    if (backend.resource->name.empty()) errors.push_back(required(field + ".resource.name"));
    return;
  }
  if (!backend.service) {
    errors.push_back(invalid(field, "", "resource or service backend is required"));
    return;
  }
  const auto& service = *backend.service;
  if (service.name.empty()) {
    errors.push_back(required(field + ".service.name"));
  } else if (!is_dns1035_label(service.name)) {
    errors.push_back(
        invalid(field + ".service.name", service.name,
                "a DNS-1035 label must consist of lower case alphanumeric characters or "
                "'-', start with an alphabetic character, and end with an alphanumeric "
                "character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                "'[a-z]([-a-z0-9]*[a-z0-9])?')"));
  }
  bool has_name = !service.port.name.empty();
  bool has_number = service.port.number.has_value() && *service.port.number != 0;
  if (has_name && has_number) {
    errors.push_back(invalid(field, "", "cannot set both port name & port number"));
  } else if (has_name) {
    if (!is_port_name(service.port.name)) {
      errors.push_back(invalid(field + ".service.port.name", service.port.name,
                               "must be no more than 15 characters, contain only lower case "
                               "alphanumeric characters or '-', contain at least one letter, and "
                               "not begin, end or contain two adjacent '-'"));
    }
  } else if (has_number) {
    if (*service.port.number < 1 || *service.port.number > 65535) {
      errors.push_back(
          {field + ".service.port.number", "Invalid value",
           std::to_string(*service.port.number) + ": must be between 1 and 65535, inclusive"});
    }
  } else {
    errors.push_back(required(field + ".service.port", "port name or number is required"));
  }
}

void validate_path(const HTTPIngressPath& path, const std::string& field,
                   std::vector<FieldError>& errors) {
  if (!path.path_type) {
    errors.push_back(required(field + ".pathType", "pathType must be specified"));
  } else if (*path.path_type != PathType::kImplementationSpecific) {
    if (path.path.empty() || path.path[0] != '/') {
      errors.push_back(invalid(field + ".path", path.path, "must be an absolute path"));
    } else {
      for (const char* bad : {"//", "/./", "/../", "%2f", "%2F"}) {
        if (path.path.find(bad) != std::string::npos) {
          errors.push_back(
              invalid(field + ".path", path.path, std::string("must not contain '") + bad + "'"));
        }
      }
      for (const char* bad : {"/..", "/."}) {
        std::string_view p = path.path;
        std::string_view suffix = bad;
        if (p.size() >= suffix.size() && p.substr(p.size() - suffix.size()) == suffix) {
          errors.push_back(
              invalid(field + ".path", path.path, std::string("must not end with '") + bad + "'"));
        }
      }
    }
  } else if (!path.path.empty() && path.path[0] != '/') {
    errors.push_back(invalid(field + ".path", path.path, "must be an absolute path"));
  }
  validate_backend(path.backend, field + ".backend", errors);
}

}  // namespace

std::string FieldError::to_string() const {
  std::string out = field + ": " + type;
  if (!detail.empty()) out += ": " + detail;
  return out;
}

std::vector<FieldError> validate_ingress(const Ingress& ingress) {
  std::vector<FieldError> errors;
  const IngressSpec& spec = ingress.spec;
  if (!spec.default_backend && spec.rules.empty()) {
    errors.push_back(
        {"spec", "Invalid value",
         "[]networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"});
  }
  if (spec.default_backend) validate_backend(*spec.default_backend, "spec.defaultBackend", errors);
  for (size_t i = 0; i < spec.rules.size(); ++i) {
    const IngressRule& rule = spec.rules[i];
    std::string field = "spec.rules[" + std::to_string(i) + "]";
    if (!rule.host.empty()) validate_host(rule.host, field + ".host", errors);
    if (!rule.http_paths) continue;
    if (rule.http_paths->empty()) errors.push_back(required(field + ".http.paths"));
    for (size_t j = 0; j < rule.http_paths->size(); ++j) {
      validate_path((*rule.http_paths)[j], field + ".http.paths[" + std::to_string(j) + "]",
                    errors);
    }
  }
  for (size_t i = 0; i < spec.tls.size(); ++i) {
    for (size_t j = 0; j < spec.tls[i].hosts.size(); ++j) {
      validate_host(spec.tls[i].hosts[j],
                    "spec.tls[" + std::to_string(i) + "].hosts[" + std::to_string(j) + "]", errors);
    }
  }
  if (spec.ingress_class_name && !is_dns1123_subdomain(*spec.ingress_class_name)) {
    errors.push_back(
        invalid("spec.ingressClassName", *spec.ingress_class_name,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                "characters, '-' or '.', and must start and end with an alphanumeric character"));
  }
  return errors;
}

std::string invalid_message(const std::string& kind, const std::string& name,
                            const std::vector<FieldError>& errors) {
  std::string joined;
  for (const auto& error : errors) {
    if (!joined.empty()) joined += ", ";
    joined += error.to_string();
  }
  if (errors.size() > 1) joined = "[" + joined + "]";
  return "The " + kind + " \"" + name + "\" is invalid: " + joined;
}

}  // namespace lintel::api
