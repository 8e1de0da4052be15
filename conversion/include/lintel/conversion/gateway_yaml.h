#pragma once

#include <string>
#include <vector>

#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion {

// The Gateway API objects a conversion produced, as YAML a user can apply to a cluster: the
// very objects `lintel run` serves, so what runs is what the user commits. Deterministic.
// Each object is written by the schema encoder (api::encode_yaml) without what is not the
// user's to write: status, creationTimestamp and Lintel's internal annotations.
//
// What Gateway API cannot say is flagged, never dropped silently, in `# ` comment lines at the
// top of the document it concerns (at the top of the output when no object does):
// - a backend whose named Service port the conversion could not resolve has no port;
// - an Ingress wildcard host (`*.foo.com`, one label) widens to Gateway API's any-number of
//   labels;
// - what was not converted at all (resource backends).
// One place where the output differs from what the Ingresses (or the ingress-nginx ConfigMap)
// meant.
struct MigrationFlag {
  std::string ingress;  // "namespace/name"; empty for the ConfigMap's settings
  Outcome outcome = Outcome::approximated;
  std::string text;  // the words of the comment in the YAML
};

struct GatewayYaml {
  std::string text;
  // Every place the output differs from what the Ingresses meant, one line each (the same words
  // as the comments in the text). Empty when the conversion is exact.
  std::vector<std::string> approximations;
  // The same, with whom each concerns, for the migration report.
  std::vector<MigrationFlag> flags;
};

GatewayYaml to_gateway_yaml(const ConversionResult& result);

// The converted objects exactly as to_gateway_yaml writes them (no status, creationTimestamp or
// internal annotations): what a cluster serves once the user applies the output.
ConversionResult committed_objects(ConversionResult result);

}  // namespace lintel::conversion
