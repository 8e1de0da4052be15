#include "lintel/api/decode.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "lintel/api/validate.h"
#include "lintel/meta/v1/meta.pb.h"
#include "rules/rules.h"
#include "scalar.h"
#include "schema_decode.h"
#include "schema_index.h"
#include "schema_validate.h"
#include "yaml_tree.h"

namespace lintel::api {

namespace {

using detail::YamlNode;

// Kinds a cluster serves that Lintel has no use for: skipped with a warning, so that a folder of
// real manifests (Deployments beside Services) loads.
struct ServedKind {
  const char* api_version;
  const char* kind;
};
constexpr std::array kServedKinds = {
    ServedKind{"v1", "ConfigMap"},
    ServedKind{"v1", "Pod"},
    ServedKind{"v1", "ServiceAccount"},
    ServedKind{"v1", "Endpoints"},
    ServedKind{"v1", "PersistentVolumeClaim"},
    ServedKind{"apps/v1", "Deployment"},
    ServedKind{"apps/v1", "StatefulSet"},
    ServedKind{"apps/v1", "DaemonSet"},
    ServedKind{"apps/v1", "ReplicaSet"},
    ServedKind{"networking.k8s.io/v1", "NetworkPolicy"},
    ServedKind{"rbac.authorization.k8s.io/v1", "Role"},
    ServedKind{"rbac.authorization.k8s.io/v1", "ClusterRole"},
    ServedKind{"rbac.authorization.k8s.io/v1", "RoleBinding"},
    ServedKind{"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
    ServedKind{"policy/v1", "PodDisruptionBudget"},
    ServedKind{"batch/v1", "Job"},
    ServedKind{"batch/v1", "CronJob"},
    ServedKind{"autoscaling/v2", "HorizontalPodAutoscaler"},
};

constexpr const char* kSchemeName = "lintel.io/api";

bool known_group_version(const std::string& api_version) {
  auto same = [&](const auto& entry) { return api_version == entry.api_version; };
  return std::any_of(kServedKinds.begin(), kServedKinds.end(), same) ||
         detail::SchemaIndex::get().serves_group_version(api_version);
}

bool served_kind(const std::string& api_version, const std::string& kind) {
  return std::any_of(kServedKinds.begin(), kServedKinds.end(), [&](const ServedKind& entry) {
    return api_version == entry.api_version && kind == entry.kind;
  });
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string version_of(const std::string& api_version) {
  auto slash = api_version.find('/');
  return slash == std::string::npos ? api_version : api_version.substr(slash + 1);
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// Whether the standard channel's CRDs serve the kind at that version.
bool in_standard_channel(const detail::KindInfo& info, const std::string& version) {
  if (info.schema->experimental()) return false;
  for (const auto& served : info.schema->versions()) {
    if (served.name() == version) return !served.standard_not_served();
  }
  return false;
}

struct DocumentDecoder {
  std::string_view file;
  int index;
  Channel channel;
  DecodeResult& result;

  void error(std::string object, std::string message) {
    result.errors.push_back(
        DecodeError{std::string(file), index, std::move(object), std::move(message)});
  }
  void warning(std::string object, std::string message) {
    result.warnings.push_back(
        DecodeError{std::string(file), index, std::move(object), std::move(message)});
  }

  void decode(const YamlNode& document) {
    if (document.is_null()) return;  // an empty document between two "---" is legal
    if (document.kind != YamlNode::Kind::kMapping) {
      error("", "error unmarshaling JSON: json: cannot unmarshal " +
                    std::string(detail::json_type_word(detail::json_type(document))) +
                    " into Go value of type map[string]interface {}");
      return;
    }
    std::string api_version = scalar_field(document, "apiVersion");
    std::string kind = scalar_field(document, "kind");
    if (api_version.empty())
      return error("", "Object 'apiVersion' is missing in '" + brief(document) + "'");
    if (kind.empty()) return error("", "Object 'Kind' is missing in '" + brief(document) + "'");

    if (api_version == "v1" && kind == "List") return decode_list(document);
    const auto* schema_kind = detail::SchemaIndex::get().find_kind(api_version, kind);
    if (schema_kind && channel == Channel::kStandard &&
        !in_standard_channel(*schema_kind, version_of(api_version))) {
      // The standard channel's bundle has no CRD serving it: kubectl finds no REST mapping.
      return not_installed(api_version, kind, name_of(document));
    }
    if (schema_kind) return decode_schema(document, *schema_kind, api_version);
    return unregistered(api_version, kind, name_of(document));
  }

  // kubectl's `kind: List` (what `kubectl get -o yaml` and `lintel migrate -o json` write):
  // each item is an object of its own, decoded as if it were a document.
  void decode_list(const YamlNode& document) {
    const YamlNode* items = field(document, "items");
    if (items == nullptr || items->is_null()) return;
    if (items->kind != YamlNode::Kind::kSequence) {
      return error("", "error unmarshaling JSON: json: cannot unmarshal " +
                           std::string(detail::json_type_word(detail::json_type(*items))) +
                           " into Go struct field List.items of type []runtime.RawExtension");
    }
    for (const auto& item : items->items) decode(*item);
  }

  // A kind of the schema (api/proto): decoded and validated from its descriptor alone.
  void decode_schema(const YamlNode& document, const detail::KindInfo& info,
                     const std::string& api_version) {
    namespace gp = google::protobuf;
    const std::string& kind = info.schema->kind();
    std::shared_ptr<gp::Message> message(
        gp::MessageFactory::generated_factory()->GetPrototype(info.descriptor)->New());
    detail::SchemaDecodeProblems problems;
    bool standard = channel == Channel::kStandard;
    detail::decode_schema_message(document, *message, "", problems,
                                  info.schema->builtin() ? kind : "", standard);

    const gp::Reflection* reflection = message->GetReflection();
    auto* meta = static_cast<meta::v1::ObjectMeta*>(
        reflection->MutableMessage(message.get(), info.descriptor->FindFieldByName("metadata")));
    if (info.schema->cluster_scoped()) {
      meta->clear_namespace_();
    } else if (meta->namespace_().empty()) {
      meta->set_namespace_("default");
    }
    // Objects are stored at their kind's first (newest) version; every served version of a
    // Gateway API kind shares its fields, so the conversion is the apiVersion alone.
    message->GetReflection()->SetString(
        message.get(), info.descriptor->FindFieldByName("api_version"),
        detail::api_version_of(info.group, info.schema->versions(0).name()));
    // The status subresource is the controller's: what a manifest says there is dropped and
    // replaced by the schema's default, as the API server does on create.
    if (const gp::FieldDescriptor* status = info.descriptor->FindFieldByName("status")) {
      reflection->ClearField(message.get(), status);
      detail::apply_schema_default(*message, status);
    }

    std::string object_name =
        kind + " " + (info.schema->cluster_scoped() ? "" : meta->namespace_() + "/") + meta->name();
    if (!problems.unknown_fields.empty() || !problems.strict_errors.empty()) {
      std::vector<std::string> parts = problems.strict_errors;
      if (!problems.unknown_fields.empty()) {
        std::vector<std::string> unknown;
        for (const auto& field : problems.unknown_fields)
          unknown.push_back("unknown field \"" + field + "\"");
        parts.push_back("strict decoding error: " + join(unknown, ", "));
      }
      return error(object_name, kind + " in version \"" + version_of(api_version) +
                                    "\" cannot be handled as a " + kind + ": " + join(parts, "; "));
    }
    if (meta->name().empty()) return error(object_name, "resource name may not be empty");
    std::vector<FieldError> errors = std::move(problems.field_errors);
    detail::validate_schema_message(*message, "", version_of(api_version), standard, errors);
    // CEL rules assume a value that passed its OpenAPI schema, as the API server's do; a
    // built-in kind's validation is one pass that reports everything.
    if (errors.empty() || info.schema->builtin()) {
      if (auto rules = detail::rules_for(info.descriptor)) rules(*message, errors);
    }
    if (!errors.empty()) return error(object_name, invalid_message(kind, meta->name(), errors));

    SchemaObject object;
    object.group = info.group;
    object.kind = kind;
    object.metadata.name = meta->name();
    object.metadata.namespace_ = meta->namespace_();
    object.metadata.labels.insert(meta->labels().begin(), meta->labels().end());
    object.metadata.annotations.insert(meta->annotations().begin(), meta->annotations().end());
    object.metadata.generation = meta->generation();
    object.metadata.resource_version = meta->resource_version();
    object.metadata.creation_timestamp = meta->creation_timestamp();
    object.metadata.uid = meta->uid();
    object.message = std::move(message);
    result.objects.push_back(DecodedObject{Object{std::move(object)}, std::string(file), index});
  }

  void not_installed(const std::string& api_version, const std::string& kind,
                     const std::string& name) {
    error(name.empty() ? "" : kind + " " + name, "no matches for kind \"" + kind +
                                                     "\" in version \"" + api_version +
                                                     "\": ensure CRDs are installed first");
  }

  void unregistered(const std::string& api_version, const std::string& kind,
                    const std::string& name) {
    std::string object = name.empty() ? "" : kind + " " + name;
    if (!known_group_version(api_version)) return not_installed(api_version, kind, name);
    if (served_kind(api_version, kind)) {
      return warning(object,
                     kind + " in version \"" + api_version + "\" is not read by Lintel; ignored");
    }
    std::string message = "no kind \"" + kind + "\" is registered for version \"" + api_version +
                          "\" in scheme \"" + kSchemeName + "\"";
    for (const auto& candidate : detail::SchemaIndex::get().kinds()) {
      const std::string& candidate_kind = candidate.schema->kind();
      if (lower(kind) == lower(candidate_kind) &&
          detail::SchemaIndex::get().find_kind(api_version, candidate_kind)) {
        message += " (kinds are case-sensitive: did you mean \"" + candidate_kind + "\"?)";
      }
    }
    error(object, message);
  }

  static const YamlNode* field(const YamlNode& document, const char* key) {
    for (const auto& [key_node, value] : document.entries) {
      if (key_node->kind == YamlNode::Kind::kScalar && key_node->scalar == key) return value.get();
    }
    return nullptr;
  }

  static std::string scalar_field(const YamlNode& document, const char* key) {
    const YamlNode* value = field(document, key);
    return value && value->kind == YamlNode::Kind::kScalar && !value->is_null() ? value->scalar
                                                                                : "";
  }

  static std::string name_of(const YamlNode& document) {
    const YamlNode* metadata = field(document, "metadata");
    return metadata && metadata->kind == YamlNode::Kind::kMapping ? scalar_field(*metadata, "name")
                                                                  : "";
  }

  // The document in one line, cut short, as the API machinery quotes it.
  static std::string brief(const YamlNode& document) { return detail::to_flow(document, 200); }
};

}  // namespace

std::optional<Channel> channel_named(std::string_view name) {
  if (name == "experimental") return Channel::kExperimental;
  if (name == "standard") return Channel::kStandard;
  return std::nullopt;
}

DecodeResult decode_manifests(std::string_view text, std::string_view file, Channel channel) {
  DecodeResult result;
  detail::YamlStream stream = detail::parse_yaml_stream(text);
  for (size_t i = 0; i < stream.documents.size(); ++i) {
    DocumentDecoder decoder{file, static_cast<int>(i), channel, result};
    decoder.decode(*stream.documents[i]);
  }
  if (stream.error) {
    result.errors.push_back(DecodeError{std::string(file), stream.error_document, "",
                                        "error converting YAML to JSON: " + *stream.error});
  }
  return result;
}

}  // namespace lintel::api
