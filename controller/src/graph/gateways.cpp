#include "gateways.h"

#include <algorithm>

#include "conditions.h"
#include "gateway_addresses.h"
#include "listeners.h"
#include "protocols.h"

namespace lintel::controller::graph {

namespace {

// What keeps the Gateway as a whole from being accepted, before its listeners are looked at.
std::optional<Problem> gateway_problem(const gw::Gateway& gateway,
                                       const GatewayClassNode& gateway_class,
                                       const GatewayAddresses& addresses) {
  if (!gateway_class.accepted)
    return Problem{"Invalid",
                   "GatewayClass " + gateway.spec().gateway_class_name() + " is not accepted"};
  if (gateway.spec().infrastructure().has_parameters_ref()) {
    const auto& ref = gateway.spec().infrastructure().parameters_ref();
    return Problem{"InvalidParameters", "infrastructure.parametersRef " +
                                            kind_name(ref.group(), ref.kind()) + " " + ref.name() +
                                            " cannot be used: Lintel has no parameters kind"};
  }
  return addresses.unsupported;
}

bool accepted_listener(const CheckedListener& listener) {
  return listener.node.accepted;
}

std::vector<std::string> available_addresses(const gw::Gateway& gateway,
                                             const GraphOptions& options) {
  if (!options.gateway_addresses) return options.addresses;
  const auto own = options.gateway_addresses->find(gateway.metadata().namespace_() + "/" +
                                                   gateway.metadata().name());
  if (own == options.gateway_addresses->end()) return {};
  return {own->second};
}

}  // namespace

GatewayNode check_gateway(const gw::Gateway& gateway, const GatewayClassNode& gateway_class,
                          const Lookup& lookup, const GraphOptions& options) {
  std::int64_t generation = gateway.metadata().generation();
  GatewayAddresses addresses =
      check_gateway_addresses(gateway, available_addresses(gateway, options));
  if (options.gateway_addresses && addresses.bound.empty() && !addresses.not_usable)
    addresses.not_usable =
        Problem{"AddressNotAssigned", "every address of Lintel's Gateway address block is taken"};
  std::optional<Problem> blocked = gateway_problem(gateway, gateway_class, addresses);

  const auto& own = gateway.spec().listeners();
  std::vector<RankedListener> ranked = ranked_listeners(
      own, 0, "Gateway " + object_name(gateway.metadata().namespace_(), gateway.metadata().name()));
  ListenerOwner owner{
      &gateway, {kGatewayGroup, "Gateway", gateway.metadata().namespace_()}, generation};
  std::vector<CheckedListener> listeners =
      check_listeners(owner, own, listener_conflicts(ranked), overlapping_tls(ranked), !blocked,
                      lookup, options.certificate_time);
  bool any_valid = std::any_of(listeners.begin(), listeners.end(),
                               [](const auto& listener) { return listener.node.accepted; });
  bool any_programmed = std::any_of(listeners.begin(), listeners.end(),
                                    [](const auto& listener) { return listener.node.programmed; });

  GatewayNode out;
  out.gateway = &gateway;
  out.gateway_class = gateway_class.gateway_class;
  out.accepted = !blocked && any_valid;
  out.programmed = out.accepted && any_programmed && !addresses.not_usable;
  auto* conditions = out.status.mutable_conditions();
  if (blocked) {
    *conditions->Add() =
        make_condition("Accepted", false, blocked->reason, blocked->message, generation);
  } else {
    *conditions->Add() = listeners_accepted_condition(listeners, accepted_listener,
                                                      "Gateway is accepted", generation);
  }

  if (out.programmed) {
    *conditions->Add() =
        make_condition("Programmed", true, "Programmed", "Gateway is programmed", generation);
  } else if (out.accepted && addresses.not_usable) {
    *conditions->Add() = make_condition("Programmed", false, addresses.not_usable->reason,
                                        addresses.not_usable->message, generation);
  } else {
    std::string message = out.accepted ? "No listener is programmed" : "Gateway is not accepted";
    *conditions->Add() = make_condition("Programmed", false, "Invalid", message, generation);
  }

  if (out.accepted)
    for (const auto& value : addresses.bound) {
      gw::GatewayStatusAddress* address = out.status.add_addresses();
      address->set_type("IPAddress");
      address->set_value(value);
    }
  for (auto& listener : listeners) {
    out.listeners.push_back(std::move(listener.node));
    *out.status.add_listeners() = std::move(listener.status);
  }
  return out;
}

}  // namespace lintel::controller::graph
