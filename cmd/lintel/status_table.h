#pragma once

#include <google/protobuf/struct.pb.h>

#include <chrono>
#include <string>

namespace lintel::cmd {

// `lintel status`'s text: the "objects" of a /status document as `kubectl get` prints them, one
// table per kind with kubectl's printer columns (GatewayClass: NAME CONTROLLER ACCEPTED AGE;
// Gateway: NAMESPACE NAME CLASS ADDRESS PROGRAMMED AGE; ListenerSet: NAMESPACE NAME ACCEPTED
// PROGRAMMED AGE; HTTPRoute: NAMESPACE NAME HOSTNAMES AGE), and under each object its conditions
// (TYPE STATUS REASON MESSAGE): a Gateway's or ListenerSet's own and each listener's with its
// attachedRoutes, a route's for each parent. Ages are counted to `now`.
std::string status_tables(const google::protobuf::Struct& document,
                          std::chrono::system_clock::time_point now);

// kubectl's age: "45s", "3m12s", "5h", "12d".
std::string human_duration(std::chrono::seconds age);

}  // namespace lintel::cmd
