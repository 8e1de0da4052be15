#pragma once

#include "graph/graph.h"

namespace lintel::controller {

// The graph programs every valid HTTP and HTTPS listener, as Gateway API defines them; the data
// plane serves HTTP only yet. So that status never claims more than is served, an HTTPS listener
// is left unprogrammed (Programmed False, Pending, saying why), and so is a ListenerSet left
// without a programmed listener, and a Gateway left without one of its own or of its
// ListenerSets. The listener stays Accepted: its configuration is valid.
void withhold_unserved_listeners(graph::Graph& graph);

}  // namespace lintel::controller
