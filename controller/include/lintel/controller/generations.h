#pragma once

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
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
    std::string created;      // creationTimestamp given, or "" when the manifest had one
    std::uint64_t round = 0;  // the last assign() that listed the object
    std::size_t order = 0;    // its place in that assign()'s list: the last of a key wins
  };
  void forget_input(const Seen& seen);

  Clock now_;
  std::uint64_t round_ = 0;
  std::map<api::ObjectKey, Seen> seen_;
  // seen_ by input object, so that an input seen last time costs no key: most inputs are.
  std::unordered_map<const api::Object*, Seen*> by_input_;
};

// Whether two objects of one kind differ in anything but metadata and status.
bool same_spec(const google::protobuf::Message& a, const google::protobuf::Message& b);

}  // namespace lintel::controller
