#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "lintel/snapshot/stream_tls.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane {

struct SnapshotClientOptions {
  std::string host;  // the controller's --snapshot-listen address
  std::string port;
  std::string node;  // this proxy's name, sent in its Hello
  // Reconnecting waits a random time in [d/2, d], d doubling from initial to max backoff, so
  // that proxies cut off together do not all come back in the same instant.
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  std::chrono::milliseconds connect_timeout{5000};
  // A controller that sends nothing (not even a PING answer) for this long is taken as gone.
  std::chrono::milliseconds keepalive{10000};
  std::size_t max_snapshot_bytes = 256 * 1024 * 1024;
  // TLS to the controller, verified against tls->ca (and presenting a client certificate when
  // one is given); none: HTTP/2 in clear text. The files are read again for each connection.
  std::optional<snapshot::StreamTlsFiles> tls;
  // The name the controller's certificate must carry; empty: `host`.
  std::string server_name;
};

// The proxy's end of the snapshot stream (api/proto/lintel/snapshot/v1/stream.proto): connects
// to the controller, hands each snapshot to `apply` and answers with an Ack or a Nack carrying
// apply's error. When the controller is gone, whatever `apply` took last keeps serving while the
// client reconnects with backoff. Runs on a thread of its own; `apply` is called there.
class SnapshotClient {
 public:
  using Apply =
      std::function<bool(std::shared_ptr<const snapshot::v1::Snapshot>, std::string& error)>;

  static std::unique_ptr<SnapshotClient> start(SnapshotClientOptions options, Apply apply);
  ~SnapshotClient();
  SnapshotClient(const SnapshotClient&) = delete;
  SnapshotClient& operator=(const SnapshotClient&) = delete;

  // Closes the connection and joins the thread; safe to call twice.
  void stop();

  struct Impl;
  explicit SnapshotClient(std::shared_ptr<Impl> impl);

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace lintel::dataplane
