#pragma once

#include <string>
#include <vector>

#include "cluster.h"
#include "value.h"

namespace lintel::conformance {

class LintelProcess;

// One read of Lintel's /status, seen as a Kubernetes API server would show the objects'
// status. Lintel does not report conditions yet; the reader looks for them in the shape they
// are expected to take: anywhere in the document, a mapping naming an object (`kind`, and
// `name`/`namespace` either beside it or under `metadata`) with a Kubernetes `status`
// mapping (conditions, parents, listeners, addresses...) beside it.
class StatusView {
 public:
  bool fetch(const LintelProcess& lintel, std::string& error);

  // False until Lintel reports the status of at least one object.
  bool reports_status() const { return !objects_.empty(); }
  // The status mapping of an object, or null when Lintel reports none for it.
  const Value* status_of(const ObjectRef& ref) const;
  // Lintel's "notServedYet" entries mentioning `text`.
  std::vector<std::string> not_served_yet(const std::string& text) const;
  const Value& document() const { return document_; }

 private:
  void collect(const Value& node);

  struct Entry {
    std::string kind;
    std::string namespace_;
    std::string name;
    const Value* status;
  };
  Value document_;
  std::vector<Entry> objects_;
};

}  // namespace lintel::conformance
