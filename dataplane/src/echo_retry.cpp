#include "echo_retry.h"

#include <charconv>

#include "echo_reply.h"
#include "go_duration.h"

namespace lintel::dataplane {
namespace {

bool parse_unsigned(const std::string& text, unsigned& out) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, out);
  return !text.empty() && result.ec == std::errc() && result.ptr == end;
}

}  // namespace

RetryDecision RetryCounter::decide(std::string_view target) {
  RetryDecision out;
  std::string uuid;
  std::string text;
  unsigned succeed_after = 0;
  if (!find_query_parameter(target, "uuid", uuid) || uuid.empty() ||
      !find_query_parameter(target, "succeedAfter", text) || !parse_unsigned(text, succeed_after)) {
    out.kind = RetryDecision::Kind::kBadRequest;
    return out;
  }
  if (find_query_parameter(target, "responseCode", text)) {
    if (!parse_unsigned(text, out.status) || out.status < 100 || out.status > 999) {
      out.kind = RetryDecision::Kind::kBadRequest;
      return out;
    }
  }
  unsigned seen = 0;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (seen_.size() >= kMaxUuids && !seen_.contains(uuid)) seen_.clear();
    seen = ++seen_[uuid];
  }
  if (seen > succeed_after) return out;
  out.kind = out.status != 0 ? RetryDecision::Kind::kFailWithStatus : RetryDecision::Kind::kReset;
  if (find_query_parameter(target, "delayRetry", text)) {
    const auto delay = parse_go_duration(text);
    if (delay && delay->count() > 0) out.delay = *delay;
  }
  return out;
}

}  // namespace lintel::dataplane
