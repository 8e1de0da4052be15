#include "control_plane.h"

#include <google/protobuf/util/json_util.h>
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "kube/cluster_access.h"
#include "kube/kubernetes_source.h"
#include "kube/leader_election.h"
#include "kube/status_publisher.h"
#include "lintel/api/decode.h"
#include "lintel/support/log.h"
#include "replica_identity.h"

namespace lintel::cmd {

namespace {

// The API server of --kubeconfig (or of the pod, with --in-cluster), every kind listed once.
std::shared_ptr<controller::kube::KubernetesSource> connect_to_cluster(const Flags& flags,
                                                                       std::string& error) {
  controller::kube::ReflectorOptions reflector;
  reflector.namespace_ = flags.get("watch-namespace");
  std::optional<controller::kube::ClusterAccess> access;
  if (flags.has("in-cluster")) {
    access = controller::kube::access_in_cluster(error);
  } else if (auto from_file = controller::kube::access_from_kubeconfig(
                 flags.get("kubeconfig"), flags.get("kube-context"), error)) {
    access = from_file->access;
  }
  if (!access) return nullptr;
  const std::string server = access->server;
  auto source = std::make_shared<controller::kube::KubernetesSource>(std::move(*access), reflector);
  if (!source->wait_for_sync(std::chrono::seconds(30)))
    log::warn("not every kind was listed within 30 s; serving what there is", {{"server", server}});
  log::info("watching the Kubernetes API", {{"server", server}});
  return source;
}

void log_outcome(const controller::ReconcileOutcome& outcome, const std::string& published) {
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
    log::info(published, {{"version", std::to_string(outcome.version)},
                          {"routes", std::to_string(outcome.routes)},
                          {"load_ms", ms(outcome.load_ms)},
                          {"translate_ms", ms(outcome.translate_ms)},
                          {"publish_ms", ms(outcome.publish_ms)}});
  }
}

}  // namespace

std::vector<std::string> control_plane_flags() {
  return {"manifests",       "http-port",     "admin-port",      "admin-address",
          "bind-address",    "ingress-class", "status-dir",      "gateway-addresses",
          "kubeconfig",      "kube-context",  "watch-namespace", "leader-elect",
          "lease-namespace", "channel",       "https-port",      "ingress-nginx-configmap"};
}

std::vector<std::string> control_plane_switches() {
  return {"in-cluster", "gateway-per-namespace"};
}

ControlPlane::ControlPlane(const Flags& flags, std::string command)
    : command_(std::move(command)),
      leader_elect_(flags.get("leader-elect", "true")),
      lease_namespace_(flags.get("lease-namespace", "lintel-system")) {}

std::unique_ptr<ControlPlane> ControlPlane::create(const Flags& flags, const std::string& command,
                                                   Publishing publishing) {
  auto plane = std::make_unique<ControlPlane>(flags, command);
  if (!plane->connect(flags, publishing)) return nullptr;
  return plane;
}

bool ControlPlane::connect(const Flags& flags, Publishing publishing) {
  const std::string prefix = "lintel " + command_ + ": ";
  std::string error;
  long http_port = 8080, https_port = 8443;
  if (!flags.get_int("http-port", 8080, 1, 65535, http_port, error) ||
      !flags.get_int("https-port", 8443, 1, 65535, https_port, error)) {
    std::fprintf(stderr, "%s%s\n", prefix.c_str(), error.c_str());
    return false;
  }
  auto channel = api::channel_named(flags.get("channel", "experimental"));
  if (!channel) {
    std::fprintf(stderr, "%s--channel is standard or experimental\n", prefix.c_str());
    return false;
  }
  const bool kubernetes = flags.has("kubeconfig") || flags.has("in-cluster");
  if (kubernetes == flags.has("manifests")) {
    std::fprintf(stderr,
                 "%sgive either --manifests (a folder or file of Kubernetes manifests) "
                 "or --kubeconfig FILE / --in-cluster (a cluster's API server)\n",
                 prefix.c_str());
    return false;
  }
  options_.manifest_paths = flags.all("manifests");
  options_.channel = *channel;
  published_message_ = "snapshot applied";
  if (publishing == Publishing::to_proxies) {
    published_message_ = "snapshot sent to the proxies";
    // Versions continue from the clock, so that the numbers in logs and /proxies grow across a
    // controller's restarts (a proxy orders them only within one controller's stream).
    options_.first_version =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
  }
  options_.conversion.http_port = static_cast<std::int32_t>(http_port);
  options_.conversion.class_selection.ingress_class = flags.get("ingress-class", "lintel");
  options_.conversion.class_selection.claim_ingress_class = flags.has("ingress-class");
  options_.conversion.always_emit_default_gateway = true;
  options_.conversion.https_port = static_cast<std::int32_t>(https_port);
  options_.conversion.gateway_per_namespace = flags.has("gateway-per-namespace");
  options_.conversion.ingress_nginx_configmap =
      flags.get("ingress-nginx-configmap", conversion::kIngressNginxConfigMap);
  options_.translator.bind_address = flags.get("bind-address", "0.0.0.0");
  if (flags.has("gateway-addresses")) {
    if (flags.has("bind-address")) {
      std::fprintf(stderr, "%s--gateway-addresses and --bind-address exclude each other\n",
                   prefix.c_str());
      return false;
    }
    options_.gateway_addresses = flags.get("gateway-addresses");
    if (!controller::GatewayAddressPool::parse(options_.gateway_addresses, error)) {
      std::fprintf(stderr, "%s--gateway-addresses: %s\n", prefix.c_str(), error.c_str());
      return false;
    }
    options_.translator.address_per_gateway = true;
  }
  if (kubernetes) {
    cluster_ = connect_to_cluster(flags, error);
    if (!cluster_) {
      std::fprintf(stderr, "%s%s\n", prefix.c_str(), error.c_str());
      return false;
    }
    options_.source = cluster_;
  }
  std::optional<std::string> status_dir;
  if (flags.has("status-dir")) status_dir = flags.get("status-dir");
  status_.emplace(options_.translator.controller_name, status_dir);
  return true;
}

