#include "lintel/conversion/gateway_yaml.h"

#include <map>
#include <set>

#include "lintel/api/encode.h"
#include "lintel/conversion/internal_annotations.h"
#include "lintel/support/yaml_writer.h"

namespace lintel::conversion {

namespace {

namespace gv1 = gateway::v1;

// The object as the user should commit it: what the API server or a controller sets, and
// Lintel's notes to itself, are not theirs to write.
template <typename T>
T as_committed(T object) {
  if constexpr (requires { object.clear_status(); }) object.clear_status();
  auto* metadata = object.mutable_metadata();
  metadata->clear_creation_timestamp();
  auto& annotations = *metadata->mutable_annotations();
  for (auto it = annotations.begin(); it != annotations.end();) {
    it = it->first.rfind(kInternalAnnotationPrefix, 0) == 0 ? annotations.erase(it) : ++it;
  }
  return object;
}

std::string key_of(const gv1::HTTPRoute& route) {
  return route.metadata().namespace_() + "/" + route.metadata().name();
}

class StreamWriter {
 public:
  explicit StreamWriter(GatewayYaml& output) : output_(output) {}

  void flag(const MigrationFlag& flag) {
    output_.text += "# " + flag.text + "\n";
    output_.approximations.push_back(flag.text);
    output_.flags.push_back(flag);
  }

  // A document: its flags as comments at its top, then the object.
  void document(const std::vector<MigrationFlag>& flags, const google::protobuf::Message& object) {
    start_document();
    for (const auto& each : flags) flag(each);
    output_.text += api::encode_yaml(object);
  }

  void namespace_document(const std::string& name) {
    start_document();
    support::YamlWriter out;
    out.field("apiVersion", "v1").field("kind", "Namespace");
    out.open("metadata").field("name", name).close();
    output_.text += out.text();
  }

  void comment(const std::string& text) { output_.text += "# " + text + "\n"; }

 private:
  void start_document() {
    if (!output_.text.empty()) output_.text += "---\n";
  }

  GatewayYaml& output_;
};

std::vector<MigrationFlag> route_flags(const gv1::HTTPRoute& route,
                                       const std::multimap<std::string, MigrationFlag>& notes) {
  std::vector<MigrationFlag> flags;
  if (has_single_label_wildcards(route.metadata())) {
    auto ingress = route.metadata().labels().find("lintel.io/ingress");
    std::string owner = route.metadata().namespace_() + "/" +
                        (ingress == route.metadata().labels().end() ? "" : ingress->second);
    for (const auto& host : route.spec().hostnames()) {
      if (host.rfind("*.", 0) == 0) {
        flags.push_back({owner, Outcome::approximated,
                         "Ingress host " + host +
                             " matched exactly one label; this Gateway API hostname matches any "
                             "number of them."});
      }
    }
  }
  auto [begin, end] = notes.equal_range(key_of(route));
  for (auto it = begin; it != end; ++it) flags.push_back(it->second);
  return flags;
}

}  // namespace

ConversionResult committed_objects(ConversionResult result) {
  for (auto& object : result.gateway_classes) object = as_committed(std::move(object));
  for (auto& object : result.gateways) object = as_committed(std::move(object));
  for (auto& object : result.reference_grants) object = as_committed(std::move(object));
  for (auto& object : result.http_routes) object = as_committed(std::move(object));
  return result;
}

GatewayYaml to_gateway_yaml(const ConversionResult& result) {
  GatewayYaml output;
  StreamWriter out(output);
  out.comment(
      "Gateway API objects converted by Lintel from Ingress: exactly what `lintel run` serves.");
  for (const auto& ingress : result.ingresses) out.comment("From Ingress " + ingress.ingress);
  if (!result.ingress_nginx.source.empty())
    out.comment("With the settings of ConfigMap " + result.ingress_nginx.source);
  for (const auto& setting : result.ingress_nginx.reports) {
    if (setting.outcome == Outcome::converted) continue;
    out.flag({"", setting.outcome,
              "ConfigMap " + result.ingress_nginx.source + " " + setting.key + ": " +
                  outcome_name(setting.outcome) + ": " + setting.detail});
  }
  std::set<std::string> routes;
  for (const auto& route : result.http_routes) routes.insert(key_of(route));
  std::multimap<std::string, MigrationFlag> route_notes;
  for (const auto& note : result.notes) {
    // What converted exactly is for the migration report, not a difference to flag.
    if (note.outcome == Outcome::converted) continue;
    if (routes.count(note.route)) {
      route_notes.emplace(note.route, MigrationFlag{note.ingress, note.outcome, note.message});
    } else {
      out.flag(
          {note.ingress, note.outcome,
           std::string(note.outcome == Outcome::unsupported ? "Not converted" : "Approximated") +
               ": Ingress " + note.ingress + " " + note.field + ": " + note.message});
    }
  }
  std::set<std::string> gateway_namespaces;
  for (const auto& gateway : result.gateways)
    gateway_namespaces.insert(gateway.metadata().namespace_());
  // The Ingresses' own namespaces exist already; lintel-system may not.
  if (gateway_namespaces.count(kGatewayNamespace)) out.namespace_document(kGatewayNamespace);
  for (const auto& gateway_class : result.gateway_classes)
    out.document({}, as_committed(gateway_class));
  for (const auto& gateway : result.gateways) out.document({}, as_committed(gateway));
  for (const auto& grant : result.reference_grants) out.document({}, as_committed(grant));
  for (const auto& route : result.http_routes)
    out.document(route_flags(route, route_notes), as_committed(route));
  return output;
}

}  // namespace lintel::conversion
