#include "crd_compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace lintel::crdgen::test {
namespace {

std::string json(const std::string& yaml) {
  return canonical_json(YAML::Load(yaml));
}

TEST(CanonicalJson, ComparesByMeaning) {
  EXPECT_EQ(json("a"), json("'a'"));
  EXPECT_EQ(json("1"), json("1.0"));
  EXPECT_EQ(json("{b: 1, a: [x, true]}"), json("{\"a\": [\"x\", true], \"b\": 1}"));
  EXPECT_NE(json("'1'"), json("1"));
  EXPECT_NE(json("'true'"), json("true"));
  EXPECT_EQ(json("True"), "true");
  EXPECT_EQ(json("~"), "null");
}

// Upstream's shape: a CRD with one version, a schema with descriptions and CEL rules.
const char* kUpstream = R"(
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  group: example.com
  names: {kind: Thing, listKind: ThingList, plural: things, singular: thing}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns: [{jsonPath: .metadata.creationTimestamp, name: Age, type: date}]
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        description: A thing.
        type: object
        required: [spec]
        properties:
          spec:
            type: object
            x-kubernetes-validations: [{rule: 'true', message: m}]
            required: [b, a]
            properties:
              a: {type: string, enum: [X, Y], maxLength: 5, description: d}
              b: {type: integer, default: 1, format: int32}
              list: {type: array, maxItems: 4, items: {type: string, pattern: '^x$'}}
              gone: {type: string}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ignored}
)";

const char* kSame = R"(
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  group: example.com
  names: {kind: Thing, listKind: ThingList, plural: things, singular: thing}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        required: [spec]
        properties:
          spec:
            type: object
            required: [a, b]
            properties:
              a: {type: string, enum: [Y, X], maxLength: 5}
              b: {type: integer, default: 1.0, format: int32}
              list: {type: array, maxItems: 4, items: {type: string, pattern: '^x$'}}
              gone: {type: string}
)";

const char* kDifferent = R"(
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  group: example.com
  names: {kind: Thing, listKind: ThingList, plural: things, singular: thing}
  scope: Cluster
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {}
    schema:
      openAPIV3Schema:
        type: object
        required: [spec]
        properties:
          spec:
            type: object
            required: [a]
            properties:
              a: {type: string, enum: [X], maxLength: 6}
              b: {type: integer, default: '1', format: int32}
              list: {type: array, items: {type: string, pattern: '^y$'}}
              extra: {type: boolean}
  - name: v2
    served: false
    storage: false
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: others.example.com}
)";

TEST(CompareCrds, IgnoresDescriptionsCelPrinterColumnsAndOtherKinds) {
  EXPECT_EQ(compare_crds(load_crds(kUpstream), load_crds(kSame)), std::vector<std::string>{});
}

TEST(CompareCrds, ReportsEveryDifference) {
  std::vector<std::string> found = compare_crds(load_crds(kUpstream), load_crds(kDifferent));
  std::vector<std::string> expected = {
      "others.example.com CRD: upstream (absent), generated present",
      "things.example.com spec scope: upstream \"Namespaced\", generated \"Cluster\"",
      "things.example.com v1 subresources: upstream {\"status\":{}}, generated {}",
      "things.example.com v1 spec.a enum: upstream {\"X\",\"Y\"}, generated {\"X\"}",
      "things.example.com v1 spec.a maxLength: upstream 5, generated 6",
      "things.example.com v1 spec.b default: upstream 1, generated \"1\"",
      "things.example.com v1 spec.extra property: upstream (absent), generated present "
      "(type \"boolean\")",
      "things.example.com v1 spec.gone property: upstream present (type \"string\"), "
      "generated (absent)",
      "things.example.com v1 spec.list maxItems: upstream 4, generated (absent)",
      "things.example.com v1 spec.list[*] pattern: upstream \"^x$\", generated \"^y$\"",
      "things.example.com v1 spec required: upstream {\"a\",\"b\"}, generated {\"a\"}",
      "things.example.com v2 version: upstream (absent), generated present"};
  std::sort(found.begin(), found.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected);
}

}  // namespace
}  // namespace lintel::crdgen::test
