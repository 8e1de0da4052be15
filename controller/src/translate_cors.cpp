#include "translate_cors.h"

namespace lintel::controller {

namespace {
constexpr std::uint32_t kDefaultMaxAgeSeconds = 5;
}  // namespace

snapshot::v1::CorsPolicy cors_policy(const gateway::v1::HTTPCORSFilter& filter) {
  snapshot::v1::CorsPolicy out;
  out.mutable_allow_origins()->CopyFrom(filter.allow_origins());
  out.set_allow_credentials(filter.allow_credentials());
  out.mutable_allow_methods()->CopyFrom(filter.allow_methods());
  out.mutable_allow_headers()->CopyFrom(filter.allow_headers());
  out.mutable_expose_headers()->CopyFrom(filter.expose_headers());
  const std::int32_t max_age = filter.has_max_age() ? filter.max_age() : kDefaultMaxAgeSeconds;
  out.set_max_age_seconds(max_age > 0 ? static_cast<std::uint32_t>(max_age) : 0);
  return out;
}

}  // namespace lintel::controller
