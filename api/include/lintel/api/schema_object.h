#pragma once

#include <google/protobuf/message.h>

#include <memory>
#include <string>

#include "lintel/api/object_meta.h"

namespace lintel::api {

// An object of a kind defined by the schema (api/proto: Gateway API kinds, Secret, Lease): the
// decoded, defaulted and validated message, with its metadata in the form the store keys on.
struct SchemaObject {
  ObjectMeta metadata;
  std::string group;
  std::string kind;
  std::shared_ptr<const google::protobuf::Message> message;

  // The message as its generated type, or null when it is another kind.
  template <typename T>
  const T* as() const {
    return message && message->GetDescriptor() == T::descriptor()
               ? static_cast<const T*>(message.get())
               : nullptr;
  }

  bool operator==(const SchemaObject& other) const;
};

}  // namespace lintel::api
