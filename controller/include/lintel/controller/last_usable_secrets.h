#pragma once

#include <map>
#include <string>
#include <vector>

#include "lintel/controller/object_store.h"

namespace lintel::controller {

// Remembers, across reconciles, the last version of each Secret that was a usable key pair
// (graph/tls_secret.h), for GraphInput::last_usable_secrets. A Secret that is deleted is
// forgotten: deleting a certificate is meant, a bad edit of one is not.
class LastUsableSecrets {
 public:
  // Takes in the store's current objects and returns the remembered versions of the Secrets
  // that still exist.
  std::vector<ObjectPtr> update(const std::vector<ObjectPtr>& objects);

 private:
  std::map<std::string, ObjectPtr> by_name_;  // "namespace/name"
};

}  // namespace lintel::controller
