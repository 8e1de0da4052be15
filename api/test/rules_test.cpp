// The CEL rules (api/src/rules) against their cases (test/testdata/rules/*.yaml), and the check
// that every rule of the experimental CRD bundle has a case.
//
// A case file is a YAML stream, one case a document:
//   rule: the upstream rule's message (or messageExpression), exactly as in the CRD
//   path: where the rule is written: `spec.listeners[*].tls`, `spec`, `` for the root
//   kind: the kind it is written on
//   valid: a manifest that must decode without an error
//   invalid: a manifest that must not
//   error: what the invalid one produces (DecodeError::to_string()), or a list of them
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "lintel/api/decode.h"
#include "schema_index.h"
#include "yaml_tree.h"

namespace lintel::api {
namespace {

namespace fs = std::filesystem;
using detail::YamlNode;

const fs::path kRuleCases = fs::path(LINTEL_API_TESTDATA) / "rules";

// Upstream's CRDs (../shared/reference beside the repository, found by CMake); empty when absent.
fs::path crd_directory() {
  std::string reference = LINTEL_REFERENCE_DIR;
  return reference.empty() ? fs::path() : fs::path(reference) / "gateway-api" / "crds";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const YamlNode* field(const YamlNode& mapping, std::string_view key) {
  if (mapping.kind != YamlNode::Kind::kMapping) return nullptr;
  for (const auto& [key_node, value] : mapping.entries) {
    if (key_node->scalar == key) return value.get();
  }
  return nullptr;
}

std::optional<std::string> scalar(const YamlNode* mapping, std::string_view key) {
  const YamlNode* value = mapping ? field(*mapping, key) : nullptr;
  if (!value || value->kind != YamlNode::Kind::kScalar || value->is_null()) return std::nullopt;
  return value->scalar;
}

const YamlNode* at(const YamlNode& node, std::initializer_list<std::string_view> keys) {
  const YamlNode* current = &node;
  for (auto key : keys) {
    current = current ? field(*current, key) : nullptr;
  }
  return current;
}

// ---- The cases ----

struct RuleCase {
  std::string where;  // "gateway.yaml:12" (the document's first line)
  std::string rule;
  std::string path;
  std::string kind;
  std::optional<std::string> valid;
  std::optional<std::string> invalid;
  std::vector<std::string> errors;
};

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  if (!fs::is_directory(kRuleCases)) return files;
  for (const auto& entry : fs::directory_iterator(kRuleCases)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> case_file_names() {
  std::vector<std::string> names;
  for (const auto& file : case_files()) names.push_back(file.stem().string());
  return names;
}

std::vector<std::string> expected_errors(const YamlNode& document) {
  const YamlNode* error = field(document, "error");
  if (!error || error->is_null()) return {};
  if (error->kind == YamlNode::Kind::kScalar) return {error->scalar};
  std::vector<std::string> errors;
  for (const auto& item : error->items) errors.push_back(item->scalar);
  return errors;
}

// A malformed case is a failure of its own, so that a typo cannot pass for coverage.
std::optional<RuleCase> read_case(const YamlNode& document, const std::string& where) {
  static const std::set<std::string> kKeys = {"rule", "path", "kind", "valid", "invalid", "error"};
  bool well_formed = document.kind == YamlNode::Kind::kMapping;
  for (const auto& [key, value] : document.entries) {
    if (!kKeys.contains(key->scalar)) {
      ADD_FAILURE() << where << ": unknown key \"" << key->scalar << "\"";
      well_formed = false;
    }
  }
  RuleCase result{where,
                  scalar(&document, "rule").value_or(""),
                  scalar(&document, "path").value_or(""),
                  scalar(&document, "kind").value_or(""),
                  scalar(&document, "valid"),
                  scalar(&document, "invalid"),
                  expected_errors(document)};
  if (result.rule.empty() || result.kind.empty() || !field(document, "path")) {
    ADD_FAILURE() << where << ": a case needs rule, path and kind";
    well_formed = false;
  }
  if (!result.valid && !result.invalid) {
    ADD_FAILURE() << where << ": a case needs a valid or an invalid manifest";
    well_formed = false;
  }
  if (result.invalid.has_value() == result.errors.empty()) {
    ADD_FAILURE() << where << ": an invalid manifest goes with its error, and only it";
    well_formed = false;
  }
  return well_formed ? std::optional(result) : std::nullopt;
}

std::vector<RuleCase> read_cases(const fs::path& file) {
  std::vector<RuleCase> cases;
  detail::YamlStream stream = detail::parse_yaml_stream(read_file(file));
  if (stream.error) ADD_FAILURE() << file << ": " << *stream.error;
  for (const auto& document : stream.documents) {
    if (document->is_null()) continue;
    std::string where = file.filename().string() + ":" + std::to_string(document->line);
    if (auto rule_case = read_case(*document, where)) cases.push_back(std::move(*rule_case));
  }
  return cases;
}

std::vector<std::string> error_texts(const DecodeResult& result) {
  std::vector<std::string> texts;
  for (const auto& error : result.errors) texts.push_back(error.to_string());
  return texts;
}

std::string kind_of(const DecodedObject& decoded) {
  const auto* object = std::get_if<SchemaObject>(&decoded.object);
  return object ? object->kind : "";
}

void expect_valid(const RuleCase& rule_case) {
  DecodeResult result = decode_manifests(*rule_case.valid, "case.yaml");
  EXPECT_EQ(error_texts(result), std::vector<std::string>{}) << "valid manifest";
  EXPECT_TRUE(result.warnings.empty()) << "valid manifest: " << result.warnings[0].to_string();
  ASSERT_EQ(result.objects.size(), 1u) << "valid manifest";
  EXPECT_EQ(kind_of(result.objects[0]), rule_case.kind) << "valid manifest";
}

void expect_invalid(const RuleCase& rule_case) {
  DecodeResult result = decode_manifests(*rule_case.invalid, "case.yaml");
  EXPECT_EQ(error_texts(result), rule_case.errors) << "invalid manifest";
  EXPECT_TRUE(result.objects.empty()) << "invalid manifest";
}

class RulesFile : public testing::TestWithParam<std::string> {};

TEST_P(RulesFile, Cases) {
  std::vector<RuleCase> cases = read_cases(kRuleCases / (GetParam() + ".yaml"));
  for (const auto& rule_case : cases) {
    SCOPED_TRACE(rule_case.where + " " + rule_case.kind + " " + rule_case.path + ": " +
                 rule_case.rule);
    if (rule_case.valid) expect_valid(rule_case);
    if (rule_case.invalid) expect_invalid(rule_case);
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RulesFile, testing::ValuesIn(case_file_names()),
                         [](const auto& info) { return info.param; });

// ---- Coverage ----

// (kind, path, rule message): what a case names and what the coverage counts.
using RuleKey = std::tuple<std::string, std::string, std::string>;

struct CrdRule {
  std::string path;
  std::vector<std::string> names;  // the message and the messageExpression, as given
  std::string rule;
};

std::string describe(const std::string& kind, const CrdRule& rule) {
  return kind + " " + (rule.path.empty() ? "<root>" : rule.path) + ": " +
         (rule.names.empty() ? rule.rule : rule.names[0]);
}

void collect_rules(const YamlNode& schema, const std::string& path, std::vector<CrdRule>& out) {
  if (const YamlNode* rules = field(schema, "x-kubernetes-validations")) {
    for (const auto& rule : rules->items) {
      CrdRule entry{path, {}, scalar(rule.get(), "rule").value_or("")};
      for (const char* name : {"message", "messageExpression"}) {
        if (auto text = scalar(rule.get(), name)) entry.names.push_back(*text);
      }
      if (entry.names.empty()) entry.names.push_back(entry.rule);
      out.push_back(std::move(entry));
    }
  }
  if (const YamlNode* properties = field(schema, "properties")) {
    for (const auto& [name, property] : properties->entries) {
      collect_rules(*property, path.empty() ? name->scalar : path + "." + name->scalar, out);
    }
  }
  for (const char* nested : {"items", "additionalProperties"}) {
    const YamlNode* value = field(schema, nested);
    if (value && value->kind == YamlNode::Kind::kMapping) collect_rules(*value, path + "[*]", out);
  }
}

// The version Lintel stores a kind at (the first its schema lists), or null when Lintel does
// not know the kind.
const std::string* stored_version(const std::string& group, const std::string& kind) {
  for (const auto& info : detail::SchemaIndex::get().kinds()) {
    if (info.group == group && info.schema->kind() == kind) return &info.schema->versions(0).name();
  }
  return nullptr;
}

std::set<RuleKey> covered_rules() {
  std::set<RuleKey> covered;
  for (const auto& file : case_files()) {
    for (const auto& rule_case : read_cases(file))
      covered.insert({rule_case.kind, rule_case.path, rule_case.rule});
  }
  return covered;
}

bool is_covered(const std::set<RuleKey>& covered, const std::string& kind, const CrdRule& rule) {
  return std::any_of(rule.names.begin(), rule.names.end(), [&](const std::string& name) {
    return covered.contains({kind, rule.path, name});
  });
}

TEST(RulesCoverage, EveryRuleOfTheExperimentalBundleHasACase) {
  if (crd_directory().empty())
    GTEST_SKIP() << "no Gateway API reference data beside the repository (see CMake's warning)";
  fs::path bundle = crd_directory() / "experimental-install.yaml";
  ASSERT_TRUE(fs::is_regular_file(bundle))
      << "the upstream CRDs are missing: " << bundle << " (expected beside the repository)";
  detail::YamlStream stream = detail::parse_yaml_stream(read_file(bundle));
  ASSERT_FALSE(stream.error) << bundle << ": " << *stream.error;

  std::set<RuleKey> covered = covered_rules();
  std::vector<std::string> uncovered;
  int rules = 0;
  int transition_rules = 0;
  for (const auto& document : stream.documents) {
    if (scalar(document.get(), "kind") != "CustomResourceDefinition") continue;
    std::string group = scalar(at(*document, {"spec"}), "group").value_or("");
    std::string kind = scalar(at(*document, {"spec", "names"}), "kind").value_or("");
    const std::string* version = stored_version(group, kind);
    const YamlNode* schema = nullptr;
    const YamlNode* versions = at(*document, {"spec", "versions"});
    for (size_t i = 0; version && versions && i < versions->items.size(); ++i) {
      if (scalar(versions->items[i].get(), "name") == *version)
        schema = at(*versions->items[i], {"schema", "openAPIV3Schema"});
    }
    if (!schema) {
      uncovered.push_back(kind + ": Lintel stores no version of it that the bundle defines");
      continue;
    }
    std::vector<CrdRule> crd_rules;
    collect_rules(*schema, "", crd_rules);
    for (const auto& rule : crd_rules) {
      if (rule.rule.find("oldSelf") != std::string::npos) {
        ++transition_rules;  // needs the stored object: out of reach of a manifest
        continue;
      }
      ++rules;
      if (!is_covered(covered, kind, rule)) uncovered.push_back(describe(kind, rule));
    }
  }
  std::cout << rules << " rules (" << transition_rules << " transition rules left out), "
            << uncovered.size() << " without a case\n";
  for (const auto& line : uncovered) std::cout << "  uncovered: " << line << "\n";
  EXPECT_TRUE(uncovered.empty()) << uncovered.size() << " rules have no case (listed above)";
}

}  // namespace
}  // namespace lintel::api
