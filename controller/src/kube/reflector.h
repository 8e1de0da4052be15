#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "api_client.h"
#include "lintel/controller/object_store.h"

namespace lintel::controller::kube {

// One kind as the API serves it.
struct ResourceType {
  std::string api_version;  // "gateway.networking.k8s.io/v1", "v1"
  std::string kind;         // "HTTPRoute"
  std::string plural;       // "httproutes"
  bool namespaced = true;
  // The collection path, across namespaces or in `namespace_` when set (a cluster-scoped kind
  // has no namespace in its path, whatever `namespace_` says).
  std::string collection_path(const std::string& namespace_ = "") const;
};

struct ReflectorOptions {
  long page_size = 500;                     // list ?limit=
  std::chrono::seconds watch_timeout{300};  // ?timeoutSeconds= (the server ends the watch)
  std::chrono::seconds idle_timeout{330};   // no byte at all for this long: reconnect
  std::chrono::milliseconds initial_backoff{200};
  std::chrono::milliseconds max_backoff{30000};
  std::string namespace_;  // empty: every namespace
};

// client-go's reflector, for one kind: list every page, then watch from the list's
// resourceVersion with bookmarks; resume the watch where it stopped after a dropped
// connection; list again after 410 Gone; back off exponentially, with jitter, on errors. The
// objects are decoded strictly (api/) and kept by namespace/name; every applied change calls
// `on_change` (level-triggered: it says only that something changed).
class Reflector {
 public:
  Reflector(ApiClient& client, ResourceType type, ReflectorOptions options,
            std::function<void()> on_change);

  // Runs until stop(); call from its own thread.
  void run();
  // Ends run(): request_stop() only says so (a watch in progress ends when the client's watches
  // are cancelled); stop() also cancels them.
  void request_stop();
  void stop();

  bool synced() const { return synced_.load(); }
  std::vector<ObjectPtr> objects() const;
  std::string resource_version() const;
  // Objects the server sent that Lintel could not decode, with why ("default/x: ...").
  std::vector<std::string> decode_errors() const;
  // Lists done (the first, and one per 410 Gone or failed resume).
  std::uint64_t lists() const { return lists_.load(); }

 private:
  enum class WatchEnd { Closed, Gone, Failed };

  bool list_all();
  WatchEnd watch_once();
  bool apply_event(const std::string& line, WatchEnd& end);
  ObjectPtr decode(const std::string& json, const std::string& key);
  void wait(std::chrono::milliseconds delay);
  std::chrono::milliseconds next_backoff();

  ApiClient& client_;
  ResourceType type_;
  ReflectorOptions options_;
  std::function<void()> on_change_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, ObjectPtr> objects_;
  std::map<std::string, std::string> decode_errors_;
  std::string resource_version_;
  std::chrono::milliseconds backoff_{0};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> synced_{false};
  bool reported_missing_ = false;
  std::atomic<std::uint64_t> lists_{0};
};

}  // namespace lintel::controller::kube
