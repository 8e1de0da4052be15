#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane {

// What the router needs to know of a request. `target` is the request-target as received
// (path plus optional "?query"); `host` is the Host header or :authority, possibly with a port.
struct RouteRequest {
  std::string_view method;
  std::string_view host;
  std::string_view target;
  // Header lookup by lower-case name; returns false when the header is absent.
  // Multiple values of one header are joined with ", " as RFC 9110 §5.3 allows.
  struct HeaderSource {
    virtual ~HeaderSource() = default;
    virtual bool find(std::string_view lower_name, std::string& value) const = 0;
  };
  const HeaderSource* headers = nullptr;
};

// The route table of one listener, compiled once from the snapshot and immutable afterwards:
// workers share it without locks and a request keeps the table it started with.
//
// Lookup cost does not grow with the number of routes: the host is a hash lookup (exact, then
// wildcards from the most labels to the fewest, then "*"); within a virtual host, Exact paths
// are a hash lookup and Prefix paths a walk down a trie of path segments, so the work is
// proportional to the request path's depth. Only routes that share a path are tried in turn
// for their header, query and method matches, in the order the Translator gave.
class ListenerRouter {
 public:
  // The router points into `listener`, which must outlive it (the compiled config owns both).
  // Fails (returns null and sets `error`) when a regular expression in the snapshot does not
  // compile; the caller then keeps serving its previous table.
  static std::unique_ptr<ListenerRouter> compile(const snapshot::v1::Listener& listener,
                                                 std::string& error);
  ~ListenerRouter();

  // The route that serves the request, or null when none matches (the proxy answers 404).
  const snapshot::v1::Route* match(const RouteRequest& request) const;

  struct Impl;

 private:
  explicit ListenerRouter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Lower-cases the host and drops a ":port" suffix (IPv6 literals keep their brackets).
std::string normalize_host(std::string_view host);

}  // namespace lintel::dataplane
