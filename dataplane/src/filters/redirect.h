#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filters/path_modifier.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane::filters {

// What a redirect needs to know of the request it answers.
struct RedirectRequest {
  std::string_view scheme;  // the listener's: "http" or "https"
  std::string_view host;    // the Host header as received, maybe with a port
  std::uint32_t listener_port = 0;
  std::string_view target;  // path with an optional "?query"
};

// Gateway API's RequestRedirect, compiled once per route.
class Redirect {
 public:
  static bool compile(const snapshot::v1::RedirectAction& spec,
                      const snapshot::v1::PathMatch& match, Redirect& out, std::string& error);

  unsigned status() const { return status_; }
  // The Location header: scheme, host and port default from the request and listener as the
  // spec's port rules say, and the port is left out when it is the scheme's well-known one.
  std::string location(const RedirectRequest& request) const;

 private:
  std::string scheme_;
  std::string hostname_;
  std::uint32_t port_ = 0;
  std::optional<PathModifier> path_;
  unsigned status_ = 302;
};

}  // namespace lintel::dataplane::filters
