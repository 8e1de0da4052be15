#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lintel/conversion/gateway_yaml.h"
#include "lintel/conversion/ingress_semantics.h"

namespace lintel::conversion {

struct VerifyDifference {
  IngressRequest request;
  std::string ingress_semantics;  // RoutedRequest::describe()
  std::string converted;
};

// `lintel migrate --verify`: sample requests routed by Ingress semantics and through the
// converted objects.
struct VerifyResult {
  size_t requests = 0;
  std::vector<VerifyDifference> differences;
  std::vector<std::string> skipped;  // why some requests were not compared
};

struct MigrationReportInput {
  const ConversionResult& result;
  const GatewayYaml& yaml;
  // Ingresses of other classes ("namespace/name"), which the migration leaves alone.
  std::vector<std::string> left_alone;
  std::optional<VerifyResult> verify;
};

// The Ingresses among `ingresses` that `result` did not convert (other classes' Ingresses).
std::vector<std::string> ingresses_left_alone(const std::vector<const api::Ingress*>& ingresses,
                                              const ConversionResult& result);

// The outcome of the whole migration: the worst of its Ingresses' and settings'.
Outcome migration_outcome(const MigrationReportInput& input);

// Per Ingress: converted (to which Gateway, listeners and HTTPRoutes), approximated (how
// behaviour differs) or unsupported (why, and what is left out); then the ConfigMap's settings
// and the verification. For people.
std::string migration_report_text(const MigrationReportInput& input);
// The same as one JSON object, for tools.
std::string migration_report_json(const MigrationReportInput& input);

}  // namespace lintel::conversion
