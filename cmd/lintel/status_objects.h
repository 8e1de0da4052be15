#pragma once

#include <map>
#include <string>

#include "lintel/controller/status_writer.h"

namespace lintel::cmd {

using StatusObjects = std::map<api::ObjectKey, controller::ObjectStatus>;

// The objects Lintel is responsible for as /status lists them, each as `kubectl get -o json`
// would show it: apiVersion, kind, metadata (name, namespace, generation, creationTimestamp),
// spec and status. A JSON array, its lines indented by `indent` spaces after the first.
std::string objects_json(const StatusObjects& objects, int indent);

// The same as a YAML stream, one document per object.
std::string objects_yaml(const StatusObjects& objects);

}  // namespace lintel::cmd
