#include "lintel/api/object.h"

#include <google/protobuf/util/message_differencer.h>

#include "lintel/api/networking.h"

namespace lintel::api {

std::string ObjectKey::to_string() const {
  std::string out = kind;
  out += ' ';
  if (!namespace_.empty()) {
    out += namespace_;
    out += '/';
  }
  out += name;
  return out;
}

const ObjectMeta& meta_of(const Object& object) {
  return std::visit([](const auto& o) -> const ObjectMeta& { return o.metadata; }, object);
}

ObjectMeta& meta_of(Object& object) {
  return std::visit([](auto& o) -> ObjectMeta& { return o.metadata; }, object);
}

ObjectKey key_of(const Object& object) {
  return std::visit(
      [](const SchemaObject& o) {
        return ObjectKey{o.group, o.kind, o.metadata.namespace_, o.metadata.name};
      },
      object);
}

bool SchemaObject::operator==(const SchemaObject& other) const {
  if (metadata != other.metadata || group != other.group || kind != other.kind) return false;
  if (!message || !other.message) return message == other.message;
  return google::protobuf::util::MessageDifferencer::Equals(*message, *other.message);
}

bool is_default_class(const networking::v1::IngressClass& ingress_class) {
  const auto& annotations = ingress_class.metadata().annotations();
  auto it = annotations.find(kIsDefaultClassAnnotation);
  return it != annotations.end() && it->second == "true";
}

}  // namespace lintel::api
