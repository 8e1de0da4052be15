#include <arpa/inet.h>
#include <re2/re2.h>

#include "lintel/gateway/v1/tls_route.pb.h"
#include "route_rules_common.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using Errors = std::vector<FieldError>;
using Hostnames = google::protobuf::RepeatedPtrField<std::string>;

// CEL's isIP: an IPv4 address without leading zeros, or an IPv6 address without a zone, which
// is what inet_pton accepts too.
bool is_ip(const std::string& text) {
  unsigned char address[16];
  return inet_pton(AF_INET, text.c_str(), address) == 1 ||
         inet_pton(AF_INET6, text.c_str(), address) == 1;
}

bool rfc1123(std::string_view text) {
  static const RE2 pattern(
      R"(^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$)");
  return RE2::PartialMatch(text, pattern);
}

bool wildcard(std::string_view hostname) {
  return hostname.find('*') != std::string_view::npos;
}

bool valid_wildcard(std::string_view hostname) {
  return hostname.starts_with("*.") && rfc1123(hostname.substr(2));
}

// The schema's pattern already holds every hostname to the last two rules; the CRD checks again.
void check_hostnames(const Hostnames& hostnames, const std::string& path, Errors& errors) {
  auto fail = [&](const char* message) { errors.push_back(cel_error(path, kJsonArray, message)); };
  if (exists(hostnames, is_ip)) fail("Hostnames cannot contain an IP");
  if (exists(hostnames, [](const std::string& h) { return !wildcard(h) && !rfc1123(h); }))
    fail("Hostnames must be valid based on RFC-1123");
  if (exists(hostnames, [](const std::string& h) { return wildcard(h) && !valid_wildcard(h); })) {
    fail(
        "Wildcards on hostnames must be the first label, and the rest of hostname must be valid "
        "based on RFC-1123");
  }
}

}  // namespace

// The rules of v1, the version Lintel stores; v1alpha2 also has the rule-name uniqueness rule,
// which v1's single rule makes moot.
void check_tls_route_rules(const google::protobuf::Message& object, Errors& errors) {
  const auto& spec = static_cast<const gateway::v1::TLSRoute&>(object).spec();
  check_parent_refs(spec.parent_refs(), "spec.parentRefs", errors);
  check_hostnames(spec.hostnames(), "spec.hostnames", errors);
  check_plain_backend_refs(spec.rules(), "spec.rules", errors);
}

}  // namespace lintel::api::detail
