#pragma once

#include <string>

#include "lintel/controller/reconciler.h"
#include "status_objects.h"

namespace lintel::cmd {

// The admin port's /status: what the last reconcile found wrong with the manifests (errors,
// skipped objects, what the Ingress conversion could not carry over) and which snapshot is
// serving, and the status of every object Lintel is responsible for ("objects",
// status_objects.h), as JSON, so a user can see why a change did not take effect without reading
// logs.
std::string status_json(const controller::ReconcileOutcome& last, std::uint64_t serving_version,
                        const StatusObjects& objects);

}  // namespace lintel::cmd
