#include <map>
#include <random>

#include "action_steps.h"
#include "checks.h"
#include "gateway_status_checks.h"
#include "http_check.h"
#include "route_status_checks.h"
#include "traffic_statistics.h"
#include "websocket_check.h"

namespace lintel::conformance {

namespace {

const std::map<std::string, CheckFunction>& traffic_kinds() {
  static const std::map<std::string, CheckFunction> kinds = {
      {"http", run_http_check},
      {"tlsRequestFails", run_tls_request_fails},
      {"mirroredRequestLogged", run_mirrored_request_logged},
      {"websocket", run_websocket},
  };
  return kinds;
}

const std::map<std::string, CheckFunction>& status_kinds() {
  static const std::map<std::string, CheckFunction> kinds = {
      {"gatewayAndRoutesAccepted", run_gateway_and_routes_accepted},
      {"routesAndParentAccepted", run_routes_and_parent_accepted},
      {"routeCondition", run_route_condition},
      {"routeParents", run_route_parents},
      {"routeHasNoAcceptedParents", run_route_has_no_accepted_parents},
      {"policyCondition", run_policy_condition},
      {"gatewayCondition", run_gateway_condition},
      {"listenerSetCondition", run_gateway_condition},
      {"gatewayListeners", run_gateway_listeners},
      {"listenerSetListeners", run_gateway_listeners},
      {"gatewayListenerConditions", run_gateway_listener_conditions},
      {"listenerSetListenerConditions", run_gateway_listener_conditions},
      {"gatewayAttachedListenerSets", run_gateway_attached_listener_sets},
      {"gatewayHasZeroRoutes", run_gateway_has_zero_routes},
      {"gatewayHasAddress", run_gateway_has_address},
      {"gatewayClassAccepted", run_gateway_class_accepted},
      {"namespacesReady", run_namespaces_ready},
      {"observedGenerationCurrent", run_observed_generation_current},
  };
  return kinds;
}

const std::map<std::string, CheckFunction>& other_kinds() {
  static const std::map<std::string, CheckFunction> kinds = {
      {"action", run_action},
      {"endTestIf", run_end_test_if},
      {"manual", run_manual},
      {"generationChanged", run_generation_changed},
      {"weightedDistribution", run_weighted_distribution},
      {"backendFilterConsistency", run_backend_filter_consistency},
      {"mirrorPercentage", run_mirror_percentage},
  };
  return kinds;
}

}  // namespace

CheckFunction check_function(const std::string& kind) {
  for (const auto* table : {&traffic_kinds(), &status_kinds(), &other_kinds()}) {
    if (auto found = table->find(kind); found != table->end()) return found->second;
  }
  return nullptr;
}

bool is_parallel_kind(const std::string& kind) {
  return traffic_kinds().count(kind) > 0;
}

bool is_traffic_kind(const std::string& kind) {
  return !is_status_kind(kind) && kind != "action" && kind != "endTestIf" && kind != "manual" &&
         kind != "generationChanged";
}

bool is_status_kind(const std::string& kind) {
  return status_kinds().count(kind) > 0;
}

std::string CaseState::subtest_id(const std::string& subtest) {
  std::lock_guard lock(mutex);
  auto& id = subtest_ids[subtest];
  if (id.empty()) id = random_uuid();
  return id;
}

std::string random_uuid() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    int digit = static_cast<int>(random() % 16);
    if (i == 12) digit = 4;
    if (i == 16) digit = 8 + digit % 4;
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += hex[digit];
  }
  return out;
}

}  // namespace lintel::conformance
