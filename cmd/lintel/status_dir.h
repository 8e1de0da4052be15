#pragma once

#include <string>
#include <vector>

#include "lintel/controller/status_writer.h"
#include "status_objects.h"

namespace lintel::cmd {

// DIR/<kind>/<namespace>/<name>.yaml, or DIR/<kind>/<name>.yaml for a cluster-scoped kind.
std::string status_file_path(const std::string& dir, const api::ObjectKey& key);

// `lintel run --status-dir DIR`: every object's status as a file of its own, for tools that
// watch files rather than poll the admin port. The folder is Lintel's: the first sync removes
// the files of a previous run's objects.
class StatusDir {
 public:
  explicit StatusDir(std::string dir) : dir_(std::move(dir)) {}

  // Writes the changed objects' files (each atomically: written aside, then renamed) and
  // removes the removed objects'; returns what failed, one line each.
  std::vector<std::string> sync(const StatusObjects& objects,
                                const controller::StatusChanges& changes);

 private:
  std::vector<std::string> sweep(const StatusObjects& objects);

  std::string dir_;
  bool swept_ = false;
};

}  // namespace lintel::cmd
