#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "api_client.h"
#include "lintel/controller/status_writer.h"

namespace lintel::controller::kube {

// Writes the status Lintel computed to the API server, through each object's /status
// subresource, only for the objects whose status changed (StatusWriter says which). A route's
// status.parents keeps the entries of other controllers as they are: Lintel replaces only its
// own. A write that meets 409 Conflict reads the object afresh and tries again.
class StatusPublisher {
 public:
  StatusPublisher(ApiClient& client, std::string controller_name);

  // What could not be written, one line per object.
  std::vector<std::string> publish(const StatusWriter& writer, const StatusChanges& changes);

  std::uint64_t writes() const { return writes_.load(); }

 private:
  bool publish_one(const ObjectStatus& status, std::string& error);

  ApiClient& client_;
  std::string controller_name_;
  std::atomic<std::uint64_t> writes_{0};
};

}  // namespace lintel::controller::kube
