#include <cstdio>
#include <fstream>
#include <string>

#include "commands.h"
#include "flags.h"
#include "lintel/api/encode.h"
#include "lintel/controller/manifest_source.h"
#include "lintel/conversion/gateway_yaml.h"
#include "lintel/conversion/migration_report.h"
#include "migrate_verify.h"

namespace lintel::cmd {

namespace {

constexpr int kExact = 0;
constexpr int kInputErrors = 1;
constexpr int kUsage = 2;
constexpr int kApproximated = 3;
constexpr int kVerifyDiffers = 4;

int usage(const std::string& message) {
  std::fprintf(stderr, "lintel migrate: %s\n", message.c_str());
  return kUsage;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The objects as a kubectl-applyable List, in the order of the YAML output.
std::string as_json_list(const conversion::ConversionResult& committed) {
  std::vector<std::string> items;
  for (const auto& gateway : committed.gateways) {
    if (gateway.metadata().namespace_() != conversion::kGatewayNamespace) continue;
    items.push_back(std::string("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Namespace\",\n") +
                    "  \"metadata\": {\n    \"name\": \"" + conversion::kGatewayNamespace +
                    "\"\n  }\n}");
    break;
  }
  auto add = [&](const google::protobuf::Message& object) {
    std::string item = api::encode_json(object);
    while (!item.empty() && item.back() == '\n') item.pop_back();
    items.push_back(std::move(item));
  };
  for (const auto& object : committed.gateway_classes) add(object);
  for (const auto& object : committed.gateways) add(object);
  for (const auto& object : committed.reference_grants) add(object);
  for (const auto& object : committed.http_routes) add(object);
  std::string out = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [";
  for (size_t i = 0; i < items.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    // Indented under "items".
    for (char c : items[i]) {
      out += c;
      if (c == '\n') out += "    ";
    }
  }
  out += items.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace

// Prints the Gateway API objects that `lintel run` would serve for the Ingresses in the given
// manifests: the same conversion, written out, so what runs is what the user commits.
// Exit 0: converted exactly; 3: converted, but some behaviour differs (each difference is in
// the report and as a comment in the YAML); 4: --verify found requests that would be routed
// differently; 1: the manifests have errors; 2: usage.
int run_migrate(int argc, char** argv) {
  std::string error;
  auto flags = Flags::parse(argc, argv,
                            {"f", "filename", "ingress-class", "namespace", "n", "o", "output",
                             "report", "http-port", "https-port", "ingress-nginx-configmap"},
                            {"A", "all-namespaces", "verify", "gateway-per-namespace"}, error);
  if (!flags) return usage(error);
  std::vector<std::string> paths = flags->all("f");
  for (const auto& path : flags->all("filename")) paths.push_back(path);
  if (paths.empty()) return usage("name the manifests with -f FILE|DIR (repeatable)");
  std::string namespace_ = flags->get("namespace", flags->get("n"));
  bool all_namespaces = flags->has("A") || flags->has("all-namespaces");
  if (!namespace_.empty() && all_namespaces)
    return usage("--namespace and --all-namespaces (-A) exclude each other");
  std::string output = flags->get("output", flags->get("o", "yaml"));
  if (output != "yaml" && output != "json") return usage("-o is yaml or json");
  long http_port = 80, https_port = 443;
  if (!flags->get_int("http-port", 80, 1, 65535, http_port, error) ||
      !flags->get_int("https-port", 443, 1, 65535, https_port, error))
    return usage(error);

  controller::ManifestSource source(paths);
  controller::ManifestLoad load = source.load();
  for (const auto& e : load.errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
  if (!load.errors.empty()) {
    std::fprintf(stderr,
                 "lintel migrate: fix the %zu error(s) above first; nothing was converted\n",
                 load.errors.size());
    return kInputErrors;
  }
  controller::ObjectStore store;
  store.replace_all(std::move(load.objects));
  conversion::ConversionOptions options;
  options.class_selection.ingress_class = flags->get("ingress-class", "lintel");
  options.class_selection.claim_ingress_class = flags->has("ingress-class");
  options.http_port = static_cast<std::int32_t>(http_port);
  options.https_port = static_cast<std::int32_t>(https_port);
  options.gateway_per_namespace = flags->has("gateway-per-namespace");
  options.ingress_nginx_configmap =
      flags->get("ingress-nginx-configmap", conversion::kIngressNginxConfigMap);

  std::vector<const api::Ingress*> ingresses;
  for (const auto* ingress : store.list<api::Ingress>()) {
    if (namespace_.empty() || ingress->metadata().namespace_() == namespace_)
      ingresses.push_back(ingress);
  }
  const auto classes = store.list<api::IngressClass>();
  const auto services = store.list<api::Service>();
  auto converted = conversion::convert_ingresses(ingresses, classes, services, options,
                                                 store.list<api::ConfigMap>());
  auto yaml = conversion::to_gateway_yaml(converted);
  auto committed = conversion::committed_objects(converted);
  std::fputs(output == "yaml" ? yaml.text.c_str() : as_json_list(committed).c_str(), stdout);

  conversion::MigrationReportInput report{
      converted, yaml, conversion::ingresses_left_alone(ingresses, converted), std::nullopt};
  if (flags->has("verify")) {
    conversion::IngressSemantics semantics(ingresses, classes, services, options,
                                           converted.ingress_nginx);
    ConvertedRouter router(committed, services, store.list<core::v1::Secret>());
    report.verify = verify_migration(semantics, router);
  }

  std::string report_path = flags->get("report");
  if (report_path.empty()) {
    std::fputs(conversion::migration_report_text(report).c_str(), stderr);
  } else {
    std::ofstream out(report_path, std::ios::binary | std::ios::trunc);
    out << (ends_with(report_path, ".json") ? conversion::migration_report_json(report)
                                            : conversion::migration_report_text(report));
    if (!out) {
      std::fprintf(stderr, "lintel migrate: cannot write the report to %s\n", report_path.c_str());
      return kInputErrors;
    }
  }
  if (report.verify && !report.verify->differences.empty()) return kVerifyDiffers;
  return conversion::migration_outcome(report) == conversion::Outcome::converted ? kExact
                                                                                 : kApproximated;
}

}  // namespace lintel::cmd
