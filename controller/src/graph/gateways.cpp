#include "gateways.h"

#include <algorithm>

#include "conditions.h"
#include "gateway_addresses.h"
#include "listeners.h"

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

std::string listener_names(const std::vector<CheckedListener>& listeners, bool accepted) {
  std::string out;
  for (const auto& listener : listeners)
    if (listener.node.accepted == accepted)
      out += (out.empty() ? "" : ", ") + listener.node.spec->name();
  return out;
}

}  // namespace

GatewayNode check_gateway(const gw::Gateway& gateway, const GatewayClassNode& gateway_class,
                          const Lookup& lookup, const GraphOptions& options) {
  std::int64_t generation = gateway.metadata().generation();
  GatewayAddresses addresses = check_gateway_addresses(gateway, options.addresses);
  std::optional<Problem> blocked = gateway_problem(gateway, gateway_class, addresses);

  std::vector<CheckedListener> listeners =
      check_listeners(gateway, !blocked, lookup, options.certificate_time);
  bool any_valid = std::any_of(listeners.begin(), listeners.end(),
                               [](const auto& listener) { return listener.node.accepted; });
  bool all_valid = std::all_of(listeners.begin(), listeners.end(),
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
  } else if (!all_valid) {
    std::string message = "Invalid listeners: " + listener_names(listeners, false);
    if (any_valid) message += "; accepted listeners: " + listener_names(listeners, true);
    *conditions->Add() =
        make_condition("Accepted", any_valid, "ListenersNotValid", message, generation);
  } else {
    *conditions->Add() =
        make_condition("Accepted", true, "Accepted", "Gateway is accepted", generation);
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
