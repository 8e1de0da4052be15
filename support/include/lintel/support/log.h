#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

// Structured logs: one JSON object per line on stderr, so that they can be read by people and
// by log pipelines alike. Never used on the per-request path.
namespace lintel::log {

using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Written only when the environment says LINTEL_LOG=debug (read once): for events that are
// routine in number, such as a client's failed TLS handshake.
void debug(std::string_view message, Fields fields = {});
void info(std::string_view message, Fields fields = {});
void warn(std::string_view message, Fields fields = {});
void error(std::string_view message, Fields fields = {});

}  // namespace lintel::log
