#pragma once

#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace lintel::conversion {

// The Gateway API objects a conversion produced, as YAML a user can apply to a cluster: the
// very objects `lintel run` serves, so what runs is what the user commits. Deterministic.
//
// What Gateway API cannot say is resolved or flagged, never dropped silently:
// - a backend that names its Service port by name gets the port's number from `services`;
//   when the Service or port is unknown the ref keeps no port and a comment says why;
// - an Ingress wildcard host (`*.foo.com`, one label) widens to Gateway API's any-number of
//   labels; a comment on the route says so;
// - conversion notes (resource backends) become comments at the top.
struct GatewayYaml {
  std::string text;
  // Every place the output differs from what the Ingresses meant, one line each (the same words
  // as the comments in the text). Empty when the conversion is exact.
  std::vector<std::string> approximations;
};

GatewayYaml to_gateway_yaml(const ConversionResult& result,
                            const std::vector<const api::Service*>& services);

}  // namespace lintel::conversion
