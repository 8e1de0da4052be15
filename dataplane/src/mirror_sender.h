#pragma once

#include <memory>

#include "asio_beast.h"
#include "proxy_worker.h"

namespace lintel::dataplane {

// Sends a copy of a request to `endpoint` in the background, on the worker's own thread and
// upstream pool, and discards the answer: nothing about it reaches or waits for the client.
// Dropped when the worker already has ProxyOptions::max_mirrors_in_flight copies under way.
void send_mirror(ProxyWorker& worker, const ProxyOptions& options, const tcp::endpoint& endpoint,
                 std::shared_ptr<const http::request<http::string_body>> request);

}  // namespace lintel::dataplane
