#include "lintel/controller/status_writer.h"

#include <google/protobuf/util/message_differencer.h>

#include <ctime>
#include <unordered_map>

#include "graph/status_merge.h"
#include "lintel/meta/v1/meta.pb.h"

namespace lintel::controller {

namespace {

namespace gp = google::protobuf;

// The store's objects by their message, so that a graph node (which points at the message)
// leads back to the shared object and its key.
using Origins = std::unordered_map<const gp::Message*, const api::SchemaObject*>;

Origins origins_of(const ReconciledGraph& reconciled) {
  Origins origins;
  for (const ObjectPtr& object : reconciled.objects()) {
    if (const auto* schema_object = std::get_if<api::SchemaObject>(object.get()))
      origins.emplace(schema_object->message.get(), schema_object);
  }
  return origins;
}

void add(std::vector<ObjectStatus>& out, const Origins& origins, const gp::Message* message,
         StatusMessage status) {
  auto origin = origins.find(message);
  if (origin == origins.end()) return;
  const api::SchemaObject& object = *origin->second;
  out.push_back(
      ObjectStatus{{object.group, object.kind, object.metadata.namespace_, object.metadata.name},
                   object.message,
                   std::move(status),
                   {}});
}

meta::v1::ObjectMeta* mutable_metadata(gp::Message& object) {
  const gp::FieldDescriptor* field = object.GetDescriptor()->FindFieldByName("metadata");
  gp::Message* metadata = object.GetReflection()->MutableMessage(&object, field);
  return metadata->GetDescriptor() == meta::v1::ObjectMeta::descriptor()
             ? static_cast<meta::v1::ObjectMeta*>(metadata)
             : nullptr;
}

StatusMessage merged(const StatusMessage& previous, const StatusMessage& next,
                     std::string_view controller_name, std::string_view now) {
  return std::visit(
      [&](const auto& fresh) -> StatusMessage {
        using T = std::decay_t<decltype(fresh)>;
        const T* kept = std::get_if<T>(&previous);
        T empty;
        if constexpr (std::is_same_v<T, gateway::v1::GatewayClassStatus>) {
          return graph::merge_gateway_class_status(kept ? *kept : empty, fresh, now);
        } else if constexpr (std::is_same_v<T, gateway::v1::GatewayStatus>) {
          return graph::merge_gateway_status(kept ? *kept : empty, fresh, now);
        } else if constexpr (std::is_same_v<T, gateway::v1::ListenerSetStatus>) {
          return graph::merge_listener_set_status(kept ? *kept : empty, fresh, now);
        } else {
          return graph::merge_route_status(kept ? *kept : empty, fresh, controller_name, now);
        }
      },
      next);
}

// The graph's status of every object that came from the store but the routes `skip_route(node,
// key)` says need none.
template <typename SkipRoute>
std::vector<ObjectStatus> statuses_of(const ReconciledGraph& reconciled, SkipRoute&& skip_route) {
  Origins origins = origins_of(reconciled);
  const graph::Graph& graph = reconciled.graph();
  std::vector<ObjectStatus> out;
  for (const auto& node : graph.gateway_classes) add(out, origins, node.gateway_class, node.status);
  for (const auto& node : graph.gateways) add(out, origins, node.gateway, node.status);
  for (const auto& node : graph.listener_sets) add(out, origins, node.listener_set, node.status);
  for (const auto& node : graph.http_routes) {
    auto origin = origins.find(node.route);
    if (origin == origins.end()) continue;
    const api::SchemaObject& object = *origin->second;
    if (!skip_route(node, api::ObjectKey{object.group, object.kind, object.metadata.namespace_,
                                         object.metadata.name}))
      add(out, origins, node.route, node.status);
  }
  return out;
}

}  // namespace

std::int64_t ObjectStatus::generation() const {
  const gp::FieldDescriptor* field = object->GetDescriptor()->FindFieldByName("metadata");
  const gp::Message& metadata = object->GetReflection()->GetMessage(*object, field);
  return metadata.GetDescriptor() == meta::v1::ObjectMeta::descriptor()
             ? static_cast<const meta::v1::ObjectMeta&>(metadata).generation()
             : 0;
}

const gp::Message& ObjectStatus::status_message() const {
  return std::visit([](const auto& message) -> const gp::Message& { return message; }, status);
}

std::vector<ObjectStatus> computed_statuses(const ReconciledGraph& reconciled) {
  return statuses_of(reconciled,
                     [](const graph::RouteNode&, const api::ObjectKey&) { return false; });
}

std::unique_ptr<gp::Message> object_with_status(const ObjectStatus& status, bool spec) {
  std::unique_ptr<gp::Message> object(status.object->New());
  object->CopyFrom(*status.object);
  const gp::Descriptor* descriptor = object->GetDescriptor();
  const gp::Reflection* reflection = object->GetReflection();
  if (meta::v1::ObjectMeta* metadata = mutable_metadata(*object)) {
    meta::v1::ObjectMeta kept;
    kept.set_name(metadata->name());
    if (!metadata->namespace_().empty()) kept.set_namespace_(metadata->namespace_());
    kept.set_generation(metadata->generation());
    kept.set_creation_timestamp(metadata->creation_timestamp().empty()
                                    ? status.first_seen
                                    : metadata->creation_timestamp());
    *metadata = std::move(kept);
  }
  if (!spec) {
    if (const gp::FieldDescriptor* field = descriptor->FindFieldByName("spec"))
      reflection->ClearField(object.get(), field);
  }
  if (const gp::FieldDescriptor* field = descriptor->FindFieldByName("status"))
    reflection->MutableMessage(object.get(), field)->CopyFrom(status.status_message());
  return object;
}

StatusWriter::StatusWriter(std::string controller_name)
    : controller_name_(std::move(controller_name)) {}

StatusChanges StatusWriter::update(const ReconciledGraph& reconciled, std::string_view now) {
  // A route the graph gave the resolution it had last time has the status it had: it was
  // computed from the same route object.
  std::vector<api::ObjectKey> unchanged;
  std::map<api::ObjectKey, std::shared_ptr<const graph::RouteResolution>> resolutions;
  std::vector<ObjectStatus> fresh =
      statuses_of(reconciled, [&](const graph::RouteNode& node, const api::ObjectKey& key) {
        resolutions.emplace(key, node.resolution);
        auto last = resolutions_.find(key);
        if (last == resolutions_.end() || last->second != node.resolution || !objects_.count(key))
          return false;
        unchanged.push_back(key);
        return true;
      });
  resolutions_ = std::move(resolutions);
  return update(std::move(fresh), unchanged, now);
}

StatusChanges StatusWriter::update(std::vector<ObjectStatus> fresh, std::string_view now) {
  resolutions_.clear();
  return update(std::move(fresh), {}, now);
}

StatusChanges StatusWriter::update(std::vector<ObjectStatus> fresh,
                                   const std::vector<api::ObjectKey>& unchanged,
                                   std::string_view now) {
  StatusChanges changes;
  std::map<api::ObjectKey, ObjectStatus> next;
  for (const api::ObjectKey& key : unchanged) next.insert(objects_.extract(key));
  for (ObjectStatus& status : fresh) {
    auto kept = objects_.find(status.key);
    const bool seen = kept != objects_.end();
    status.status =
        merged(seen ? kept->second.status : StatusMessage{}, status.status, controller_name_, now);
    status.first_seen = seen ? kept->second.first_seen : std::string(now);
    if (!seen || kept->second.generation() != status.generation() ||
        !gp::util::MessageDifferencer::Equals(kept->second.status_message(),
                                              status.status_message()))
      changes.changed.push_back(status.key);
    next.insert_or_assign(status.key, std::move(status));
  }
  for (const auto& [key, status] : objects_) {
    if (!next.count(key)) changes.removed.push_back(key);
  }
  objects_ = std::move(next);
  return changes;
}

std::string rfc3339_utc(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace lintel::controller
