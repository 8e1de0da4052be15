#pragma once

#include <cpprest/base_uri.h>
#include <cpprest/json.h>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lintel::test {

// A test-only Kubernetes API server: the wire protocol a controller meets in a cluster, over a
// real socket, with its state in memory. It speaks what Lintel's client uses, as the real one
// does:
//   GET    /api/v1/..., /apis/G/V/... [namespaces/NS/]RESOURCE       list: limit, continue,
//          with ?watch=1: a chunked stream of JSON events from resourceVersion,
//          allowWatchBookmarks, timeoutSeconds; a resourceVersion older than the event
//          window gets an ERROR event with a 410 Status ("too old resource version");
//   GET    .../RESOURCE/NAME;  POST .../RESOURCE;  PUT .../RESOURCE/NAME;  DELETE .../NAME;
//   PUT    .../RESOURCE/NAME/status: only status changes, 409 Conflict on a stale
//          metadata.resourceVersion;
// and fault switches for the tests: drop every watch, compact the event window, stop and
// start again on the same port. Objects are stored as JSON, untouched but for the metadata the
// API server owns (resourceVersion, uid, creationTimestamp, generation).
class TestApiServer {
 public:
  TestApiServer();
  ~TestApiServer();
  TestApiServer(const TestApiServer&) = delete;
  TestApiServer& operator=(const TestApiServer&) = delete;

  // Listens on 127.0.0.1:`port` (0: the kernel picks); false with `error` on failure.
  bool start(std::uint16_t port, std::string& error);
  // Closes the listener and every connection, keeping the objects (an API server restart).
  void stop();
  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Stores an object as a client's create or replace would (the path names its resource,
  // e.g. "/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes"); returns its new
  // resourceVersion.
  std::string apply(const std::string& collection_path, web::json::value object);
  bool remove(const std::string& collection_path, const std::string& namespace_,
              const std::string& name);
  std::optional<web::json::value> get(const std::string& collection_path,
                                      const std::string& namespace_, const std::string& name);

  // Fault switches.
  void drop_watches();  // every open watch ends, as when an API server restarts
  void compact();       // forgets every event so far: older resourceVersions get 410 Gone
  // Watches send a BOOKMARK this often when nothing else happens (0: never).
  void set_bookmark_interval(std::chrono::milliseconds interval);
  // The next `count` status writes are answered 409 Conflict, as when another writer got there
  // first.
  void conflict_status_writes(int count);
  // While stalled, requests are read but not answered (a hung API server); answered after.
  void stall(bool stalled);
  // Every request must then carry "Authorization: Bearer TOKEN", or gets 401.
  void require_token(const std::string& token);

  // What clients did: status writes (PUT .../status) and every request, by "METHOD path".
  std::uint64_t status_writes() const;
  std::uint64_t requests(const std::string& method_and_path_prefix) const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

}  // namespace lintel::test
