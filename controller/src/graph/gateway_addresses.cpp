#include "gateway_addresses.h"

#include <algorithm>

namespace lintel::controller::graph {

namespace {

void add_once(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
  return out;
}

}  // namespace

GatewayAddresses check_gateway_addresses(const gateway::v1::Gateway& gateway,
                                         const std::vector<std::string>& available) {
  GatewayAddresses out;
  const auto& requested = gateway.spec().addresses();
  if (requested.empty()) {
    out.bound = available;
    return out;
  }
  std::vector<std::string> unsupported_types, unusable;
  bool any = false;
  for (const auto& address : requested) {
    std::string type = address.has_type() ? address.type() : "IPAddress";
    if (type != "IPAddress")
      add_once(unsupported_types, type);
    else if (address.value().empty())
      any = true;
    else if (std::find(available.begin(), available.end(), address.value()) != available.end())
      add_once(out.bound, address.value());
    else
      add_once(unusable, address.value());
  }
  if (any)
    for (const auto& value : available) add_once(out.bound, value);
  if (!unsupported_types.empty())
    out.unsupported = Problem{"UnsupportedAddress", "Address type " + joined(unsupported_types) +
                                                        " is not supported; Lintel assigns "
                                                        "IPAddress addresses only"};
  if (!unusable.empty())
    out.not_usable = Problem{"AddressNotUsable", "IPAddress " + joined(unusable) +
                                                     " is not one of Lintel's addresses (" +
                                                     joined(available) + ")"};
  else if (any && available.empty())
    out.not_usable = Problem{"AddressNotAssigned", "Lintel has no address to assign"};
  return out;
}

}  // namespace lintel::controller::graph