ControlPlane::~ControlPlane() {
  stop();
}

bool ControlPlane::start(controller::StandaloneController::Publish publish) {
  controller_ = std::make_unique<controller::StandaloneController>(options_, std::move(publish));
  if (cluster_) {
    publisher_ = std::make_unique<controller::kube::StatusPublisher>(
        cluster_->client(), options_.translator.controller_name);
    if (leader_elect_ != "false") {
      controller::kube::LeaderElectionOptions election_options;
      election_options.namespace_ = lease_namespace_;
      election_options.identity = replica_identity();
      elector_ = std::make_unique<controller::kube::LeaderElector>(
          cluster_->client(), election_options, [this](bool leading) {
            // A new leader writes every status once: the last one may have left others.
            if (!leading) return;
            publish_all_.store(true);
            cluster_->changed();
          });
      election_ = std::thread([this] { elector_->run(); });
    }
    status_->set_publisher(
        [this](const controller::StatusWriter& writer, const controller::StatusChanges& changes) {
          if (elector_ && !elector_->leading()) return std::vector<std::string>();
          if (!publish_all_.exchange(false)) return publisher_->publish(writer, changes);
          controller::StatusChanges all;
          for (const auto& [key, object] : writer.objects()) all.changed.push_back(key);
          return publisher_->publish(writer, all);
        });
  }

  controller::ReconcileOutcome first = controller_->reconcile();
  log_outcome(first, published_message_);
  record(first);
  malloc_trim(0);  // decoding at start peaks far above what serving keeps
  if (!first.published) {
    std::fprintf(stderr, "lintel %s: cannot start: %s\n", command_.c_str(),
                 first.publish_error.empty() ? "no configuration" : first.publish_error.c_str());
    return false;
  }
  if (!first.errors.empty() && first.routes == 0) {
    // Nothing valid to serve: say why in plain words, as `kubectl apply` would, and fail.
    std::fprintf(stderr, "lintel %s: nothing valid to serve; %zu manifest error(s):\n",
                 command_.c_str(), first.errors.size());
    for (const auto& e : first.errors) std::fprintf(stderr, "  %s\n", e.to_string().c_str());
    return false;
  }
  return true;
}

void ControlPlane::record(const controller::ReconcileOutcome& outcome) {
  const auto failures = status_->record(outcome, std::chrono::system_clock::now());
  for (const auto& failure : failures) log::error("cannot write a status", {{"error", failure}});
  metrics_.record(outcome, failures.size());
}

void ControlPlane::watch() {
  watcher_ = std::thread([this] {
    auto report = [this](const controller::ReconcileOutcome& outcome) {
      log_outcome(outcome, published_message_);
      record(outcome);
      // glibc keeps freed memory for reuse; a configuration that shrank (routes deleted) should
      // give it back to the system. Only after a reconcile, never on the request path.
      if (outcome.published) malloc_trim(0);
    };
    if (!controller_->watch(report))
      log::warn("cannot watch the manifest paths; changes need a restart");
  });
}

void ControlPlane::stop() {
  if (controller_) controller_->stop();
  if (watcher_.joinable()) watcher_.join();
  // However the command ends, the elector stops and hands the Lease back.
  if (elector_) elector_->stop();
  if (election_.joinable()) election_.join();
}

void ControlPlane::add_status_handlers(dataplane::AdminHandlers& handlers,
                                       std::function<std::uint64_t()> serving) {
  handlers["/status"] = [this, serving] {
    return dataplane::AdminResponse{200, "application/json", status_->json(serving())};
  };
  // The admin server routes by path alone (it never shows a handler the query or the
  // headers), so the YAML form has a path of its own.
  handlers["/status.yaml"] = [this] {
    return dataplane::AdminResponse{200, "application/yaml", status_->yaml()};
  };
}

void ControlPlane::write_metrics(support::PrometheusText& out) const {
  metrics_.write(out);
}

std::string config_dump(const std::shared_ptr<const snapshot::v1::Snapshot>& snapshot) {
  if (!snapshot) return "{}\n";
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  // The admin port is for operators' eyes, not a way to read the listeners' private keys.
  snapshot::v1::Snapshot shown = *snapshot;
  for (auto& listener : *shown.mutable_listeners()) {
    if (!listener.has_tls()) continue;
    for (auto& certificate : *listener.mutable_tls()->mutable_certificates()) {
      if (!certificate.private_key_pem().empty()) certificate.set_private_key_pem("(redacted)");
    }
  }
  if (!google::protobuf::util::MessageToJsonString(shown, &json, options).ok()) return "{}\n";
  return json;
}

dataplane::AdminHandlers serving_handlers(
    std::function<bool()> ready,
    std::function<std::shared_ptr<const snapshot::v1::Snapshot>()> serving) {
  return {
      {"/healthz",
       [] {
         return dataplane::AdminResponse{200, "text/plain; charset=utf-8", "ok\n"};
       }},
      {"/readyz",
       [ready] {
         return ready() ? dataplane::AdminResponse{200, "text/plain; charset=utf-8", "ready\n"}
                        : dataplane::AdminResponse{503, "text/plain; charset=utf-8", "not ready\n"};
       }},
      {"/config_dump",
       [serving] {
         return dataplane::AdminResponse{200, "application/json", config_dump(serving())};
       }},
  };
}

}  // namespace lintel::cmd
