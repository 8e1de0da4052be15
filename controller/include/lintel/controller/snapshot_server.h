#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lintel/snapshot/stream_tls.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// What the controller knows of one connected proxy (`lintel proxy`).
struct ProxyReport {
  std::string peer;          // its address and port
  std::string node;          // the name it gave in its Hello; empty until then
  std::uint64_t sent = 0;    // the newest version sent to it
  std::uint64_t acked = 0;   // the newest version it serves
  std::uint64_t nacked = 0;  // the newest version it refused, and why
  std::string nack_error;
};

struct SnapshotServerOptions {
  // A proxy's messages are small (Hello, Ack, Nack); anything larger ends its connection.
  std::size_t max_proxy_message_bytes = 1024 * 1024;
  std::size_t max_proxies = 1024;
  // TLS (and, with a CA, mutual TLS) on every connection; none: HTTP/2 in clear text (h2c).
  std::optional<snapshot::StreamTlsFiles> tls;
  // A peer that has not finished its TLS handshake by then is dropped.
  std::chrono::milliseconds handshake_timeout{10000};
};

// The controller's end of the snapshot stream (api/proto/lintel/snapshot/v1/stream.proto), on
// HTTP/2 over TLS, or in clear text (h2c, prior knowledge) without it: each proxy is sent the
// newest snapshot when it connects and whenever it changes. A proxy that reads slowly is never
// queued a backlog: it gets the snapshot it is being sent, then the newest, so a connection holds
// at most two encoded snapshots, both shared with every other connection.
class SnapshotServer {
 public:
  // Listens on `address`:`port` (0: a free port) on a thread of its own. The TLS files, if
  // any, are checked now (and read again for each connection, for rotation).
  static std::unique_ptr<SnapshotServer> start(const std::string& address, std::uint16_t port,
                                               std::string& error,
                                               SnapshotServerOptions options = {});
  ~SnapshotServer();
  SnapshotServer(const SnapshotServer&) = delete;
  SnapshotServer& operator=(const SnapshotServer&) = delete;

  std::uint16_t port() const;
  // Sends `snapshot` to every proxy, now and to those that connect later. Any thread.
  void publish(std::shared_ptr<const snapshot::v1::Snapshot> snapshot);
  // The proxies connected now, in the order they connected. Any thread.
  std::vector<ProxyReport> proxies() const;
  // Closes every connection and the port, and joins the thread; safe to call twice.
  void stop();

  struct Impl;
  explicit SnapshotServer(std::shared_ptr<Impl> impl);

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace lintel::controller
