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
  object.clear_status();
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

  void flag(const std::string& text) {
    output_.text += "# " + text + "\n";
    output_.approximations.push_back(text);
  }

  // A document: its flags as comments at its top, then the object.
  void document(const std::vector<std::string>& flags, const google::protobuf::Message& object) {
    start_document();
    for (const auto& text : flags) flag(text);
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

std::vector<std::string> route_flags(const gv1::HTTPRoute& route,
                                     const std::multimap<std::string, std::string>& route_notes) {
  std::vector<std::string> flags;
  if (has_single_label_wildcards(route.metadata())) {
    for (const auto& host : route.spec().hostnames()) {
      if (host.rfind("*.", 0) == 0) {
        flags.push_back("Ingress host " + host +
                        " matched exactly one label; this Gateway API hostname matches any "
                        "number of them.");
      }
    }
  }
  auto [begin, end] = route_notes.equal_range(key_of(route));
  for (auto it = begin; it != end; ++it) flags.push_back(it->second);
  return flags;
}

}  // namespace

GatewayYaml to_gateway_yaml(const ConversionResult& result) {
  GatewayYaml output;
  StreamWriter out(output);
  out.comment(
      "Gateway API objects converted by Lintel from Ingress: exactly what `lintel run` serves.");
  std::set<std::string> routes;
  for (const auto& route : result.http_routes) routes.insert(key_of(route));
  std::multimap<std::string, std::string> route_notes;
  for (const auto& note : result.notes) {
    // What converted exactly is for the migration report, not a difference to flag.
    if (note.kind == NoteKind::kConverted) continue;
    if (routes.count(note.route)) {
      route_notes.emplace(note.route, note.message);
    } else {
      out.flag("Not converted: Ingress " + note.ingress + " " + note.field + ": " + note.message);
    }
  }
  if (!result.gateways.empty()) out.namespace_document(kGatewayNamespace);
  for (const auto& gateway_class : result.gateway_classes)
    out.document({}, as_committed(gateway_class));
  for (const auto& gateway : result.gateways) out.document({}, as_committed(gateway));
  for (const auto& route : result.http_routes)
    out.document(route_flags(route, route_notes), as_committed(route));
  return output;
}

}  // namespace lintel::conversion
