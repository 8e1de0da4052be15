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
  std::map<api::ObjectKey, Seen> seen;
  for (ObjectPtr& object : objects) {
    const auto* schema_object = std::get_if<api::SchemaObject>(object.get());
    if (!schema_object || !schema_object->message || schema_object->metadata.generation != 0 ||
        builtin(*schema_object->message))
      continue;
    api::ObjectKey key = api::key_of(*object);
    auto previous = seen_.find(key);
    Seen next{object, nullptr, 1, ""};
    if (schema_object->metadata.creation_timestamp.empty())
      next.created = previous != seen_.end() && !previous->second.created.empty()
                         ? previous->second.created
                         : now_();
    if (previous != seen_.end()) {
      const Seen& last = previous->second;
      const auto& last_object = std::get<api::SchemaObject>(*last.input);
      bool unchanged =
          last.input == object || same_spec(*last_object.message, *schema_object->message);
      next.generation = unchanged ? last.generation : last.generation + 1;
      // Same input, same output: the store then sees nothing new.
      if (last.input == object) next.output = last.output;
    }
    if (!next.output) next.output = with_generation(*schema_object, next.generation, next.created);
    object = next.output;
    seen.insert_or_assign(std::move(key), std::move(next));
  }
  seen_ = std::move(seen);
  return objects;
}

}  // namespace lintel::controller
