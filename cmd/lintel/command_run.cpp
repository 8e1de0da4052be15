#include <google/protobuf/util/json_util.h>
#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>

#include "commands.h"
#include "flags.h"
#include "lintel/controller/reconciler.h"
#include "lintel/dataplane/admin_server.h"
#include "lintel/dataplane/proxy_server.h"
#include "lintel/support/log.h"
#include "status_service.h"

namespace lintel::cmd {

namespace {

void log_outcome(const controller::ReconcileOutcome& outcome) {
  for (const auto& e : outcome.errors) {
    log::error("manifest rejected", {{"file", e.file},
                                     {"document", std::to_string(e.document)},
                                     {"object", e.object},
                                     {"error", e.to_string()}});
  }
  for (const auto& w : outcome.warnings)
    log::warn("manifest skipped", {{"file", w.file}, {"warning", w.to_string()}});
  for (const auto& n : outcome.notes) {
    log::warn("ingress not fully converted",
              {{"ingress", n.ingress}, {"field", n.field}, {"note", n.message}});
  }
  for (const auto& what : outcome.unsupported)
    log::warn("not served yet; the rest of the object is", {{"what", what}});
  if (!outcome.publish_error.empty()) {
    log::error("snapshot refused by the data plane; the previous one keeps serving",
               {{"error", outcome.publish_error}, {"version", std::to_string(outcome.version)}});
  } else if (outcome.published) {
    auto ms = [](double value) {
      return std::to_string(value).substr(0, std::to_string(value).find('.') + 3);
    };
    log::info("snapshot applied", {{"version", std::to_string(outcome.version)},
                                   {"routes", std::to_string(outcome.routes)},
                                   {"load_ms", ms(outcome.load_ms)},
                                   {"translate_ms", ms(outcome.translate_ms)},
                                   {"publish_ms", ms(outcome.publish_ms)}});
  }
}

std::string config_dump(const std::shared_ptr<const snapshot::v1::Snapshot>& snapshot) {
  if (!snapshot) return "{}\n";
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  if (!google::protobuf::util::MessageToJsonString(*snapshot, &json, options).ok()) return "{}\n";
  return json;
}

}  // namespace

int run_run(int argc, char** argv) {
  std::string error;
  auto flags = Flags::parse(argc, argv,
                            {"manifests", "http-port", "admin-port", "bind-address", "workers",
                             "ingress-class", "port-offset", "status-dir", "load-balancing"},
                            {}, error);
  long http_port = 8080, admin_port = 9901, workers = 0, port_offset = 0;
  if (!flags || !flags->get_int("http-port", 8080, 1, 65535, http_port, error) ||
      !flags->get_int("admin-port", 9901, 0, 65535, admin_port, error) ||
      !flags->get_int("workers", 0, 0, 256, workers, error) ||
      !flags->get_int("port-offset", 0, -65535, 65535, port_offset, error)) {
    std::fprintf(stderr, "lintel run: %s\n", error.c_str());
    return 2;
  }
  const std::string load_balancing = flags->get("load-balancing", "round-robin");
  if (load_balancing != "round-robin" && load_balancing != "least-request") {
    std::fprintf(stderr, "lintel run: --load-balancing is round-robin or least-request, not %s\n",
                 load_balancing.c_str());
    return 2;
  }
  if (!flags->has("manifests")) {
    std::fprintf(
        stderr, "lintel run: --manifests is required (a folder or file of Kubernetes manifests)\n");
    return 2;
  }

  controller::StandaloneOptions options;
  options.manifest_paths = flags->all("manifests");
  options.conversion.http_port = static_cast<std::int32_t>(http_port);
  options.conversion.class_selection.ingress_class = flags->get("ingress-class", "lintel");
  options.conversion.always_emit_default_gateway = true;
  options.translator.bind_address = flags->get("bind-address", "0.0.0.0");

  dataplane::ProxyOptions proxy_options;
  proxy_options.bind_address = options.translator.bind_address;
  proxy_options.workers = static_cast<unsigned>(workers);
  proxy_options.port_offset = static_cast<int>(port_offset);
  proxy_options.load_balancing = load_balancing == "least-request"
                                     ? dataplane::LoadBalancing::kLeastRequest
                                     : dataplane::LoadBalancing::kRoundRobin;

  block_stop_signals();
  auto proxy = dataplane::ProxyServer::create(proxy_options);
  controller::StandaloneController controller(
      options,
      [&](std::shared_ptr<const snapshot::v1::Snapshot> snapshot, std::string& publish_error) {
        return proxy->apply(std::move(snapshot), publish_error);
      });

  std::optional<std::string> status_dir;
  if (flags->has("status-dir")) status_dir = flags->get("status-dir");
  StatusService status(options.translator.controller_name, status_dir);
  auto record = [&](const controller::ReconcileOutcome& outcome) {
    for (const auto& failure : status.record(outcome, std::chrono::system_clock::now()))
      log::error("cannot write a status file", {{"error", failure}});
  };

  controller::ReconcileOutcome first = controller.reconcile();
  log_outcome(first);
  record(first);
  malloc_trim(0);  // decoding at start peaks far above what serving keeps
  auto report = [&](const controller::ReconcileOutcome& outcome) {
    log_outcome(outcome);
    record(outcome);
    // glibc keeps freed memory for reuse; a configuration that shrank (routes deleted) should
    // give it back to the system. Only after a reconcile, never on the request path.
    if (outcome.published) malloc_trim(0);
  };
  if (!first.published) {
    std::fprintf(stderr, "lintel run: cannot start: %s\n",
                 first.publish_error.empty() ? "no configuration" : first.publish_error.c_str());
    proxy->stop();
    return 1;
  }
  if (!first.errors.empty() && first.routes == 0) {
    // Nothing valid to serve: say why in plain words, as `kubectl apply` would, and fail.
    std::fprintf(stderr, "lintel run: nothing valid to serve; %zu manifest error(s):\n",
                 first.errors.size());
    for (const auto& e : first.errors) std::fprintf(stderr, "  %s\n", e.to_string().c_str());
    proxy->stop();
    return 1;
  }

  std::atomic<bool> ready{true};
  dataplane::AdminHandlers handlers{
      {"/healthz",
       [] {
         return dataplane::AdminResponse{200, "text/plain; charset=utf-8", "ok\n"};
       }},
      {"/readyz",
       [&] {
         return ready.load()
                    ? dataplane::AdminResponse{200, "text/plain; charset=utf-8", "ready\n"}
                    : dataplane::AdminResponse{503, "text/plain; charset=utf-8", "not ready\n"};
       }},
      {"/config_dump",
       [&] {
         return dataplane::AdminResponse{200, "application/json", config_dump(proxy->current())};
       }},
      {"/status",
       [&] {
         auto serving = proxy->current();
         return dataplane::AdminResponse{200, "application/json",
                                         status.json(serving ? serving->version() : 0)};
       }},
      // The admin server routes by path alone (it never shows a handler the query or the
      // headers), so the YAML form has a path of its own.
      {"/status.yaml",
       [&] {
         return dataplane::AdminResponse{200, "application/yaml", status.yaml()};
       }},
  };
  auto admin = dataplane::AdminServer::start("127.0.0.1", static_cast<std::uint16_t>(admin_port),
                                             handlers, error);
  if (!admin) {
    std::fprintf(stderr, "lintel run: admin port: %s\n", error.c_str());
    proxy->stop();
    return 1;
  }
  log::info("lintel serving", {{"http_port", std::to_string(http_port + port_offset)},
                               {"admin_port", std::to_string(admin->port())},
                               {"snapshot_version", std::to_string(first.version)}});

  std::thread watcher([&] {
    if (!controller.watch(report))
      log::warn("cannot watch the manifest paths; changes need a restart");
  });
  int signal = wait_for_stop_signal();
  log::info("stopping", {{"signal", std::to_string(signal)}});
  ready.store(false);
  controller.stop();
  watcher.join();
  proxy->stop();
  admin->stop();
  return 0;
}

}  // namespace lintel::cmd
