#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lintel/api/validate.h"

// The name and value checks of the API server's built-in validation (apimachinery's
// validation package), shared by the rules of the built-in kinds, each worded as it words them.
namespace lintel::api::detail {

bool is_dns1123_label(std::string_view s);
bool is_dns1035_label(std::string_view s);
bool is_dns1123_subdomain(std::string_view s);
bool is_ip_address(const std::string& s);
// IANA_SVC_NAME (a port's name).
bool is_port_name(const std::string& s);

FieldError required_value(std::string field, std::string detail = "");
// `field: Invalid value: "value": detail`
FieldError invalid_value(std::string field, const std::string& value, const std::string& detail);

// An Ingress rule or TLS host: a DNS subdomain, optionally with a leading "*.".
void check_host(const std::string& host, const std::string& field, std::vector<FieldError>& errors);
// A port's name as a Service or a backend names it.
void check_port_name(const std::string& name, const std::string& field,
                     std::vector<FieldError>& errors);
// A port number: 1 to 65535.
void check_port_number(std::int64_t number, const std::string& field,
                       std::vector<FieldError>& errors);

}  // namespace lintel::api::detail
