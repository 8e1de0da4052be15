#include "crd_compare.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

namespace lintel::crdgen::test {

namespace {

using Lines = std::vector<std::string>;

const std::set<std::string> kIgnoredSchemaKeys = {"description", "x-kubernetes-validations",
                                                  "oneOf", "anyOf"};

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", byte);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A plain scalar as the YAML 1.2 core schema resolves it.
std::string plain_scalar_json(const std::string& text) {
  static const std::regex kTrue("true|True|TRUE");
  static const std::regex kFalse("false|False|FALSE");
  static const std::regex kNull("null|Null|NULL|~|");
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(text, kTrue)) return "true";
  if (std::regex_match(text, kFalse)) return "false";
  if (std::regex_match(text, kNull)) return "null";
  if (std::regex_match(text, kInt) || std::regex_match(text, kFloat)) {
    double value = std::strtod(text.c_str(), nullptr);
    if (std::nearbyint(value) == value && std::fabs(value) < 9.0e15)
      return std::to_string(static_cast<std::int64_t>(value));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
  }
  return json_string(text);
}

bool is_map(const YAML::Node& node) {
  return node.IsDefined() && node.IsMap();
}

// node[key], or an undefined node when there is none: yaml-cpp throws on indexing a missing node.
YAML::Node child(const YAML::Node& node, const std::string& key) {
  if (is_map(node)) {
    const YAML::Node value = node[key];
    if (value.IsDefined()) return value;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

std::set<std::string> keys_of(const YAML::Node& node) {
  std::set<std::string> keys;
  if (is_map(node))
    for (const auto& entry : node) keys.insert(entry.first.as<std::string>());
  return keys;
}

std::set<std::string> union_of(const YAML::Node& a, const YAML::Node& b) {
  std::set<std::string> keys = keys_of(a);
  keys.merge(keys_of(b));
  return keys;
}

std::string shown(const YAML::Node& node) {
  return node.IsDefined() ? canonical_json(node) : "(absent)";
}

std::string set_json(const YAML::Node& node) {
  if (!node.IsDefined()) return "(absent)";
  if (!node.IsSequence()) return canonical_json(node);
  std::set<std::string> items;
  for (const auto& item : node) items.insert(canonical_json(item));
  std::string out = "{";
  for (const std::string& item : items) out += (out.size() > 1 ? "," : "") + item;
  return out + "}";
}

class Comparer {
 public:
  explicit Comparer(Lines& lines) : lines_(lines) {}

  void crd(const std::string& name, const YAML::Node& up, const YAML::Node& gen) {
    for (const std::string& key : union_of(up, gen)) {
      if (key == "spec") continue;
      if (key == "metadata") {
        nested(name, "metadata", child(up, key), child(gen, key));
        continue;
      }
      value(name, "", key, child(up, key), child(gen, key));
    }
    const YAML::Node up_spec = child(up, "spec");
    const YAML::Node gen_spec = child(gen, "spec");
    for (const std::string& key : union_of(up_spec, gen_spec)) {
      if (key == "versions") continue;
      if (key == "names") {
        nested(name, "spec.names", child(up_spec, key), child(gen_spec, key));
        continue;
      }
      value(name, "spec", key, child(up_spec, key), child(gen_spec, key));
    }
    versions(name, child(up_spec, "versions"), child(gen_spec, "versions"));
  }

  void schema(const std::string& where, const std::string& path, const YAML::Node& up,
              const YAML::Node& gen) {
    // The schema's own keywords get a visible path, apart from the version's (served, ...).
    const std::string shown_path = path.empty() ? "(schema root)" : path;
    if (!is_map(up) || !is_map(gen)) {
      value(where, shown_path, "schema", up, gen);
      return;
    }
    for (const std::string& key : union_of(up, gen)) {
      if (kIgnoredSchemaKeys.count(key)) continue;
      const YAML::Node u = child(up, key);
      const YAML::Node g = child(gen, key);
      if (key == "properties" && is_map(u) && is_map(g)) {
        properties(where, path, u, g);
      } else if (key == "items" && is_map(u) && is_map(g)) {
        schema(where, path + "[*]", u, g);
      } else if (key == "additionalProperties" && is_map(u) && is_map(g)) {
        schema(where, path + "{*}", u, g);
      } else if (key == "enum" || key == "required") {
        std::string up_set = set_json(u);
        std::string gen_set = set_json(g);
        if (up_set != gen_set) report(where, shown_path, key, up_set, gen_set);
      } else {
        value(where, shown_path, key, u, g);
      }
    }
  }

 private:
  void report(const std::string& where, const std::string& path, const std::string& key,
              const std::string& up, const std::string& gen) {
    lines_.push_back(where + " " + (path.empty() ? "" : path + " ") + key + ": upstream " + up +
                     ", generated " + gen);
  }

  void value(const std::string& where, const std::string& path, const std::string& key,
             const YAML::Node& up, const YAML::Node& gen) {
    std::string up_json = shown(up);
    std::string gen_json = shown(gen);
    if (up_json != gen_json) report(where, path, key, up_json, gen_json);
  }

  // Each key of two mappings compared as a whole value.
  void nested(const std::string& where, const std::string& path, const YAML::Node& up,
              const YAML::Node& gen) {
    for (const std::string& key : union_of(up, gen))
      value(where, path, key, child(up, key), child(gen, key));
  }

  void properties(const std::string& where, const std::string& path, const YAML::Node& up,
                  const YAML::Node& gen) {
    for (const std::string& name : union_of(up, gen)) {
      std::string property_path = path.empty() ? name : path + "." + name;
      const YAML::Node u = child(up, name);
      const YAML::Node g = child(gen, name);
      if (u.IsDefined() && g.IsDefined()) {
        schema(where, property_path, u, g);
      } else {
        auto presence = [](const YAML::Node& node) {
          if (!node.IsDefined()) return std::string("(absent)");
          const YAML::Node type = child(node, "type");
          return "present" + (type.IsDefined() ? " (type " + canonical_json(type) + ")" : "");
        };
        report(where, property_path, "property", presence(u), presence(g));
      }
    }
  }

  static std::map<std::string, YAML::Node> by_name(const YAML::Node& versions) {
    std::map<std::string, YAML::Node> result;
    if (versions.IsDefined() && versions.IsSequence())
      for (const YAML::Node& version : versions) {
        const YAML::Node name = child(version, "name");
        result.emplace(name.IsDefined() && name.IsScalar() ? name.Scalar() : "(unnamed)", version);
      }
    return result;
  }

  void versions(const std::string& name, const YAML::Node& up, const YAML::Node& gen) {
    auto up_versions = by_name(up);
    auto gen_versions = by_name(gen);
    std::set<std::string> names;
    for (const auto& [version, node] : up_versions) names.insert(version);
    for (const auto& [version, node] : gen_versions) names.insert(version);
    for (const std::string& version : names) {
      std::string where = name + " " + version;
      auto u = up_versions.find(version);
      auto g = gen_versions.find(version);
      if (u == up_versions.end() || g == gen_versions.end()) {
        report(where, "", "version", u == up_versions.end() ? "(absent)" : "present",
               g == gen_versions.end() ? "(absent)" : "present");
        continue;
      }
      const YAML::Node up_version = u->second;
      const YAML::Node gen_version = g->second;
      for (const std::string& key : union_of(up_version, gen_version)) {
        if (key == "name" || key == "additionalPrinterColumns") continue;
        const YAML::Node up_value = child(up_version, key);
        const YAML::Node gen_value = child(gen_version, key);
        if (key != "schema") {
          value(where, "", key, up_value, gen_value);
          continue;
        }
        for (const std::string& part : union_of(up_value, gen_value)) {
          if (part == "openAPIV3Schema")
            schema(where, "", child(up_value, part), child(gen_value, part));
          else
            value(where, "schema", part, child(up_value, part), child(gen_value, part));
        }
      }
    }
  }

  Lines& lines_;
};

std::map<std::string, YAML::Node> crds_by_name(const std::vector<YAML::Node>& crds) {
  std::map<std::string, YAML::Node> result;
  for (const YAML::Node& crd : crds) {
    const YAML::Node name = child(child(crd, "metadata"), "name");
    result.emplace(name.IsDefined() ? name.Scalar() : "(unnamed)", crd);
  }
  return result;
}

}  // namespace

std::string canonical_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return "null";
    case YAML::NodeType::Scalar:
      // yaml-cpp tags a plain scalar "?" and a quoted one "!".
      return node.Tag() == "?" ? plain_scalar_json(node.Scalar()) : json_string(node.Scalar());
    case YAML::NodeType::Sequence: {
      std::string out = "[";
      for (const auto& item : node) out += (out.size() > 1 ? "," : "") + canonical_json(item);
      return out + "]";
    }
    case YAML::NodeType::Map: {
      std::map<std::string, std::string> entries;
      for (const auto& entry : node)
        entries[entry.first.as<std::string>()] = canonical_json(entry.second);
      std::string out = "{";
      for (const auto& [key, value] : entries)
        out += (out.size() > 1 ? "," : "") + json_string(key) + ":" + value;
      return out + "}";
    }
  }
  return "null";
}

