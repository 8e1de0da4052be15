#pragma once

#include <chrono>

#include "lintel/controller/manifest_source.h"

namespace lintel::controller {

// Where the controller's objects come from, other than a manifest folder (the Kubernetes API).
// Level-triggered like the folder: load() gives every object there is now, wait() only says
// that something changed.
class ObjectSource {
 public:
  virtual ~ObjectSource() = default;
  virtual ManifestLoad load() = 0;
  // True when something changed within `timeout`; false on timeout or after wake().
  virtual bool wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) = 0;
  virtual void wake() = 0;
};

}  // namespace lintel::controller
