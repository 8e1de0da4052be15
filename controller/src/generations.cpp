#include "lintel/controller/generations.h"

#include <google/protobuf/util/message_differencer.h>

#include "lintel/controller/status_writer.h"
#include "lintel/openapi/v1/openapi.pb.h"

namespace lintel::controller {

namespace {

namespace gp = google::protobuf;

// The object with its generation and, when `created` is not empty, its creationTimestamp.
ObjectPtr with_generation(const api::SchemaObject& object, std::int64_t generation,
                          const std::string& created) {
  std::shared_ptr<gp::Message> message(object.message->New());
  message->CopyFrom(*object.message);
  const gp::FieldDescriptor* metadata_field = message->GetDescriptor()->FindFieldByName("metadata");
  gp::Message* metadata = message->GetReflection()->MutableMessage(message.get(), metadata_field);
  const gp::Descriptor* meta = metadata->GetDescriptor();
  metadata->GetReflection()->SetInt64(metadata, meta->FindFieldByName("generation"), generation);
  api::SchemaObject stamped = object;
  if (!created.empty()) {
    metadata->GetReflection()->SetString(metadata, meta->FindFieldByName("creation_timestamp"),
                                         created);
    stamped.metadata.creation_timestamp = created;
  }
  stamped.metadata.generation = generation;
  stamped.message = std::move(message);
  return std::make_shared<const api::Object>(std::move(stamped));
}

// Custom resources get a generation from the API server on every spec change; built-in kinds each
// keep their own rules, and Lintel reads no generation of theirs.
bool builtin(const gp::Message& message) {
  return message.GetDescriptor()->options().GetExtension(openapi::v1::kind).builtin();
}

}  // namespace

Generations::Generations() : now_([] { return rfc3339_utc(std::chrono::system_clock::now()); }) {}

bool same_spec(const gp::Message& a, const gp::Message& b) {
  if (a.GetDescriptor() != b.GetDescriptor()) return false;
  gp::util::MessageDifferencer differencer;
  for (const char* ignored : {"metadata", "status"}) {
    if (const gp::FieldDescriptor* field = a.GetDescriptor()->FindFieldByName(ignored))
      differencer.IgnoreField(field);
  }
  return differencer.Compare(a, b);
}

std::vector<ObjectPtr> Generations::assign(std::vector<ObjectPtr> objects) {
  ++round_;
  // Objects new since the last call, applied once every object has been compared with what the
  // last call left.
  std::vector<std::pair<api::ObjectKey, Seen>> fresh;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    ObjectPtr& object = objects[i];
    const auto* schema_object = std::get_if<api::SchemaObject>(object.get());
    if (!schema_object || !schema_object->message || schema_object->metadata.generation != 0 ||
        builtin(*schema_object->message))
      continue;
    // Same input, same output: the store then sees nothing new.
    if (auto same = by_input_.find(object.get()); same != by_input_.end()) {
      Seen& seen = *same->second;
      seen.round = round_;
      seen.order = i;
      object = seen.output;
      continue;
    }
    api::ObjectKey key = api::key_of(*object);
    auto previous = seen_.find(key);
    Seen next{object, nullptr, 1, "", round_, i};
    if (schema_object->metadata.creation_timestamp.empty())
      next.created = previous != seen_.end() && !previous->second.created.empty()
                         ? previous->second.created
                         : now_();
    if (previous != seen_.end()) {
      const Seen& last = previous->second;
      const auto& last_object = std::get<api::SchemaObject>(*last.input);
      next.generation = same_spec(*last_object.message, *schema_object->message)
                            ? last.generation
                            : last.generation + 1;
    }
    next.output = with_generation(*schema_object, next.generation, next.created);
    object = next.output;
    fresh.emplace_back(std::move(key), std::move(next));
  }
  for (auto& [key, next] : fresh) {
    auto [it, inserted] = seen_.try_emplace(std::move(key));
    if (!inserted) {
      // An unchanged object listed later under the same key wins.
      if (it->second.round == round_ && it->second.order > next.order) continue;
      forget_input(it->second);
    }
    it->second = std::move(next);
    by_input_[it->second.input.get()] = &it->second;
  }
  for (auto it = seen_.begin(); it != seen_.end();) {
    if (it->second.round == round_) {
      ++it;
      continue;
    }
    forget_input(it->second);
    it = seen_.erase(it);
  }
  return objects;
}

void Generations::forget_input(const Seen& seen) {
  auto found = by_input_.find(seen.input.get());
  if (found != by_input_.end() && found->second == &seen) by_input_.erase(found);
}

}  // namespace lintel::controller
