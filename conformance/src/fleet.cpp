#include "fleet.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <random>
#include <set>
#include <thread>

namespace lintel::conformance {

namespace {

constexpr const char* kPodNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

std::string random_suffix(std::mt19937& random, int length) {
  std::string out;
  std::uniform_int_distribution<int> pick(0, 26);
  for (int i = 0; i < length; ++i) out += kPodNameAlphabet[pick(random)];
  return out;
}

std::mt19937& generator() {
  static std::mt19937 random{std::random_device{}()};
  return random;
}

bool accepts_connections(const std::string& ip, int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, ip.c_str(), &address.sin_addr);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

std::string env_value(const Value& container, const std::string& name) {
  for (const auto& entry : container["env"].items()) {
    if (entry.str("name") == name) return entry.str("value");
  }
  return "";
}

bool selects(const Value& selector, const std::map<std::string, std::string>& labels) {
  if (!selector.is_map() || selector.size() == 0) return false;
  for (const auto& [key, value] : selector.entries()) {
    auto found = labels.find(key);
    if (found == labels.end() || found->second != value.text()) return false;
  }
  return true;
}

// The container port a Service port sends to: targetPort as a number, by name, or the port.
int target_port_of(const Value& service_port, const Pod& pod) {
  const Value& target = service_port["targetPort"];
  if (target.is_null()) return static_cast<int>(service_port["port"].as_long());
  const long number = target.as_long(-1);
  if (number > 0) return static_cast<int>(number);
  auto named = pod.named_ports.find(target.text());
  return named == pod.named_ports.end() ? -1 : named->second;
}

}  // namespace

Value endpoint_of(const Pod& pod) {
  Value endpoint = Value::map();
  Value addresses = Value::list();
  addresses.push(Value::string(pod.ip));
  endpoint.set("addresses", std::move(addresses));
  Value conditions = Value::map();
  conditions.set("ready", Value::boolean(true));
  conditions.set("serving", Value::boolean(true));
  conditions.set("terminating", Value::boolean(false));
  endpoint.set("conditions", std::move(conditions));
  Value target = Value::map();
  target.set("kind", Value::string("Pod"));
  target.set("name", Value::string(pod.name));
  target.set("namespace", Value::string(pod.namespace_));
  endpoint.set("targetRef", std::move(target));
  return endpoint;
}

Fleet::Fleet(std::string lintel_binary, std::filesystem::path log_folder, std::string ip_prefix)
    : lintel_binary_(std::move(lintel_binary)),
      log_folder_(std::move(log_folder)),
      ip_prefix_(std::move(ip_prefix)) {
  std::filesystem::create_directories(log_folder_);
}

Fleet::~Fleet() {
  for (auto& pod : pods_) pod->process->stop();
}

std::string Fleet::next_ip() {
  const int host = next_host_++;
  return ip_prefix_ + std::to_string(host / 250) + "." + std::to_string(host % 250 + 1);
}

std::vector<const Pod*> Fleet::pods_of_deployment(const std::string& namespace_,
                                                  const std::string& name) const {
  std::vector<const Pod*> out;
  for (const auto& pod : pods_) {
    if (pod->namespace_ == namespace_ && pod->deployment == name) out.push_back(pod.get());
  }
  return out;
}

bool Fleet::start_pods(const Value& deployment, const Cluster& cluster, std::string& error) {
  const ObjectRef ref = ref_of(deployment);
  const Value& spec = deployment["spec"];
  const Value& pod_template = spec["template"];
  const Value& containers = pod_template["spec"]["containers"];
  const Value& container = containers.items().empty() ? Value() : containers.items().front();
  const std::string image = container.str("image");
  const std::string key = ref.namespace_ + "/" + ref.name;
  if (image.find("/echo-basic:") == std::string::npos) {
    not_emulated_[key] = "image " + image + " is not the echo backend";
    return true;
  }
  for (const char* mode : {"GRPC_ECHO_SERVER", "TCP_ECHO_SERVER", "UDP_ECHO_SERVER"}) {
    if (!env_value(container, mode).empty()) {
      not_emulated_[key] = std::string("echo backend in ") + mode + " mode";
      return true;
    }
  }
  Pod shape;
  shape.namespace_ = ref.namespace_;
  shape.deployment = ref.name;
  for (const auto& [label, value] : pod_template["metadata"]["labels"].entries())
    shape.labels[label] = value.text();
  for (const auto& port : container["ports"].items()) {
    if (!port.str("name").empty())
      shape.named_ports[port.str("name")] = static_cast<int>(port["containerPort"].as_long());
  }
  shape.http_port = static_cast<int>(Value::plain(env_value(container, "HTTP_PORT")).as_long(3000));
  // The pod answers with the name of a Service that selects it, as SERVICE_NAME would.
  std::string service_name = env_value(container, "SERVICE_NAME");
  for (const Value* service : cluster.list("Service")) {
    if (service_name.empty() && ref_of(*service).namespace_ == ref.namespace_ &&
        selects((*service)["spec"]["selector"], shape.labels)) {
      service_name = (*service)["metadata"].str("name");
    }
  }
  if (service_name.empty()) service_name = ref.name;
  const std::string template_hash = random_suffix(generator(), 10);
  const long replicas = spec["replicas"].as_long(1);
  for (long i = 0; i < replicas; ++i) {
    auto pod = std::make_unique<Pod>();
    pod->namespace_ = shape.namespace_;
    pod->deployment = shape.deployment;
    pod->labels = shape.labels;
    pod->named_ports = shape.named_ports;
    pod->http_port = shape.http_port;
    pod->name = ref.name + "-" + template_hash + "-" + random_suffix(generator(), 5);
    pod->ip = next_ip();
    pod->log = log_folder_ / (pod->namespace_ + "_" + pod->name + ".log");
    std::vector<std::string> argv = {lintel_binary_, "echo",
                                     "--name",       service_name,
                                     "--listen",     pod->ip + ":" + std::to_string(pod->http_port),
                                     "--namespace",  pod->namespace_,
                                     "--pod",        pod->name};
    const std::string ingress = env_value(container, "INGRESS_NAME");
    if (!ingress.empty()) argv.insert(argv.end(), {"--ingress", ingress});
    pod->process = Process::spawn(argv, pod->log.string(), pod->log.string(), error);
    if (!pod->process) return false;
    pods_.push_back(std::move(pod));
  }
  return true;
}

bool Fleet::reconcile(Cluster& cluster, std::string& error) {
  std::set<std::string> wanted;
  for (const Value* deployment : cluster.list("Deployment")) {
    const ObjectRef ref = ref_of(*deployment);
    const std::string key = ref.namespace_ + "/" + ref.name;
    wanted.insert(key);
    if (pods_of_deployment(ref.namespace_, ref.name).empty() && !not_emulated_.count(key) &&
        !start_pods(*deployment, cluster, error)) {
      return false;
    }
  }
  for (auto it = pods_.begin(); it != pods_.end();) {
    if (!wanted.count((*it)->namespace_ + "/" + (*it)->deployment)) {
      (*it)->process->stop();
      it = pods_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = not_emulated_.begin(); it != not_emulated_.end();)
    it = wanted.count(it->first) ? std::next(it) : not_emulated_.erase(it);

  // Ready means answering: wait for every pod's port, or its exit.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (auto& pod : pods_) {
    while (!accepts_connections(pod->ip, pod->http_port)) {
      if (!pod->process->running()) {
        error = "pod " + pod->name + " (lintel echo on " + pod->ip + ":" +
                std::to_string(pod->http_port) + ") exited; see " + pod->log.string();
        return false;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        error = "pod " + pod->name + " does not answer on " + pod->ip;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  write_endpoint_slices(cluster);
  return true;
}

void Fleet::write_endpoint_slices(Cluster& cluster) {
  std::map<ObjectRef, Value> wanted;
  for (const Value* service : cluster.list("Service")) {
    const ObjectRef service_ref = ref_of(*service);
    const Value& spec = (*service)["spec"];
    std::vector<const Pod*> selected;
    for (const auto& pod : pods_) {
      if (pod->namespace_ == service_ref.namespace_ && selects(spec["selector"], pod->labels))
        selected.push_back(pod.get());
    }
    if (!spec["selector"].is_map() || spec["selector"].size() == 0) continue;
    // One slice per Deployment: a slice's ports hold for all of its endpoints.
    std::map<std::string, std::vector<const Pod*>> by_deployment;
    for (const Pod* pod : selected) by_deployment[pod->deployment].push_back(pod);
    int index = 0;
    for (const auto& [deployment, members] : by_deployment) {
      Value slice = Value::map();
      slice.set("apiVersion", Value::string("discovery.k8s.io/v1"));
      slice.set("kind", Value::string("EndpointSlice"));
      Value metadata = Value::map();
      metadata.set("name", Value::string(service_ref.name + "-lintel-" + std::to_string(index++)));
      metadata.set("namespace", Value::string(service_ref.namespace_));
      Value labels = Value::map();
      labels.set("kubernetes.io/service-name", Value::string(service_ref.name));
      labels.set(kManagedBy, Value::string(kManager));
      metadata.set("labels", std::move(labels));
      slice.set("metadata", std::move(metadata));
      slice.set("addressType", Value::string("IPv4"));
      Value ports = Value::list();
      for (const auto& service_port : spec["ports"].items()) {
        Value port = Value::map();
        if (!service_port.str("name").empty())
          port.set("name", Value::string(service_port.str("name")));
        port.set("port", Value::number(target_port_of(service_port, *members.front())));
        port.set("protocol", Value::string(service_port.str("protocol").empty()
                                               ? "TCP"
                                               : service_port.str("protocol")));
        if (!service_port.str("appProtocol").empty())
          port.set("appProtocol", Value::string(service_port.str("appProtocol")));
        ports.push(std::move(port));
      }
      slice.set("ports", std::move(ports));
      Value endpoints = Value::list();
      for (const Pod* pod : members) {
        endpoints.push(endpoint_of(*pod));
      }
      slice.set("endpoints", std::move(endpoints));
      wanted[ref_of(slice)] = std::move(slice);
    }
  }
  for (const Value* existing : cluster.list("EndpointSlice")) {
    const ObjectRef ref = ref_of(*existing);
    if ((*existing)["metadata"]["labels"].str(kManagedBy) == kManager && !wanted.count(ref))
      cluster.remove(ref);
  }
  for (auto& [ref, slice] : wanted) {
    const Value* existing = cluster.get(ref);
    if (!existing || !(*existing == slice)) cluster.apply(std::move(slice));
  }
}

}  // namespace lintel::conformance
