#pragma once

#include "graph/graph.h"

namespace lintel::controller {

// The graph programs every valid listener of the protocols it accepts; the data plane serves
// HTTP and HTTPS (terminating TLS). So that status never claims more than is served, a listener
// of any other protocol is left unprogrammed (Programmed False, Pending, saying why), and so is
// a ListenerSet left without a programmed listener, and a Gateway left without one of its own or
// of its ListenerSets. The listener stays Accepted: its configuration is valid.
void withhold_unserved_listeners(graph::Graph& graph);

}  // namespace lintel::controller
