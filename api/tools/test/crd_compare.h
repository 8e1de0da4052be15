#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

// Structural comparison of CustomResourceDefinitions: what a CRD accepts and how it is served,
// not how it is written. Descriptions, CEL rules (x-kubernetes-validations), oneOf/anyOf and
// printer columns are left out; so is everything that is not a CRD in a bundle.
namespace lintel::crdgen::test {

// JSON for a YAML value as Kubernetes reads it (plain scalars resolved by the YAML core schema,
// keys sorted), so that values compare by meaning: 1 and 1.0, "a" and 'a' are equal.
std::string canonical_json(const YAML::Node& node);

// The CRDs of a YAML stream, by document order.
std::vector<YAML::Node> load_crds(const std::string& yaml_text);

// One line per difference: "<crd> <version> <path> <keyword>: upstream X, generated Y".
std::vector<std::string> compare_crds(const std::vector<YAML::Node>& upstream,
                                      const std::vector<YAML::Node>& generated);

}  // namespace lintel::crdgen::test
