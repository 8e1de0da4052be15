#include "compiled_config.h"

#include "listen_address.h"

namespace lintel::dataplane {

std::shared_ptr<const CompiledConfig> compile_config(
    std::shared_ptr<const snapshot::v1::Snapshot> snapshot, const CompileSettings& settings,
    std::string& error) {
  auto config = std::make_shared<CompiledConfig>();
  for (const auto& cluster : snapshot->clusters()) {
    CompiledCluster compiled;
    for (const auto& endpoint : cluster.endpoints()) {
      tcp::endpoint parsed;
      std::string detail;
      if (!make_endpoint(endpoint.address(), endpoint.port(), parsed, detail) ||
          endpoint.port() == 0) {
        error = "cluster \"" + cluster.name() + "\": endpoint " + endpoint.address() + ":" +
                std::to_string(endpoint.port()) + ": " +
                (detail.empty() ? std::string("port 0 is not a port") : detail);
        return nullptr;
      }
      compiled.endpoints.push_back(parsed);
    }
    compiled.per_worker.resize(settings.workers);
    for (auto& worker : compiled.per_worker) worker.in_flight.resize(compiled.endpoints.size());
    if (!config->clusters.emplace(std::string_view(cluster.name()), std::move(compiled)).second) {
      error = "cluster \"" + cluster.name() + "\" is defined twice";
      return nullptr;
    }
  }
  const filters::ClusterLookup find_cluster =
      [&clusters = config->clusters](std::string_view name) -> const CompiledCluster* {
    const auto found = clusters.find(name);
    return found == clusters.end() ? nullptr : &found->second;
  };
  for (const auto& listener : snapshot->listeners()) {
    const long bound = static_cast<long>(listener.port()) + settings.port_offset;
    if (listener.port() == 0 || bound < 1 || bound > 65535) {
      error = "listener \"" + listener.name() + "\": port " + std::to_string(listener.port()) +
              " with offset " + std::to_string(settings.port_offset) + " is not a usable port";
      return nullptr;
    }
    const auto port = static_cast<std::uint16_t>(bound);
    const std::string& address =
        settings.bind_address.empty() ? listener.address() : settings.bind_address;
    tcp::endpoint endpoint;
    std::string detail;
    if (!make_endpoint(address, port, endpoint, detail)) {
      error = "listener \"" + listener.name() + "\": " + detail;
      return nullptr;
    }
    for (const auto& host : listener.virtual_hosts()) {
      for (const auto& route : host.routes()) {
        for (const auto& weighted : route.forward().clusters()) {
          if (!weighted.cluster().empty() &&
              config->clusters.find(weighted.cluster()) == config->clusters.end()) {
            error = "listener \"" + listener.name() + "\": route \"" + route.name() +
                    "\" forwards to unknown cluster \"" + weighted.cluster() + "\"";
            return nullptr;
          }
        }
        if (!filters::has_filters(route)) continue;
        filters::RouteFilters compiled;
        std::string filter_error;
        if (!filters::compile_route_filters(route, find_cluster, compiled, filter_error)) {
          error = "listener \"" + listener.name() + "\": route \"" + route.name() +
                  "\": " + filter_error;
          return nullptr;
        }
        config->route_filters.emplace(&route, std::move(compiled));
      }
    }
    std::string router_error;
    auto router = ListenerRouter::compile(listener, router_error);
    if (!router) {
      error = "listener \"" + listener.name() + "\": " + router_error;
      return nullptr;
    }
    const bool https = listener.protocol() == snapshot::v1::HTTPS;
    CompiledListener compiled{listener.name(), std::move(router), https ? "https" : "http",
                              listener.port(), nullptr,           {}};
    if (https) {
      std::string tls_error;
      if (settings.ticket_keys != nullptr)
        compiled.tls = tls::ServerTls::compile(listener.tls(), *settings.ticket_keys, tls_error);
      if (!compiled.tls) {
        error = "listener \"" + listener.name() + "\": " +
                (tls_error.empty() ? std::string("no session ticket keys for TLS") : tls_error);
        return nullptr;
      }
      compiled.listener_hostnames.assign(listener.tls().listener_hostnames().begin(),
                                         listener.tls().listener_hostnames().end());
    }
    if (!config->listeners.emplace(endpoint, std::move(compiled)).second) {
      error = "listener \"" + listener.name() + "\": " + address + " port " + std::to_string(port) +
              " is already used by listener \"" + config->listeners.at(endpoint).name + "\"";
      return nullptr;
    }
  }
  config->snapshot = std::move(snapshot);
  return config;
}

}  // namespace lintel::dataplane
