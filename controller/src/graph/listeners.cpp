#include "listeners.h"

#include "conditions.h"
#include "listener_tls.h"
#include "protocols.h"

namespace lintel::controller::graph {

namespace {

// supportedKinds: HTTPRoute for the protocols Lintel serves, unless allowedRoutes.kinds narrows
// it; every listed kind Lintel cannot attach is a problem.
std::vector<Problem> check_route_kinds(const gw::Listener& listener, gw::ListenerStatus& status) {
  bool served = served_protocol(listener.protocol());
  auto add_http_route = [&] {
    if (supports_http_routes(status)) return;
    gw::RouteGroupKind* kind = status.add_supported_kinds();
    kind->set_group(kGatewayGroup);
    kind->set_kind("HTTPRoute");
  };
  const auto& kinds = listener.allowed_routes().kinds();
  if (kinds.empty() && served) add_http_route();
  std::vector<Problem> problems;
  for (const auto& kind : kinds) {
    if (served && kind.group() == kGatewayGroup && kind.kind() == "HTTPRoute") {
      add_http_route();
    } else {
      problems.push_back(
          {"InvalidRouteKinds", "Route kind " + kind_name(kind.group(), kind.kind()) +
                                    " is not supported by " + listener.protocol() + " listeners"});
    }
  }
  return problems;
}

std::optional<Problem> protocol_problem(const gw::Listener& listener) {
  if (served_protocol(listener.protocol())) return std::nullopt;
  return Problem{"UnsupportedProtocol", "Protocol " + listener.protocol() +
                                            " is not supported; Lintel serves HTTP and HTTPS"};
}

// What the checks found about one listener, before it is written as conditions.
struct Findings {
  std::optional<Problem> not_accepted;  // protocol, TLS setting, or conflict
  bool conflicted = false;              // not_accepted is the conflict
  bool certificates_servable = true;
  std::vector<Problem> ref_problems;           // certificates, then route kinds
  std::vector<std::string> certificate_notes;  // served all the same (expired certificates)
};

void write_conditions(const Findings& found, const ListenerNode& node,
                      const std::optional<Problem>& conflict, const std::optional<Problem>& overlap,
                      std::int64_t generation, Conditions& conditions) {
  auto add = [&](std::string_view type, bool status, std::string_view reason,
                 std::string_view message) {
    *conditions.Add() = make_condition(type, status, reason, message, generation);
  };
  if (found.not_accepted)
    add("Accepted", false, found.not_accepted->reason, found.not_accepted->message);
  else
    add("Accepted", true, "Accepted", "Listener is accepted");

  if (node.programmed)
    add("Programmed", true, "Programmed", "Listener is programmed");
  else if (found.not_accepted)
    add("Programmed", false, found.conflicted ? found.not_accepted->reason : "Invalid",
        found.not_accepted->message);
  else if (!found.certificates_servable)
    add("Programmed", false, "Invalid", "Listener has no usable certificate");
  else
    add("Programmed", false, "Invalid", "Gateway is not accepted");

  std::string notes;
  for (const auto& note : found.certificate_notes) notes += "; " + note;
  if (found.ref_problems.empty())
    add("ResolvedRefs", true, "ResolvedRefs", "All references are resolved" + notes);
  else
    add("ResolvedRefs", false, found.ref_problems.front().reason,
        join_messages(found.ref_problems) + notes);

  if (conflict)
    add("Conflicted", true, conflict->reason, conflict->message);
  else
    add("Conflicted", false, "NoConflicts", "No conflicts");
  // Negative polarity: present only while true.
  if (overlap) add("OverlappingTLSConfig", true, overlap->reason, overlap->message);
}

CheckedListener check_listener(const ListenerOwner& owner, const gw::Listener& listener,
                               const std::optional<Problem>& conflict,
                               const std::optional<Problem>& overlap, bool usable,
                               const Lookup& lookup, std::int64_t certificate_time) {
  CheckedListener out;
  out.node.spec = &listener;
  out.status.set_name(listener.name());
  out.status.set_attached_routes(0);

  Findings found;
  found.not_accepted = protocol_problem(listener);
  // That a listener of higher precedence has its port says more than its protocol.
  if (found.not_accepted && conflict) {
    found.not_accepted = conflict;
    found.conflicted = true;
  }
  if (!found.not_accepted && listener.protocol() == "HTTPS") {
    ListenerTls tls =
        check_listener_tls(*owner.gateway, owner.referrer, listener, lookup, certificate_time);
    found.certificate_notes = std::move(tls.notes);
    found.not_accepted = tls.unsupported;
    found.certificates_servable = tls.servable;
    found.ref_problems = std::move(tls.ref_problems);
    if (found.certificates_servable) out.node.certificates = std::move(tls.certificates);
  }
  if (!found.not_accepted && conflict) {
    found.not_accepted = conflict;
    found.conflicted = true;
  }
  for (auto& problem : check_route_kinds(listener, out.status))
    found.ref_problems.push_back(std::move(problem));

  out.node.accepted = !found.not_accepted;
  out.certificates_resolved = found.certificates_servable;
  out.node.programmed = out.node.accepted && found.certificates_servable && usable;
  write_conditions(found, out.node, conflict, overlap, owner.generation,
                   *out.status.mutable_conditions());
  return out;
}

}  // namespace

meta::v1::Condition listeners_accepted_condition(const std::vector<CheckedListener>& listeners,
                                                 ListenerValidity is_valid,
                                                 std::string_view accepted_message,
                                                 std::int64_t generation) {
  std::string valid, invalid;
  for (const auto& listener : listeners) {
    std::string& names = is_valid(listener) ? valid : invalid;
    names += (names.empty() ? "" : ", ") + listener.node.spec->name();
  }
  if (invalid.empty())
    return make_condition("Accepted", true, "Accepted", accepted_message, generation);
  std::string message = "Invalid listeners: " + invalid;
  if (!valid.empty()) message += "; accepted listeners: " + valid;
  return make_condition("Accepted", !valid.empty(), "ListenersNotValid", message, generation);
}

bool supports_http_routes(const gw::ListenerStatus& status) {
  for (const auto& kind : status.supported_kinds())
    if (kind.group() == kGatewayGroup && kind.kind() == "HTTPRoute") return true;
  return false;
}

std::vector<RankedListener> ranked_listeners(
    const google::protobuf::RepeatedPtrField<gw::Listener>& listeners, std::size_t rank,
    const std::string& owner) {
  std::vector<RankedListener> out;
  for (const auto& listener : listeners) out.push_back({&listener, rank, owner});
  return out;
}

std::vector<CheckedListener> check_listeners(
    const ListenerOwner& owner, const google::protobuf::RepeatedPtrField<gw::Listener>& listeners,
    const std::vector<std::optional<Problem>>& conflicts,
    const std::vector<std::optional<Problem>>& overlaps, bool usable, const Lookup& lookup,
    std::int64_t certificate_time) {
  std::vector<CheckedListener> out;
  for (int i = 0; i < listeners.size(); ++i) {
    auto at = static_cast<std::size_t>(i);
    out.push_back(check_listener(owner, listeners[i], conflicts[at], overlaps[at], usable, lookup,
                                 certificate_time));
  }
  return out;
}

}  // namespace lintel::controller::graph
