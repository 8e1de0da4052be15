#pragma once

#include <string>
#include <vector>

namespace lintel::controller::graph {

// Why a condition is not True: the reason it reports and what the user reads.
struct Problem {
  std::string reason;
  std::string message;
};

// The messages of several problems in one condition message, in order.
std::string join_messages(const std::vector<Problem>& problems);

// How messages name things: "ns/name", and a kind with its group as kubectl writes it
// ("Secret", "InvalidRoute.gateway.networking.k8s.io").
std::string object_name(const std::string& namespace_, const std::string& name);
std::string kind_name(const std::string& group, const std::string& kind);

}  // namespace lintel::controller::graph
