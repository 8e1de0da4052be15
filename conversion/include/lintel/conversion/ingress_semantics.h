#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion {

struct IngressRequest {
  std::string scheme = "http";  // "http" or "https"
  std::string host;             // as the client sent it (any case, no port)
  std::string target;           // path and query
};

// Where a request goes. Compared as text (describe()), so that two routers agree exactly when
// their descriptions do.
struct RoutedRequest {
  enum class Kind { backend, status, redirect, no_listener };
  Kind kind = Kind::status;
  std::string backend;   // "namespace/service:port" (the port's number, or its unresolved name)
  std::string path;      // the path the backend sees
  int status = 404;      // Kind::status and Kind::redirect
  std::string location;  // Kind::redirect: "https://host[:port]/path?query"

  std::string describe() const;
};

// Ingress semantics read directly from the Ingresses, with Lintel's documented choices
// (conversion/README.md): hosts first (exact, one-label wildcard, host-less rules and default
// backends), then Exact before Prefix, the longest path, and between Ingresses the precedence
// of convert_ingresses (older, then namespace/name); plain HTTP for a TLS host redirects when
// ssl-redirect holds; HTTPS routes as HTTP does, once some spec.tls names a Secret. Shares no
// routing code with the Gateway API pipeline, so that `lintel migrate --verify` and the property
// test compare two independent readings. Pure; immutable once built.
class IngressSemantics {
 public:
  IngressSemantics(const std::vector<const api::Ingress*>& ingresses,
                   const std::vector<const api::IngressClass*>& classes,
                   const std::vector<const api::Service*>& services,
                   const ConversionOptions& options, const IngressNginxSettings& settings);
  ~IngressSemantics();
  IngressSemantics(const IngressSemantics&) = delete;
  IngressSemantics& operator=(const IngressSemantics&) = delete;

  RoutedRequest route(const IngressRequest& request) const;

  // Requests worth asking about these Ingresses: every host (wildcards instantiated, an
  // upper-case variant, an unknown host) times every path with edge variants (trailing slash,
  // sub-path, a longer sibling, upper case, a query), over HTTP and, when served, HTTPS.
  std::vector<IngressRequest> sample_requests() const;

 private:
  struct Model;
  std::unique_ptr<Model> model_;
};

}  // namespace lintel::conversion
