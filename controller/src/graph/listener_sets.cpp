#include "listener_sets.h"

#include <algorithm>
#include <optional>

#include "conditions.h"
#include "label_selector.h"
#include "listeners.h"
#include "protocols.h"
#include "route_attachment.h"

namespace lintel::controller::graph {

namespace {

std::string name_of(const char* kind, const meta::v1::ObjectMeta& meta) {
  return std::string(kind) + " " + object_name(meta.namespace_(), meta.name());
}

std::string allowed_from(const gw::Gateway& gateway) {
  const gw::ListenerNamespaces& namespaces = gateway.spec().allowed_listeners().namespaces();
  return namespaces.has_from() ? namespaces.from() : "None";
}

// Why the Gateway's spec.allowedListeners keeps the ListenerSet out, if it does.
std::optional<std::string> not_allowed(const gw::Gateway& gateway, const gw::ListenerSet& set,
                                       const Lookup& lookup) {
  const std::string& ns = set.metadata().namespace_();
  const std::string from = allowed_from(gateway);
  const gw::ListenerNamespaces& namespaces = gateway.spec().allowed_listeners().namespaces();
  std::string gateway_name = name_of("Gateway", gateway.metadata());
  if (from == "All") return std::nullopt;
  if (from == "Same" && ns == gateway.metadata().namespace_()) return std::nullopt;
  if (from == "Selector" && namespaces.has_selector() &&
      selector_matches(namespaces.selector(), lookup.namespace_labels(ns)))
    return std::nullopt;
  if (from == "Same")
    return gateway_name + " allows ListenerSets from its own namespace only, not from " + ns;
  if (from == "Selector")
    return gateway_name + " allows ListenerSets from the namespaces its selector matches; " + ns +
           " is not one of them";
  return gateway_name + " allows no ListenerSets (spec.allowedListeners.namespaces.from: " + from +
         ")";
}

std::optional<std::size_t> parent_gateway(
    const gw::ListenerSet& set,
    const std::map<std::pair<std::string, std::string>, std::size_t>& gateway_index) {
  const gw::ParentGatewayReference& ref = set.spec().parent_ref();
  if ((ref.has_group() && ref.group() != kGatewayGroup) ||
      (ref.has_kind() && ref.kind() != "Gateway"))
    return std::nullopt;
  std::string ns = ref.has_namespace_() ? ref.namespace_() : set.metadata().namespace_();
  auto found = gateway_index.find({ns, ref.name()});
  if (found == gateway_index.end()) return std::nullopt;
  return found->second;
}

// Listener precedence among a Gateway's ListenerSets: the oldest first, then by namespace/name
// (the input order). A ListenerSet without a creationTimestamp (standalone mode) is taken as the
// newest.
bool takes_precedence(const ListenerSetNode& a, const ListenerSetNode& b) {
  const std::string& ta = a.listener_set->metadata().creation_timestamp();
  const std::string& tb = b.listener_set->metadata().creation_timestamp();
  if (ta.empty() != tb.empty()) return !ta.empty();
  return ta < tb;
}

void refuse(ListenerSetNode& node, const char* reason, const std::string& message) {
  std::int64_t generation = node.listener_set->metadata().generation();
  auto* conditions = node.status.mutable_conditions();
  *conditions->Add() = make_condition("Accepted", false, reason, message, generation);
  *conditions->Add() = make_condition("Programmed", false, reason, message, generation);
}

bool valid_listener(const CheckedListener& listener) {
  return listener.node.accepted && listener.certificates_resolved;
}

void write_listeners(ListenerSetNode& node, std::vector<CheckedListener> listeners,
                     const GatewayNode& gateway) {
  std::int64_t generation = node.listener_set->metadata().generation();
  auto any = [&](auto flag) { return std::any_of(listeners.begin(), listeners.end(), flag); };
  node.accepted = any(valid_listener);
  bool any_programmed = any([](const CheckedListener& l) { return l.node.programmed; });
  node.programmed = node.accepted && any_programmed && gateway.programmed;

  meta::v1::Condition accepted = listeners_accepted_condition(
      listeners, valid_listener, "ListenerSet is accepted", generation);
  meta::v1::Condition programmed;
  if (node.programmed)
    programmed =
        make_condition("Programmed", true, "Programmed", "ListenerSet is programmed", generation);
  else if (!node.accepted)
    programmed =
        make_condition("Programmed", false, accepted.reason(), accepted.message(), generation);
  else if (!gateway.programmed)
    programmed = make_condition(
        "Programmed", false, "ParentNotProgrammed",
        name_of("Gateway", gateway.gateway->metadata()) + " is not programmed", generation);
  else
    programmed =
        make_condition("Programmed", false, "Invalid", "No listener is programmed", generation);
  *node.status.add_conditions() = std::move(accepted);
  *node.status.add_conditions() = std::move(programmed);
  for (auto& listener : listeners) {
    node.listeners.push_back(std::move(listener.node));
    *node.status.add_listeners() = std::move(listener.status);
  }
}

// Checks the ListenerSets of one Gateway, given in precedence order.
void check_for_gateway(GatewayNode& gateway, std::vector<ListenerSetNode*> sets,
                       const Lookup& lookup, std::int64_t certificate_time) {
  const gw::Gateway& parent = *gateway.gateway;
  std::vector<RankedListener> merged =
      ranked_listeners(parent.spec().listeners(), 0, name_of("Gateway", parent.metadata()));
  std::optional<std::string> parent_refused;
  if (refused_for_itself(gateway.status.conditions()))
    parent_refused = name_of("Gateway", parent.metadata()) + " is not accepted";

  std::vector<ListenerSetNode*> taking_part;
  for (ListenerSetNode* node : sets) {
    if (auto why = not_allowed(parent, *node->listener_set, lookup)) {
      refuse(*node, "NotAllowed", *why);
    } else if (parent_refused) {
      refuse(*node, "ParentNotAccepted", *parent_refused);
    } else {
      std::vector<RankedListener> own =
          ranked_listeners(node->listener_set->spec().listeners(), taking_part.size() + 1,
                           name_of("ListenerSet", node->listener_set->metadata()));
      merged.insert(merged.end(), own.begin(), own.end());
      taking_part.push_back(node);
    }
  }

  std::vector<std::optional<Problem>> conflicts = listener_conflicts(merged);
  std::vector<std::optional<Problem>> overlaps = overlapping_tls(merged);
  auto offset = static_cast<std::ptrdiff_t>(parent.spec().listeners_size());
  std::int32_t attached = 0;
  for (ListenerSetNode* node : taking_part) {
    const gw::ListenerSet& set = *node->listener_set;
    auto count = static_cast<std::ptrdiff_t>(set.spec().listeners_size());
    std::vector<std::optional<Problem>> own_conflicts(conflicts.begin() + offset,
                                                      conflicts.begin() + offset + count);
    std::vector<std::optional<Problem>> own_overlaps(overlaps.begin() + offset,
                                                     overlaps.begin() + offset + count);
    offset += count;
    ListenerOwner owner{&parent,
                        {kGatewayGroup, "ListenerSet", set.metadata().namespace_()},
                        set.metadata().generation()};
    write_listeners(*node,
                    check_listeners(owner, set.spec().listeners(), own_conflicts, own_overlaps,
                                    true, lookup, certificate_time),
                    gateway);
    if (node->accepted) ++attached;
  }
  if (!sets.empty() || allowed_from(parent) != "None")
    gateway.status.set_attached_listener_sets(attached);
}

}  // namespace

std::vector<ListenerSetNode> check_listener_sets(
    const std::vector<const gw::ListenerSet*>& listener_sets, std::vector<GatewayNode>& gateways,
    const std::map<std::pair<std::string, std::string>, std::size_t>& gateway_index,
    const Lookup& lookup, std::int64_t certificate_time) {
  std::vector<ListenerSetNode> out;
  for (const gw::ListenerSet* set : listener_sets) {
    std::optional<std::size_t> gateway = parent_gateway(*set, gateway_index);
    if (!gateway) continue;
    ListenerSetNode& node = out.emplace_back();
    node.listener_set = set;
    node.gateway = *gateway;
  }
  std::vector<std::vector<std::size_t>> by_gateway(gateways.size());
  for (std::size_t i = 0; i < out.size(); ++i) by_gateway[out[i].gateway].push_back(i);
  for (std::size_t g = 0; g < gateways.size(); ++g) {
    std::vector<std::size_t>& indexes = by_gateway[g];
    std::stable_sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
      return takes_precedence(out[a], out[b]);
    });
    std::vector<ListenerSetNode*> sets;
    for (std::size_t i : indexes) sets.push_back(&out[i]);
    gateways[g].listener_sets = indexes;
    check_for_gateway(gateways[g], std::move(sets), lookup, certificate_time);
  }
  return out;
}

}  // namespace lintel::controller::graph
