#pragma once

#include <map>
#include <string>
#include <vector>

#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion::detail {

// One HTTPS listener of a converted Gateway, made for the spec.tls hosts of its Ingresses.
struct TlsListener {
  std::string name;      // "https-a-example-com"; "https" for the hostname-less one
  std::string hostname;  // empty: every host
  std::string secret_namespace;
  std::string secret_name;
  std::string owner;  // the Ingress ("namespace/name") whose spec.tls it came from
};

// The HTTPS listeners of one Gateway. Ingresses are added in precedence order; the first to
// name a host keeps it, and a later Ingress naming another Secret for it gets a note.
class TlsListenerPlan {
 public:
  // Returns the names of the listeners the Ingress's spec.tls made or shares.
  std::vector<std::string> add(const api::Ingress& ingress, std::vector<ConversionNote>& notes);

  const std::map<std::string, TlsListener>& by_hostname() const { return by_hostname_; }
  // The HTTPS listeners a route for the Ingress host `host` (not empty) attaches to: those
  // whose hostname covers it or that it covers, and the hostname-less one.
  std::vector<std::string> listeners_for(const std::string& host) const;
  // Whether `host` is named by some spec.tls (exactly or by a wildcard), so that plain HTTP
  // for it is redirected when ssl-redirect holds.
  bool is_tls_host(const std::string& host) const;

 private:
  std::map<std::string, TlsListener> by_hostname_;
};

}  // namespace lintel::conversion::detail
