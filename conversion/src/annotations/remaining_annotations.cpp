#include "annotations/annotation_appliers.h"
#include "annotations/annotation_catalog.h"

namespace lintel::conversion::annotations {

namespace {

// Validates what a not-yet-served policy annotation will need, so that a typo is found now
// rather than when the policy arrives. Returns the detail of the error, or "".
std::string policy_value_problem(std::string_view name, const std::string& value) {
  if (name == "whitelist-source-range" || name == "allowlist-source-range" ||
      name == "denylist-source-range" || name == "limit-whitelist" || name == "limit-allowlist")
    return parse_cidr_list(value).error;
  if (name == "limit-rps" || name == "limit-rpm" || name == "limit-connections" ||
      name == "limit-burst-multiplier")
    return parse_integer(value, 1, INT32_MAX).error;
  if (name == "custom-http-errors") return parse_error_codes(value).error;
  if (name == "proxy-body-size") return parse_nginx_size(value).error;
  if (name == "affinity" && value != "cookie") return "must be \"cookie\"";
  if (name == "affinity-mode" && value != "balanced" && value != "persistent")
    return "must be \"balanced\" or \"persistent\"";
  if (name == "auth-type" && value != "basic" && value != "digest")
    return "must be \"basic\" or \"digest\"";
  if (name == "auth-url" || name == "auth-signin") return parse_absolute_url(value).error;
  if (name == "default-backend" && !is_dns_hostname(value))
    return "must be the name of a Service in the Ingress's namespace";
  if (name == "session-cookie-samesite" && value != "None" && value != "Lax" && value != "Strict")
    return "must be \"None\", \"Lax\" or \"Strict\"";
  return "";
}

constexpr const char* kSnippetMessage =
    "nginx configuration text is never executed by Lintel (a security boundary: snippets have "
    "read the controller's Secrets, CVE-2021-25742); express what it does with Gateway API "
    "filters or Lintel policies";

}  // namespace

void report_remaining_annotations(AnnotationContext& context) {
  for (const std::string& name : context.nginx_annotation_names()) {
    const std::string& value = *context.value(name);
    const AnnotationInfo* info = find_annotation(name);
    if (!info) {
      context.unsupported(name, "not an ingress-nginx annotation Lintel knows; ignored");
      continue;
    }
    switch (info->handling) {
      case Handling::kConverted:
      case Handling::kApproximated:
      case Handling::kCanary:
        break;  // reported by its applier
      case Handling::kPolicyPending: {
        std::string problem = policy_value_problem(name, value);
        if (!problem.empty()) {
          context.invalid(name, problem);
        } else {
          context.unsupported(name, "not enforced yet: " + std::string(info->what));
        }
        break;
      }
      case Handling::kUnsupported:
        context.unsupported(name, std::string(info->what));
        break;
      case Handling::kSnippet:
        context.unsupported(name, kSnippetMessage);
        break;
      case Handling::kNginxTuning:
        context.approximated(name, "ignored: " + std::string(info->what));
        break;
    }
  }
}

}  // namespace lintel::conversion::annotations
