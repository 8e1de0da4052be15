#pragma once

#include <optional>
#include <vector>

#include "lintel/core/v1/secret.pb.h"
#include "lintel/gateway/v1/gateway.pb.h"
#include "lookup.h"
#include "problem.h"
#include "reference_grants.h"

namespace lintel::controller::graph {

// The TLS settings of an HTTPS listener, checked.
struct ListenerTls {
  std::optional<Problem> unsupported;  // a setting Lintel cannot serve (Accepted: UnsupportedValue)
  std::vector<Problem> ref_problems;   // InvalidCertificateRef / RefNotPermitted (ResolvedRefs)
  std::vector<const core::v1::Secret*> certificates;  // the certificateRefs that resolved, in order
  // Every certificateRef gave a certificate: resolved, or the last usable version of a Secret
  // that has become unusable (its problem is in ref_problems all the same).
  bool servable = false;
  // About certificates served all the same: "the certificate of Secret ns/name expired at ...".
  std::vector<std::string> notes;
};

// Terminate mode only, and without client certificate validation (spec.tls.frontend), which
// Lintel does not do (Passthrough belongs to TLSRoute); each certificateRef must be a core
// Secret, reachable from the namespace of `referrer` (the Gateway or ListenerSet declaring the
// listener; ReferenceGrant), existing and holding a PEM key pair (a Secret that no longer is one
// serves its last usable version, if there is one). The reason for a reference that is not
// permitted is RefNotPermitted even when the Secret does not exist, so that a grant-less
// reference reveals nothing about the other namespace. `certificate_time`:
// GraphOptions::certificate_time.
ListenerTls check_listener_tls(const gateway::v1::Gateway& gateway, const ReferenceFrom& referrer,
                               const gateway::v1::Listener& listener, const Lookup& lookup,
                               std::int64_t certificate_time);

}  // namespace lintel::controller::graph
