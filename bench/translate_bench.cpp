// Times the control plane's pure core at scale, in-process: decoding N Ingresses (one file),
// converting them to Gateway API and translating to a snapshot, with no I/O and no proxy.
//
//   lintel_translate_bench [ROUTES] [ROUNDS]      (defaults 5000 and 20)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "lintel/api/decode.h"
#include "lintel/controller/object_store.h"
#include "lintel/controller/translator.h"
#include "lintel/conversion/ingress_to_gateway.h"

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int routes = argc > 1 ? std::atoi(argv[1]) : 5000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 20;
  std::string text =
      "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{name: http, port: "
      "80}]}\n---\n"
      "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web\n  labels: "
      "{kubernetes.io/service-name: web}\naddressType: IPv4\nports: [{name: http, port: 8080}]\n"
      "endpoints: [{addresses: [127.0.0.1]}]\n";
  for (int i = 0; i < routes; ++i) {
    text += "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: r" +
            std::to_string(i) + "}\nspec:\n  rules:\n  - host: h" + std::to_string(i) +
            ".example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: "
            "{service: {name: web, "
            "port: {number: 80}}}}\n";
  }
  double decode_ms = 0, convert_ms = 0, translate_ms = 0, serialize_ms = 0;
  size_t snapshot_bytes = 0;
  for (int round = 0; round < rounds; ++round) {
    auto start = Clock::now();
    auto decoded = lintel::api::decode_manifests(text, "bench.yaml");
    decode_ms += since(start);
    if (!decoded.errors.empty()) {
      std::fprintf(stderr, "%s\n", decoded.errors[0].to_string().c_str());
      return 1;
    }
    lintel::controller::ObjectStore store;
    std::vector<lintel::controller::ObjectPtr> objects;
    for (auto& d : decoded.objects)
      objects.push_back(std::make_shared<const lintel::api::Object>(std::move(d.object)));
    store.replace_all(std::move(objects));

    start = Clock::now();
    lintel::conversion::ConversionOptions options;
    auto converted = lintel::conversion::convert_ingresses(
        store.list<lintel::api::Ingress>(), store.list<lintel::api::IngressClass>(),
        store.list<lintel::api::Service>(), options);
    convert_ms += since(start);

    start = Clock::now();
    lintel::controller::TranslatorInput input;
    for (const auto& c : converted.gateway_classes) input.gateway_classes.push_back(&c);
    for (const auto& g : converted.gateways) input.gateways.push_back(&g);
    for (const auto& r : converted.http_routes) input.http_routes.push_back(&r);
    input.services = store.list<lintel::api::Service>();
    input.endpoint_slices = store.list<lintel::api::EndpointSlice>();
    auto snapshot = lintel::controller::translate(input, {});
    translate_ms += since(start);

    start = Clock::now();
    std::string bytes;
    snapshot.SerializeToString(&bytes);
    serialize_ms += since(start);
    snapshot_bytes = bytes.size();
  }
  std::printf(
      "%d routes, mean of %d rounds (ms): decode %.2f  convert %.2f  translate %.2f  serialize "
      "%.2f  "
      "(snapshot %zu bytes)\n",
      routes, rounds, decode_ms / rounds, convert_ms / rounds, translate_ms / rounds,
      serialize_ms / rounds, snapshot_bytes);
  return 0;
}
