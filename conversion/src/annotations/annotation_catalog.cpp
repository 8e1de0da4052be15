#include "annotations/annotation_catalog.h"

#include <algorithm>

namespace lintel::conversion::annotations {

namespace {

using H = Handling;

constexpr const char* kTuning =
    "nginx buffer or connection tuning; Lintel's proxy streams bodies and manages its own "
    "connections, so there is nothing to carry over";

std::vector<AnnotationInfo> build_catalog() {
  std::vector<AnnotationInfo> entries = {
      // Paths, rewrites and redirects.
      {"rewrite-target", H::kApproximated,
       "URLRewrite: a target without capture references becomes ReplaceFullPath; "
       "`PATH(/|$)(.*)` with `/$2` becomes PathPrefix PATH with ReplacePrefixMatch `/`; other "
       "capture references are served by Lintel's own regular-expression rewrite (the written "
       "HTTPRoute cannot say it, and is flagged). Paths match case-sensitively, where "
       "ingress-nginx "
       "matched them case-insensitively"},
      {"use-regex", H::kApproximated,
       "Prefix and ImplementationSpecific paths become RegularExpression matches (RE2 syntax, "
       "case-insensitive, anchored at the start as nginx's `~*` location); a pattern RE2 cannot "
       "compile is reported and the path is not served. ingress-nginx applied it to every "
       "Ingress of the host; Lintel to this Ingress's paths"},
      {"app-root", H::kApproximated,
       "a rule for exactly `/` with a RequestRedirect (302) to the given path; the query string "
       "is kept, where nginx dropped it"},
      {"permanent-redirect", H::kApproximated,
       "RequestRedirect (301) to the URL's scheme, host, port and path on every rule; the "
       "request's query string is kept, where nginx dropped it"},
      {"permanent-redirect-code", H::kConverted,
       "the RequestRedirect statusCode (301, 302, 303, 307 or 308; others are reported)"},
      {"temporal-redirect", H::kApproximated,
       "RequestRedirect (302), as permanent-redirect; it wins over permanent-redirect as in "
       "ingress-nginx"},
      {"temporal-redirect-code", H::kConverted,
       "the RequestRedirect statusCode of temporal-redirect"},
      {"ssl-redirect", H::kConverted,
       "\"false\" turns off the redirect to HTTPS of spec.tls hosts; \"true\" keeps it (the "
       "default)"},
      {"force-ssl-redirect", H::kApproximated,
       "RequestRedirect to https (308) on the HTTP listener, also without spec.tls; "
       "ingress-nginx with use-forwarded-headers skipped it for X-Forwarded-Proto: https"},
      {"preserve-trailing-slash", H::kConverted,
       "nothing to do: Lintel's redirects to HTTPS keep the path as requested"},
      {"from-to-www-redirect", H::kConverted,
       "an HTTPRoute for the other name (www. added or removed) redirecting (308) to the "
       "Ingress host with the path and query kept"},
      {"x-forwarded-prefix", H::kConverted, "RequestHeaderModifier setting X-Forwarded-Prefix"},
      {"upstream-vhost", H::kConverted,
       "URLRewrite hostname (a DNS name; nginx variables are reported)"},
      {"backend-protocol", H::kApproximated,
       "HTTP is what Lintel speaks to backends; HTTPS, GRPC, GRPCS, H2C, AJP and FCGI are "
       "reported until the data plane speaks them"},
      // Canary.
      {"canary", H::kCanary,
       "the canary Ingress's backends join the main Ingress's rule for the same host and path"},
      {"canary-weight", H::kCanary,
       "weighted backendRefs: the canary gets canary-weight, the main backends the rest of "
       "canary-weight-total"},
      {"canary-weight-total", H::kCanary, "the total of the backendRef weights"},
      {"canary-by-header", H::kCanary,
       "rules ahead of the weighted one: header `always` goes to the canary, `never` to the main "
       "backends"},
      {"canary-by-header-value", H::kCanary,
       "a rule with an Exact header match that goes to the canary"},
      {"canary-by-header-pattern", H::kCanary,
       "a rule with a RegularExpression header match (RE2, not PCRE) that goes to the canary"},
      {"canary-by-cookie", H::kCanary,
       "rules matching the Cookie header by regular expression for `NAME=always` and "
       "`NAME=never` (approximated: the cookie is found by pattern in the header)"},
      // Timeouts.
      {"proxy-connect-timeout", H::kApproximated,
       "Gateway API has no connect timeout: counted into timeouts.backendRequest with the read "
       "or send timeout, and reported"},
      {"proxy-read-timeout", H::kApproximated,
       "timeouts.backendRequest: Gateway API limits the whole backend response where nginx "
       "limited the pause between two reads"},
      {"proxy-send-timeout", H::kApproximated, "timeouts.backendRequest, as proxy-read-timeout"},
      // CORS.
      {"enable-cors", H::kConverted,
       "the CORS filter (Gateway API experimental channel) with ingress-nginx's defaults for "
       "what the cors-* annotations leave out"},
      {"cors-allow-origin", H::kConverted, "CORS allowOrigins"},
      {"cors-allow-methods", H::kConverted, "CORS allowMethods"},
      {"cors-allow-headers", H::kConverted, "CORS allowHeaders"},
      {"cors-expose-headers", H::kConverted, "CORS exposeHeaders"},
      {"cors-allow-credentials", H::kConverted, "CORS allowCredentials"},
      {"cors-max-age", H::kConverted, "CORS maxAge"},
      // Backends.
      {"service-upstream", H::kApproximated,
       "\"true\" is reported: Lintel balances over the Service's endpoints (as Gateway API "
       "says); use the Service's ClusterIP as an endpoint to get one upstream"},
      {"default-backend", H::kPolicyPending,
       "the custom-error-pages policy (issue 9) will send unavailable-backend and error "
       "responses to this Service; validated and reported until then"},
      {"custom-http-errors", H::kPolicyPending,
       "the custom-error-pages policy (issue 9); validated and reported until then"},
      {"disable-proxy-intercept-errors", H::kPolicyPending,
       "part of the custom-error-pages policy (issue 9)"},
      {"proxy-body-size", H::kPolicyPending,
       "the request-body-size-limit policy (issue 9, answers 413); validated and reported until "
       "then"},
      {"whitelist-source-range", H::kPolicyPending,
       "the IP allow-list policy (issue 9); validated and reported until then"},
      {"allowlist-source-range", H::kPolicyPending,
       "the IP allow-list policy (issue 9); validated and reported until then"},
      {"denylist-source-range", H::kPolicyPending,
       "the IP deny-list policy (issue 9); validated and reported until then"},
      {"limit-rps", H::kPolicyPending,
       "the local rate-limit policy (issue 9; 429 with Retry-After); validated and reported"},
      {"limit-rpm", H::kPolicyPending, "the local rate-limit policy (issue 9)"},
      {"limit-burst-multiplier", H::kPolicyPending, "the local rate-limit policy (issue 9)"},
      {"limit-connections", H::kPolicyPending,
       "the connection-limit policy (issue 9); validated and reported until then"},
      {"limit-whitelist", H::kPolicyPending, "the local rate-limit policy's exemptions (issue 9)"},
      {"limit-allowlist", H::kPolicyPending, "the local rate-limit policy's exemptions (issue 9)"},
      {"limit-rate", H::kUnsupported,
       "response bandwidth shaping has no Lintel equivalent; shape traffic in the backend"},
      {"limit-rate-after", H::kUnsupported, "see limit-rate"},
      {"global-rate-limit", H::kUnsupported,
       "rate limiting shared through memcached has no Lintel equivalent; use the local "
       "rate-limit policy per replica"},
      {"global-rate-limit-window", H::kUnsupported, "see global-rate-limit"},
      {"global-rate-limit-key", H::kUnsupported, "see global-rate-limit"},
      {"global-rate-limit-ignored-cidrs", H::kUnsupported, "see global-rate-limit"},
      // Session affinity and load balancing.
      {"affinity", H::kPolicyPending,
       "`cookie` maps to the cookie session-affinity policy (issue 9; Gateway API's experimental "
       "sessionPersistence once served); validated and reported until then"},
      {"affinity-mode", H::kPolicyPending, "the cookie session-affinity policy (issue 9)"},
      {"affinity-canary-behavior", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-name", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-path", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-domain", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-expires", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-max-age", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-secure", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-samesite", H::kPolicyPending, "the cookie session-affinity policy"},
      {"session-cookie-conditional-samesite-none", H::kPolicyPending,
       "the cookie session-affinity policy"},
      {"session-cookie-change-on-failure", H::kPolicyPending, "the cookie session-affinity policy"},
      {"upstream-hash-by", H::kUnsupported,
       "hashing on nginx variables has no Lintel equivalent; use cookie session affinity"},
      {"upstream-hash-by-subset", H::kUnsupported, "see upstream-hash-by"},
      {"upstream-hash-by-subset-size", H::kUnsupported, "see upstream-hash-by"},
      {"load-balance", H::kUnsupported,
       "Lintel picks endpoints with its own balancer; the algorithm is not selectable per "
       "Ingress"},
      // Authentication.
      {"auth-type", H::kPolicyPending,
       "`basic` maps to the basic-auth policy (issue 9, htpasswd Secrets); `digest` has no "
       "Lintel equivalent. Validated and reported until then; the paths are served WITHOUT "
       "authentication, so do not expose them yet"},
      {"auth-secret", H::kPolicyPending, "the basic-auth policy's Secret"},
      {"auth-secret-type", H::kPolicyPending, "the basic-auth policy's Secret format"},
      {"auth-realm", H::kPolicyPending, "the basic-auth policy's realm"},
      {"auth-url", H::kPolicyPending,
       "the external-auth policy (issue 9; Gateway API's experimental ExternalAuth filter has "
       "no HTTP-subrequest form yet); validated and reported. The paths are served WITHOUT "
       "authentication"},
      {"auth-method", H::kPolicyPending, "the external-auth policy"},
      {"auth-signin", H::kPolicyPending, "the external-auth policy's sign-in redirect"},
      {"auth-signin-redirect-param", H::kPolicyPending, "the external-auth policy"},
      {"auth-response-headers", H::kPolicyPending, "the external-auth policy"},
      {"auth-proxy-set-headers", H::kPolicyPending, "the external-auth policy"},
      {"auth-request-redirect", H::kPolicyPending, "the external-auth policy"},
      {"auth-cache-key", H::kPolicyPending, "the external-auth policy"},
      {"auth-cache-duration", H::kPolicyPending, "the external-auth policy"},
      {"auth-always-set-cookie", H::kPolicyPending, "the external-auth policy"},
      {"auth-keepalive", H::kNginxTuning, kTuning},
      {"auth-keepalive-requests", H::kNginxTuning, kTuning},
      {"auth-keepalive-timeout", H::kNginxTuning, kTuning},
      {"auth-keepalive-share-vars", H::kNginxTuning, kTuning},
      {"enable-global-auth", H::kPolicyPending, "the external-auth policy"},
      {"satisfy", H::kPolicyPending,
       "combining the IP allow-list and auth policies (any/all) (issue 9)"},
      {"auth-tls-secret", H::kUnsupported,
       "client certificates are a Gateway listener's frontend TLS validation "
       "(spec.tls.frontendValidation), not a per-Ingress setting; configure it on the Gateway"},
      {"auth-tls-verify-depth", H::kUnsupported, "see auth-tls-secret"},
      {"auth-tls-verify-client", H::kUnsupported, "see auth-tls-secret"},
      {"auth-tls-error-page", H::kUnsupported, "see auth-tls-secret"},
      {"auth-tls-pass-certificate-to-upstream", H::kUnsupported, "see auth-tls-secret"},
      {"auth-tls-match-cn", H::kUnsupported, "see auth-tls-secret"},
      // TLS.
      {"ssl-passthrough", H::kUnsupported,
       "TLS passthrough is a TLSRoute on a Passthrough listener, not an HTTPRoute; write a "
       "TLSRoute for this host"},
      {"ssl-ciphers", H::kUnsupported,
       "ciphers are the Gateway listener's, not the Ingress's; Lintel uses OpenSSL's secure "
       "defaults"},
      {"ssl-prefer-server-ciphers", H::kUnsupported, "see ssl-ciphers"},
      {"proxy-ssl-secret", H::kUnsupported,
       "TLS to backends needs BackendTLSPolicy, which Lintel does not serve yet"},
      {"proxy-ssl-ciphers", H::kUnsupported, "see proxy-ssl-secret"},
      {"proxy-ssl-name", H::kUnsupported, "see proxy-ssl-secret"},
      {"proxy-ssl-protocols", H::kUnsupported, "see proxy-ssl-secret"},
      {"proxy-ssl-verify", H::kUnsupported, "see proxy-ssl-secret"},
      {"proxy-ssl-verify-depth", H::kUnsupported, "see proxy-ssl-secret"},
      {"proxy-ssl-server-name", H::kUnsupported, "see proxy-ssl-secret"},
      // Hosts.
      {"server-alias", H::kConverted,
       "the aliases join the hostnames of the Ingress's HTTPRoutes (approximated when another "
       "route has the host: ingress-nginx ignored such an alias, Gateway API merges the rules)"},
      // Headers and proxying.
      {"custom-headers", H::kUnsupported,
       "names a ConfigMap of response headers, which the conversion does not read yet; write a "
       "ResponseHeaderModifier filter"},
      {"proxy-redirect-from", H::kUnsupported,
       "rewriting Location headers of responses has no Lintel equivalent"},
      {"proxy-redirect-to", H::kUnsupported, "see proxy-redirect-from"},
      {"proxy-cookie-domain", H::kUnsupported,
       "rewriting Set-Cookie of responses has no Lintel equivalent"},
      {"proxy-cookie-path", H::kUnsupported, "see proxy-cookie-domain"},
      {"proxy-http-version", H::kNginxTuning,
       "Lintel speaks HTTP/1.1 to backends; \"1.0\" is not carried over"},
      {"connection-proxy-header", H::kNginxTuning,
       "Lintel manages the Connection header to backends itself"},
      {"proxy-next-upstream", H::kUnsupported,
       "retries on other endpoints are Gateway API's experimental retry field, which Lintel "
       "does not serve yet"},
      {"proxy-next-upstream-timeout", H::kUnsupported, "see proxy-next-upstream"},
      {"proxy-next-upstream-tries", H::kUnsupported, "see proxy-next-upstream"},
      {"upstream-max-fails", H::kNginxTuning,
       "Lintel tracks endpoint health itself; nginx's passive failure counting has no knob "
       "here"},
      {"upstream-fail-timeout", H::kNginxTuning, "see upstream-max-fails"},
      {"mirror-target", H::kUnsupported,
       "mirroring to a URL has no Gateway API form; write a RequestMirror filter to a Service"},
      {"mirror-host", H::kUnsupported, "see mirror-target"},
      {"mirror-request-body", H::kUnsupported, "see mirror-target"},
      {"proxy-buffering", H::kNginxTuning, kTuning},
      {"proxy-buffers-number", H::kNginxTuning, kTuning},
      {"proxy-buffer-size", H::kNginxTuning, kTuning},
      {"proxy-busy-buffers-size", H::kNginxTuning, kTuning},
      {"proxy-max-temp-file-size", H::kNginxTuning, kTuning},
      {"proxy-request-buffering", H::kNginxTuning, kTuning},
      {"client-body-buffer-size", H::kNginxTuning, kTuning},
      {"http2-push-preload", H::kUnsupported,
       "HTTP/2 server push is obsolete (browsers removed it); nothing to do"},
      // Observability.
      {"enable-access-log", H::kNginxTuning, "Lintel's access log is not switched per Ingress"},
      {"enable-rewrite-log", H::kNginxTuning, "nginx's debug log of rewrites; nothing to carry"},
      {"enable-opentracing", H::kNginxTuning, "Lintel's tracing is not switched per Ingress"},
      {"opentracing-trust-incoming-span", H::kNginxTuning, "see enable-opentracing"},
      {"enable-opentelemetry", H::kNginxTuning, "see enable-opentracing"},
      {"opentelemetry-trust-incoming-span", H::kNginxTuning, "see enable-opentracing"},
      {"opentelemetry-operation-name", H::kNginxTuning, "see enable-opentracing"},
      {"enable-influxdb", H::kNginxTuning, "Lintel exports Prometheus metrics instead"},
      {"influxdb-measurement", H::kNginxTuning, "see enable-influxdb"},
      {"influxdb-port", H::kNginxTuning, "see enable-influxdb"},
      {"influxdb-host", H::kNginxTuning, "see enable-influxdb"},
      {"influxdb-server-name", H::kNginxTuning, "see enable-influxdb"},
      // Web application firewall.
      {"enable-modsecurity", H::kUnsupported,
       "ModSecurity has no Lintel equivalent; put a WAF in front of or behind Lintel"},
      {"enable-owasp-core-rules", H::kUnsupported, "see enable-modsecurity"},
      {"modsecurity-transaction-id", H::kUnsupported, "see enable-modsecurity"},
      // Snippets: nginx configuration text, never executed.
      {"configuration-snippet", H::kSnippet, ""},
      {"server-snippet", H::kSnippet, ""},
      {"stream-snippet", H::kSnippet, ""},
      {"auth-snippet", H::kSnippet, ""},
      {"modsecurity-snippet", H::kSnippet, ""},
  };
  std::sort(entries.begin(), entries.end(),
            [](const AnnotationInfo& a, const AnnotationInfo& b) { return a.name < b.name; });
  return entries;
}

}  // namespace

const std::vector<AnnotationInfo>& annotation_catalog() {
  static const std::vector<AnnotationInfo> catalog = build_catalog();
  return catalog;
}

const AnnotationInfo* find_annotation(std::string_view name) {
  const auto& catalog = annotation_catalog();
  auto found = std::lower_bound(
      catalog.begin(), catalog.end(), name,
      [](const AnnotationInfo& entry, std::string_view key) { return entry.name < key; });
  return found != catalog.end() && found->name == name ? &*found : nullptr;
}

std::string_view handling_label(Handling handling) {
  switch (handling) {
    case H::kConverted:
      return "converted";
    case H::kApproximated:
      return "approximated";
    case H::kCanary:
      return "converted (canary)";
    case H::kPolicyPending:
      return "unsupported for now (policy)";
    case H::kUnsupported:
      return "unsupported";
    case H::kSnippet:
      return "never executed";
    case H::kNginxTuning:
      return "not applicable";
  }
  return "";
}

std::string annotation_table_markdown() {
  std::string out =
      "| annotation (`nginx.ingress.kubernetes.io/...`) | Lintel | what Lintel does |\n";
  out += "|---|---|---|\n";
  for (const auto& entry : annotation_catalog()) {
    std::string what(entry.what);
    if (entry.handling == H::kSnippet)
      what = "nginx configuration text: never executed (a security boundary); reported";
    out += "| `" + std::string(entry.name) + "` | " + std::string(handling_label(entry.handling)) +
           " | " + what + " |\n";
  }
  return out;
}

}  // namespace lintel::conversion::annotations
