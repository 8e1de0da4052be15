#include "status_merge.h"

#include <google/protobuf/util/message_differencer.h>

#include "conditions.h"

namespace lintel::controller::graph {

namespace {

using google::protobuf::util::MessageDifferencer;
namespace gw = gateway::v1;

template <typename Status>
const gw::ListenerStatus* find_listener(const Status& status, const std::string& name) {
  for (const auto& listener : status.listeners())
    if (listener.name() == name) return &listener;
  return nullptr;
}

// The conditions of a Gateway or ListenerSet and of each of its listeners merged.
template <typename Status>
Status merge_listener_owner_status(const Status& previous, const Status& next,
                                   std::string_view now) {
  Status out = next;
  *out.mutable_conditions() = merge_conditions(previous.conditions(), next.conditions(), now);
  for (auto& listener : *out.mutable_listeners()) {
    const gw::ListenerStatus* old = find_listener(previous, listener.name());
    *listener.mutable_conditions() =
        merge_conditions(old ? old->conditions() : Conditions{}, listener.conditions(), now);
  }
  return out;
}

const gw::RouteParentStatus* find_parent(const gw::RouteStatus& status,
                                         const gw::ParentReference& ref,
                                         std::string_view controller_name) {
  for (const auto& parent : status.parents())
    if (parent.controller_name() == controller_name &&
        MessageDifferencer::Equals(parent.parent_ref(), ref))
      return &parent;
  return nullptr;
}

}  // namespace

gw::GatewayClassStatus merge_gateway_class_status(const gw::GatewayClassStatus& previous,
                                                  const gw::GatewayClassStatus& next,
                                                  std::string_view now) {
  gw::GatewayClassStatus out = next;
  *out.mutable_conditions() = merge_conditions(previous.conditions(), next.conditions(), now);
  return out;
}

gw::GatewayStatus merge_gateway_status(const gw::GatewayStatus& previous,
                                       const gw::GatewayStatus& next, std::string_view now) {
  return merge_listener_owner_status(previous, next, now);
}

gw::ListenerSetStatus merge_listener_set_status(const gw::ListenerSetStatus& previous,
                                                const gw::ListenerSetStatus& next,
                                                std::string_view now) {
  return merge_listener_owner_status(previous, next, now);
}

gw::RouteStatus merge_route_status(const gw::RouteStatus& previous, const gw::RouteStatus& next,
                                   std::string_view controller_name, std::string_view now) {
  gw::RouteStatus out;
  for (const auto& parent : previous.parents())
    if (parent.controller_name() != controller_name) *out.add_parents() = parent;
  for (const auto& parent : next.parents()) {
    const gw::RouteParentStatus* old = find_parent(previous, parent.parent_ref(), controller_name);
    gw::RouteParentStatus* merged = out.add_parents();
    *merged = parent;
    *merged->mutable_conditions() =
        merge_conditions(old ? old->conditions() : Conditions{}, parent.conditions(), now);
  }
  return out;
}

}  // namespace lintel::controller::graph
