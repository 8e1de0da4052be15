#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion::detail {

inline constexpr const char* kHttpsListenerName = "https";

// Where the certificate of one spec.tls host comes from.
struct TlsHost {
  std::string secret_namespace;
  std::string secret_name;
  std::string owner;  // the Ingress ("namespace/name") whose spec.tls named it first
};

// The HTTPS side of one Gateway: a single hostname-less listener holding the certificate of
// every spec.tls host of its Ingresses, picked by SNI from each certificate's own names. One
// listener, because a listener's hostname would become the hostname of every host-less route
// attached to it and so change which rule wins; with one hostname-less listener, HTTPS routes
// exactly as HTTP does. Ingresses are added in precedence order; the first to name a host keeps
// it, and a later Ingress naming another Secret for it gets a note.
class TlsListenerPlan {
 public:
  // Returns the names of the listeners the Ingress's spec.tls made or shares.
  std::vector<std::string> add(const api::Ingress& ingress, std::vector<ConversionNote>& notes);

  bool empty() const { return secrets_.empty(); }
  // The Secrets ("namespace", "name") in the order the listener names them: the first, the
  // oldest Ingress's, also answers clients that send no server name.
  const std::vector<std::pair<std::string, std::string>>& secrets() const { return secrets_; }
  // Whether `host` is named by some spec.tls (exactly or by a wildcard), so that plain HTTP
  // for it is redirected when ssl-redirect holds.
  bool is_tls_host(const std::string& host) const;

 private:
  std::map<std::string, TlsHost> hosts_;  // "" for a spec.tls entry without hosts
  std::vector<std::pair<std::string, std::string>> secrets_;
};

}  // namespace lintel::conversion::detail
