#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "graph.h"
#include "listener_conflicts.h"
#include "lookup.h"
#include "reference_grants.h"

namespace lintel::controller::graph {

struct CheckedListener {
  ListenerNode node;          // without routes
  gw::ListenerStatus status;  // attachedRoutes 0: routes are attached later
  bool certificates_resolved = true;
};

// Which listeners make their object accepted: a Gateway's accepted ones; a ListenerSet's accepted
// ones whose certificates resolved (conformance ListenerSetReferenceGrant).
using ListenerValidity = bool (*)(const CheckedListener&);

// The object declaring listeners: a Gateway, or a ListenerSet attached to one.
struct ListenerOwner {
  const gw::Gateway* gateway = nullptr;  // the Gateway serving the listeners; its spec.tls applies
  ReferenceFrom referrer;                // the declaring object, which refers to certificates
  std::int64_t generation = 0;           // the declaring object's
};

// The listeners of one object ranked `rank` among those served on a Gateway.
std::vector<RankedListener> ranked_listeners(
    const google::protobuf::RepeatedPtrField<gw::Listener>& listeners, std::size_t rank,
    const std::string& owner);

// Every listener of an object, in order: protocol, route kinds, TLS and distinctness (the
// conflicts and TLS overlaps found among all the Gateway's listeners, one per listener), as the
// Accepted, Programmed, ResolvedRefs, Conflicted and OverlappingTLSConfig conditions say. A
// listener is programmed only when `usable`: the object is not refused as a whole.
// `certificate_time` is GraphOptions::certificate_time.
std::vector<CheckedListener> check_listeners(
    const ListenerOwner& owner, const google::protobuf::RepeatedPtrField<gw::Listener>& listeners,
    const std::vector<std::optional<Problem>>& conflicts,
    const std::vector<std::optional<Problem>>& overlaps, bool usable, const Lookup& lookup,
    std::int64_t certificate_time);

// The Accepted condition of an object whose listeners are all that decides it: Accepted when
// every listener is valid, ListenersNotValid (True while one is) naming the invalid ones.
meta::v1::Condition listeners_accepted_condition(const std::vector<CheckedListener>& listeners,
                                                 ListenerValidity valid,
                                                 std::string_view accepted_message,
                                                 std::int64_t generation);

// Whether a listener's status lists HTTPRoute among its supportedKinds.
bool supports_http_routes(const gw::ListenerStatus& status);

}  // namespace lintel::controller::graph
