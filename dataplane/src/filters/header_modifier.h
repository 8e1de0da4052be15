#pragma once

#include <string>
#include <vector>

#include "asio_beast.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane::filters {

// Gateway API's RequestHeaderModifier / ResponseHeaderModifier, compiled once per route: set,
// then add, then remove, on a request's or a response's fields.
class HeaderModifier {
 public:
  // Keeps the first of entries whose names differ only in case (Gateway API), and drops
  // entries that cannot be sent safely: a name that is not a token, a value with CR, LF or
  // NUL, a name that frames the message or belongs to one hop.
  static HeaderModifier compile(const snapshot::v1::HeaderModifier& spec);

  bool empty() const { return set_.empty() && add_.empty() && remove_.empty(); }
  void apply(http::fields& fields) const;

 private:
  struct Entry {
    std::string name;
    std::string value;
  };
  std::vector<Entry> set_;
  std::vector<Entry> add_;
  std::vector<std::string> remove_;
};

}  // namespace lintel::dataplane::filters
