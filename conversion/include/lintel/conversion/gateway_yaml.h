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
struct GatewayYaml {
  std::string text;
  // Every place the output differs from what the Ingresses meant, one line each (the same words
  // as the comments in the text). Empty when the conversion is exact.
  std::vector<std::string> approximations;
};

GatewayYaml to_gateway_yaml(const ConversionResult& result);

}  // namespace lintel::conversion
