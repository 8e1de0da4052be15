#include <arpa/inet.h>

#include "builtin_checks.h"
#include "lintel/discovery/v1/endpoint_slice.pb.h"
#include "rules.h"

// Not CEL: the API server's built-in validation of a discovery.k8s.io/v1 EndpointSlice
// (ValidateEndpointSlice), the parts Lintel relies on: addresses of the slice's type and ports.
namespace lintel::api::detail {

namespace {

using discovery::v1::EndpointSlice;

bool is_address_of(const std::string& address, int family) {
  unsigned char buffer[16];
  return inet_pton(family, address.c_str(), buffer) == 1;
}

void check_address(const std::string& address, const std::string& type, const std::string& field,
                   std::vector<FieldError>& errors) {
  if (type == "IPv4" && !is_address_of(address, AF_INET))
    errors.push_back(invalid_value(field, address, "must be a valid IPv4 address"));
  if (type == "IPv6" && !is_address_of(address, AF_INET6))
    errors.push_back(invalid_value(field, address, "must be a valid IPv6 address"));
}

}  // namespace

void check_endpoint_slice_rules(const google::protobuf::Message& object,
                                std::vector<FieldError>& errors) {
  const auto& slice = static_cast<const EndpointSlice&>(object);
  for (int i = 0; i < slice.endpoints_size(); ++i) {
    const auto& endpoint = slice.endpoints(i);
    std::string field = "endpoints[" + std::to_string(i) + "]";
    for (int j = 0; j < endpoint.addresses_size(); ++j) {
      check_address(endpoint.addresses(j), slice.address_type(),
                    field + ".addresses[" + std::to_string(j) + "]", errors);
    }
  }
  for (int i = 0; i < slice.ports_size(); ++i) {
    const auto& port = slice.ports(i);
    std::string field = "ports[" + std::to_string(i) + "]";
    if (port.has_port()) check_port_number(port.port(), field + ".port", errors);
  }
}

}  // namespace lintel::api::detail
