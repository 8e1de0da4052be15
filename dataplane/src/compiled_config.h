#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asio_beast.h"
#include "filters/route_filters.h"
#include "lintel/dataplane/router.h"
#include "lintel/snapshot/v1/snapshot.pb.h"
#include "tls/server_tls.h"

namespace lintel::dataplane {

struct CompiledCluster {
  // What each worker keeps about its own requests to the cluster, on its own cache line: a
  // worker only changes its own, so the shared, otherwise immutable config needs no atomics.
  struct alignas(64) PerWorker {
    std::uint64_t next = 0;                // round robin's cursor
    std::vector<std::uint32_t> in_flight;  // least request's count, by endpoint index
  };
  std::vector<tcp::endpoint> endpoints;
  mutable std::vector<PerWorker> per_worker;
};

struct CompiledListener {
  std::string name;
  std::unique_ptr<ListenerRouter> router;
  // What redirects default to: the listener's scheme and its Gateway port (not the bound one).
  std::string_view scheme = "http";
  std::uint32_t port = 0;
  // HTTPS: what new connections' handshakes use; null for HTTP.
  std::shared_ptr<const tls::ServerTls> tls;
  // HTTPS: the hostname of each listener sharing the port (tls/misdirected_request.h).
  std::vector<std::string> listener_hostnames;
};

// Everything a worker needs to serve, built once per snapshot and never changed afterwards
// (cursors aside, see above).
struct CompiledConfig {
  std::shared_ptr<const snapshot::v1::Snapshot> snapshot;
  // By the address and port actually bound (snapshot port plus offset): a connection knows
  // which listening socket accepted it, and only that.
  std::map<tcp::endpoint, CompiledListener> listeners;
  // Keys view the snapshot's own strings, which live as long as this config.
  std::unordered_map<std::string_view, CompiledCluster> clusters;
  // The filters of every route that has any, by the route the router returns.
  std::unordered_map<const snapshot::v1::Route*, filters::RouteFilters> route_filters;
};

struct CompileSettings {
  std::string bind_address;
  int port_offset = 0;
  unsigned workers = 1;
  tls::SessionTicketKeys* ticket_keys = nullptr;  // needed by HTTPS listeners
};

// Null with `error` naming the listener, route or cluster at fault.
std::shared_ptr<const CompiledConfig> compile_config(
    std::shared_ptr<const snapshot::v1::Snapshot> snapshot, const CompileSettings& settings,
    std::string& error);

}  // namespace lintel::dataplane
