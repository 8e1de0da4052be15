#pragma once

#include <string>

#include "lintel/gateway/v1/http_route.pb.h"

// Edits of converted HTTPRoute rules that several annotations share.
namespace lintel::conversion::annotations {

// The rule's URLRewrite filter, added when it has none.
gateway::v1::HTTPURLRewriteFilter& url_rewrite_of(gateway::v1::HTTPRouteRule& rule);

// The rule answers with this redirect: what would forward (backendRefs, rewrites, mirrors) goes,
// as Gateway API allows no URLRewrite beside a RequestRedirect.
void redirect_rule(gateway::v1::HTTPRouteRule& rule,
                   const gateway::v1::HTTPRequestRedirectFilter& redirect);

// Sets a request header on the rule's RequestHeaderModifier (added when it has none).
void set_request_header(gateway::v1::HTTPRouteRule& rule, const std::string& name,
                        const std::string& value);

gateway::v1::HTTPPathModifier full_path(const std::string& path);
gateway::v1::HTTPPathModifier prefix_path(const std::string& prefix);

}  // namespace lintel::conversion::annotations
