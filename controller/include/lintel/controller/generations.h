#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lintel/controller/object_store.h"

namespace lintel::controller {

// Standalone mode has no API server to keep metadata.generation, yet every status condition
// reports the generation it observed. This keeps it as the API server would: 1 when an object is
// first seen, one more each time its spec changes; metadata and status changes do not count. A
// generation the manifest states is left as it is, and an object that disappears starts again
// at 1. Likewise metadata.creationTimestamp, which Gateway API's precedence rules read (the
// oldest route, the oldest ListenerSet wins): the time the object was first seen, kept while it
// exists, unless the manifest states one.
class Generations {
 public:
  // RFC 3339 in UTC, to the second; tests give their own clock.
  using Clock = std::function<std::string()>;
  Generations();
  explicit Generations(Clock now) : now_(std::move(now)) {}

  // The objects, each Gateway API object carrying its generation. An object whose input is the
  // same shared object as last time comes back as the same shared object, so the store sees no
  // change.
  std::vector<ObjectPtr> assign(std::vector<ObjectPtr> objects);

 private:
  struct Seen {
    ObjectPtr input;
    ObjectPtr output;
    std::int64_t generation = 0;
    std::string created;  // creationTimestamp given, or "" when the manifest had one
  };
  Clock now_;
  std::map<api::ObjectKey, Seen> seen_;
};

// Whether two objects of one kind differ in anything but metadata and status.
bool same_spec(const google::protobuf::Message& a, const google::protobuf::Message& b);

}  // namespace lintel::controller
