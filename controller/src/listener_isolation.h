#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// Gateway API's listener isolation on one port: a request is matched only against the routes of
// the most specific listener whose hostname matches it (an exact hostname, then the wildcard
// with the longest suffix, then the listener without a hostname). The snapshot's virtual hosts
// fall through from the most specific domain to the least, so isolation is made of two parts:
// a route's hostname is left off where another listener takes all of its requests, and the
// virtual host of each listener hostname ends with a 404 that stops the fall-through into
// other listeners' routes.
class ListenerIsolation {
 public:
  // A listener on the port; "" for one without a hostname.
  void add_listener(const std::string& hostname) { hostnames_.insert(hostname); }

  // Whether a route attached to the listener with `listener_hostname` serves any request for
  // `domain`, its hostname on that listener ("*", "*.suffix" or exact).
  bool serves(std::string_view domain, std::string_view listener_hostname) const;

  // The listener hostnames whose virtual host ends in isolation_stop(); none while the port has
  // only one listener hostname (nothing to isolate).
  std::vector<std::string> stop_hostnames() const;

 private:
  std::string_view most_specific_listener(std::string_view exact_host) const;
  std::set<std::string> hostnames_;
};

// The route that ends a listener hostname's virtual host: 404 for whatever its routes left.
snapshot::v1::Route isolation_stop(const std::string& hostname);

}  // namespace lintel::controller
