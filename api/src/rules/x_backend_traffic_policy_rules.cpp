#include <cctype>
#include <cstdint>
#include <optional>
#include <string_view>

#include "cel_error.h"
#include "lintel/gatewayx/v1alpha1/x_backend_traffic_policy.pb.h"
#include "rules.h"

namespace lintel::api::detail {

namespace {

using gatewayx::v1alpha1::RetryConstraint;
using gatewayx::v1alpha1::SessionPersistence;

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kHour = 3600 * kSecond;

// CEL's duration() of a Gateway API Duration, in milliseconds. The schema's pattern
// (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`) has been checked, so the text is digits-and-unit pairs.
std::optional<std::int64_t> milliseconds(std::string_view text) {
  std::int64_t total = 0;
  size_t at = 0;
  while (at < text.size()) {
    std::int64_t amount = 0;
    size_t digits = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])))
      amount = amount * 10 + (text[at++] - '0');
    if (at == digits) return std::nullopt;
    if (text.substr(at, 2) == "ms") {
      total += amount;
      at += 2;
    } else if (at < text.size() && (text[at] == 'h' || text[at] == 'm' || text[at] == 's')) {
      total += amount * (text[at] == 'h' ? kHour : text[at] == 'm' ? 60 * kSecond : kSecond);
      ++at;
    } else {
      return std::nullopt;
    }
  }
  return at == 0 ? std::nullopt : std::optional(total);
}

void check_interval(const std::string& interval, bool (*holds)(std::int64_t), const char* message,
                    const std::string& path, std::vector<FieldError>& errors) {
  auto duration = milliseconds(interval);
  if (duration && !holds(*duration)) errors.push_back(cel_error(path, kJsonString, message));
}

void check_retry_constraint(const RetryConstraint& retry, const std::string& path,
                            std::vector<FieldError>& errors) {
  if (retry.has_budget() && retry.budget().has_interval()) {
    check_interval(
        retry.budget().interval(), [](std::int64_t ms) { return ms >= kSecond && ms <= kHour; },
        "interval cannot be greater than one hour or less than one second",
        child(path, "budget.interval"), errors);
  }
  if (retry.has_min_retry_rate() && retry.min_retry_rate().has_interval()) {
    check_interval(
        retry.min_retry_rate().interval(), [](std::int64_t ms) { return ms != 0 && ms <= kHour; },
        "interval cannot be greater than one hour", child(path, "minRetryRate.interval"), errors);
  }
}

void check_session_persistence(const SessionPersistence& session, const std::string& path,
                               std::vector<FieldError>& errors) {
  bool permanent = session.has_cookie_config() && session.cookie_config().has_lifetime_type() &&
                   session.cookie_config().lifetime_type() == "Permanent";
  if (permanent && !session.has_absolute_timeout()) {
    errors.push_back(cel_error(path, kJsonObject,
                               "AbsoluteTimeout must be specified when cookie lifetimeType is "
                               "Permanent"));
  }
  if (session.has_cookie_config() && session.type() != "Cookie")
    errors.push_back(cel_error(path, kJsonObject, "cookieConfig can only be set with type Cookie"));
}

}  // namespace

void check_x_backend_traffic_policy_rules(const google::protobuf::Message& object,
                                          std::vector<FieldError>& errors) {
  const auto& spec = static_cast<const gatewayx::v1alpha1::XBackendTrafficPolicy&>(object).spec();
  if (spec.has_retry_constraint())
    check_retry_constraint(spec.retry_constraint(), "spec.retryConstraint", errors);
  if (spec.has_session_persistence())
    check_session_persistence(spec.session_persistence(), "spec.sessionPersistence", errors);
}

}  // namespace lintel::api::detail
