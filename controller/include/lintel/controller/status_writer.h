#pragma once

#include <google/protobuf/message.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lintel/api/object_meta.h"
#include "lintel/controller/reconciler.h"

namespace lintel::controller {

using StatusMessage = std::variant<gateway::v1::GatewayClassStatus, gateway::v1::GatewayStatus,
                                   gateway::v1::ListenerSetStatus, gateway::v1::RouteStatus>;

// The status of one object Lintel is responsible for.
struct ObjectStatus {
  api::ObjectKey key;  // namespace_ is empty for a cluster-scoped kind
  // The object as last reconciled: apiVersion, metadata (with its generation) and spec.
  std::shared_ptr<const google::protobuf::Message> object;
  StatusMessage status;
  // When the status writer first saw the object (RFC 3339): its age when the manifest gives no
  // creationTimestamp, as in standalone mode.
  std::string first_seen;

  std::int64_t generation() const;
  const google::protobuf::Message& status_message() const;
};

// The status the graph computed for every object in it that came from the store, without
// transition times. Objects converted from Ingresses have nowhere to keep a status and are left
// out: their problems are the conversion's notes.
std::vector<ObjectStatus> computed_statuses(const ReconciledGraph& reconciled);

// The object with its status and the metadata a client reads (name, namespace, generation,
// creationTimestamp); with `spec` false, the spec is left out too.
std::unique_ptr<google::protobuf::Message> object_with_status(const ObjectStatus& status,
                                                              bool spec);

struct StatusChanges {
  std::vector<api::ObjectKey> changed;  // new objects, and those whose status or generation moved
  std::vector<api::ObjectKey> removed;  // objects gone since the last update
};

// Keeps the status of every object Lintel is responsible for, across reconciles, as the API
// server would keep the status subresource: each update merges the graph's fresh status into the
// kept one (graph/status_merge.h), so a condition's lastTransitionTime moves only when its status
// does, and says which objects must be written.
class StatusWriter {
 public:
  explicit StatusWriter(std::string controller_name);

  // `now` is the reconcile's time, RFC 3339 in UTC (rfc3339_utc()).
  StatusChanges update(const ReconciledGraph& reconciled, std::string_view now);
  StatusChanges update(std::vector<ObjectStatus> fresh, std::string_view now);

  // Every object's current status, by key.
  const std::map<api::ObjectKey, ObjectStatus>& objects() const { return objects_; }

 private:
  // `unchanged`: objects whose kept status stands as it is.
  StatusChanges update(std::vector<ObjectStatus> fresh,
                       const std::vector<api::ObjectKey>& unchanged, std::string_view now);

  std::string controller_name_;
  std::map<api::ObjectKey, ObjectStatus> objects_;
  // Each route's resolution at the last update from a graph (graph::RouteResolution).
  std::map<api::ObjectKey, std::shared_ptr<const graph::RouteResolution>> resolutions_;
};

// "2026-11-25T10:39:52Z": RFC 3339 in UTC to the second, as Kubernetes writes times.
std::string rfc3339_utc(std::chrono::system_clock::time_point time);

}  // namespace lintel::controller
