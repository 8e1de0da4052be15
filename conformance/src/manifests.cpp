#include "manifests.h"

#include <fstream>
#include <sstream>

#include "yaml_read.h"

namespace lintel::conformance {

bool load_manifest(const std::filesystem::path& path, const std::string& gateway_class,
                   const std::string& controller, std::vector<Value>& objects, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path.string();
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<Value> documents;
  if (!parse_yaml_documents(text.str(), documents, error)) {
    error = path.string() + ": " + error;
    return false;
  }
  for (auto& object : documents) {
    const std::string kind = object.str("kind");
    Value* spec = object.find("spec");
    if (kind == "Gateway" && spec) spec->set("gatewayClassName", Value::string(gateway_class));
    if (kind == "GatewayClass" && spec) spec->set("controllerName", Value::string(controller));
    objects.push_back(std::move(object));
  }
  return true;
}

Value gateway_class_object(const std::string& name, const std::string& controller) {
  Value object = Value::map();
  object.set("apiVersion", Value::string("gateway.networking.k8s.io/v1"));
  object.set("kind", Value::string("GatewayClass"));
  Value metadata = Value::map();
  metadata.set("name", Value::string(name));
  object.set("metadata", std::move(metadata));
  Value spec = Value::map();
  spec.set("controllerName", Value::string(controller));
  object.set("spec", std::move(spec));
  return object;
}

void collect_listener_ports(const std::vector<Value>& objects, std::set<int>& ports) {
  for (const auto& object : objects) {
    const std::string kind = object.str("kind");
    if (kind != "Gateway" && kind != "ListenerSet") continue;
    for (const auto& listener : object["spec"]["listeners"].items()) {
      const long port = listener["port"].as_long(0);
      if (port > 0) ports.insert(static_cast<int>(port));
    }
  }
}

}  // namespace lintel::conformance
