#include "leader_election.h"

#include <cpprest/json.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "lintel/support/log.h"

namespace lintel::controller::kube {

namespace {

using json = web::json::value;
using Clock = std::chrono::steady_clock;

// A MicroTime, as the API server writes Lease times: "2026-11-25T16:21:27.123456Z".
std::string micro_time_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  char text[40];
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  const size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%06ldZ", static_cast<long>(micros));
  return text;
}

std::string text_at(const json& object, const char* field) {
  return object.has_field(field) && object.at(field).is_string() ? object.at(field).as_string()
                                                                 : "";
}

}  // namespace

LeaderElector::LeaderElector(ApiClient& client, LeaderElectionOptions options,
                             std::function<void(bool leading)> on_change)
    : client_(client), options_(std::move(options)), on_change_(std::move(on_change)) {}

void LeaderElector::set_leading(bool leading) {
  if (leading_.exchange(leading) == leading) return;
  log::info(
      leading ? "leading: this replica writes status" : "not leading: status writes stop",
      {{"lease", options_.namespace_ + "/" + options_.name}, {"identity", options_.identity}});
  if (on_change_) on_change_(leading);
}

bool LeaderElector::try_acquire_or_renew(std::chrono::milliseconds timeout) {
  const std::string collection =
      "/apis/coordination.k8s.io/v1/namespaces/" + options_.namespace_ + "/leases";
  const std::string path = collection + "/" + options_.name;
  const std::string now = micro_time_now();
  ApiResponse current = client_.get(path, timeout);
  json lease;
  if (current.status == 404) {
    lease = json::object();
    lease["apiVersion"] = json::string("coordination.k8s.io/v1");
    lease["kind"] = json::string("Lease");
    lease["metadata"] = json::object();
    lease["metadata"]["name"] = json::string(options_.name);
    lease["metadata"]["namespace"] = json::string(options_.namespace_);
    json spec = json::object();
    spec["holderIdentity"] = json::string(options_.identity);
    spec["leaseDurationSeconds"] =
        json::number(static_cast<int>(options_.lease_duration.count() / 1000));
    spec["acquireTime"] = json::string(now);
    spec["renewTime"] = json::string(now);
    spec["leaseTransitions"] = json::number(0);
    lease["spec"] = spec;
    return client_.post(collection, lease.serialize(), timeout).status == 201;
  }
  if (current.status != 200) return false;
  std::error_code error;
  lease = json::parse(current.body, error);
  if (error || !lease.is_object()) return false;
  json& spec = lease["spec"];
  const std::string holder = text_at(spec, "holderIdentity");
  // The record as it stands, so that any change (a renewal by the holder) restarts the clock.
  const std::string record = holder + "|" + text_at(spec, "renewTime");
  if (record != observed_record_) {
    observed_record_ = record;
    observed_at_ = Clock::now();
  }
  const bool mine = holder == options_.identity;
  const bool expired = holder.empty() || Clock::now() - observed_at_ > options_.lease_duration;
  if (!mine && !expired) return false;
  if (!mine) {
    spec["holderIdentity"] = json::string(options_.identity);
    spec["acquireTime"] = json::string(now);
    const int transitions =
        spec.has_field("leaseTransitions") && spec.at("leaseTransitions").is_number()
            ? spec.at("leaseTransitions").as_integer()
            : 0;
    spec["leaseTransitions"] = json::number(transitions + 1);
  }
  spec["renewTime"] = json::string(now);
  spec["leaseDurationSeconds"] =
      json::number(static_cast<int>(options_.lease_duration.count() / 1000));
  // The resourceVersion read above goes with the write: if another replica wrote in between,
  // the API server answers 409 and this replica does not lead.
  ApiResponse written = client_.put(path, lease.serialize(), timeout);
  if (written.status != 200) return false;
  observed_record_ = options_.identity + "|" + now;
  observed_at_ = Clock::now();
  return true;
}

void LeaderElector::run() {
  using std::chrono::milliseconds;
  Clock::time_point last_renewal{};
  while (!stopping_.load()) {
    // A leader must stop leading by its renew deadline whatever the API server does (a hung
    // one included), so no attempt may run past it: the read and the write share what is left.
    milliseconds timeout = options_.renew_deadline / 2;
    if (leading_.load()) {
      const auto left = std::chrono::duration_cast<milliseconds>(
          last_renewal + options_.renew_deadline - Clock::now());
      timeout = std::clamp(left / 2, milliseconds(10), timeout);
    }
    const bool held = try_acquire_or_renew(timeout);
    if (held) {
      last_renewal = Clock::now();
      set_leading(true);
    } else if (!leading_.load() || Clock::now() - last_renewal >= options_.renew_deadline) {
      set_leading(false);
    }
    milliseconds pause = options_.retry_period;
    if (leading_.load())
      pause = std::clamp(std::chrono::duration_cast<milliseconds>(
                             last_renewal + options_.renew_deadline - Clock::now()),
                         milliseconds(1), pause);
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, pause, [this] { return stopping_.load(); });
  }
  if (leading_.load() && options_.release_on_stop) release();
  set_leading(false);
}

void LeaderElector::release() {
  const std::string path =
      "/apis/coordination.k8s.io/v1/namespaces/" + options_.namespace_ + "/leases/" + options_.name;
  ApiResponse current = client_.get(path);
  std::error_code error;
  json lease = current.status == 200 ? json::parse(current.body, error) : json();
  if (error || !lease.is_object() || !lease.has_field("spec") ||
      text_at(lease.at("spec"), "holderIdentity") != options_.identity)
    return;
  lease["spec"]["holderIdentity"] = json::string("");
  lease["spec"]["leaseDurationSeconds"] = json::number(1);
  lease["spec"]["renewTime"] = json::string(micro_time_now());
  client_.put(path, lease.serialize());
}

void LeaderElector::stop() {
  stopping_.store(true);
  std::lock_guard lock(mutex_);
  wake_.notify_all();
}

}  // namespace lintel::controller::kube
