#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lintel::controller {

// The hostnames a route serves on a listener (Gateway API, HTTPRoute.spec.hostnames):
// - a listener without a hostname accepts the route's hostnames as they are ("*" for none);
// - a route without hostnames takes the listener's;
// - otherwise each pair intersects: equal names, an exact name under a wildcard, or the more
//   specific of two overlapping wildcards. An empty result means the route does not attach.
// Sorted and without duplicates.
std::vector<std::string> intersect_hostnames(const std::optional<std::string>& listener_hostname,
                                             const std::vector<std::string>& route_hostnames);

// Whether `name` (exact or wildcard) falls under `wildcard` ("*.example.com"), Gateway API style:
// the wildcard stands for one or more labels.
bool wildcard_covers(const std::string& wildcard, const std::string& name);

}  // namespace lintel::controller
