#pragma once

#include <optional>

#include "lintel/gateway/v1/http_route.pb.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

// Gateway API filter messages as the snapshot carries them; snapshot.proto says what each field
// means to the data plane. References (a mirror's backend) are resolved by the caller.
namespace lintel::controller {

// The entries the data plane applies (header_rules.h); the others are left out.
snapshot::v1::HeaderModifier header_modifier(const gateway::v1::HTTPHeaderFilter& filter);

snapshot::v1::URLRewrite url_rewrite(const gateway::v1::HTTPURLRewriteFilter& filter);
snapshot::v1::RedirectAction redirect(const gateway::v1::HTTPRequestRedirectFilter& filter);

// The share of requests a mirror copies, with its cluster left for the caller to set.
snapshot::v1::RequestMirror mirror_share(const gateway::v1::HTTPRequestMirrorFilter& filter);

// nullopt when the rule sets no timeout.
std::optional<snapshot::v1::RouteTimeouts> route_timeouts(
    const gateway::v1::HTTPRouteTimeouts& timeouts);

}  // namespace lintel::controller