std::vector<YAML::Node> load_crds(const std::string& yaml_text) {
  std::vector<YAML::Node> crds;
  for (const YAML::Node& document : YAML::LoadAll(yaml_text)) {
    const YAML::Node kind = child(document, "kind");
    if (kind.IsDefined() && kind.IsScalar() && kind.Scalar() == "CustomResourceDefinition")
      crds.push_back(document);
  }
  return crds;
}

std::vector<std::string> compare_crds(const std::vector<YAML::Node>& upstream,
                                      const std::vector<YAML::Node>& generated) {
  Lines lines;
  Comparer comparer(lines);
  auto up = crds_by_name(upstream);
  auto gen = crds_by_name(generated);
  std::set<std::string> names;
  for (const auto& [name, crd] : up) names.insert(name);
  for (const auto& [name, crd] : gen) names.insert(name);
  for (const std::string& name : names) {
    auto u = up.find(name);
    auto g = gen.find(name);
    if (u == up.end() || g == gen.end()) {
      lines.push_back(name + " CRD: upstream " + (u == up.end() ? "(absent)" : "present") +
                      ", generated " + (g == gen.end() ? "(absent)" : "present"));
      continue;
    }
    comparer.crd(name, u->second, g->second);
  }
  return lines;
}

}  // namespace lintel::crdgen::test
