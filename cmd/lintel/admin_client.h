#pragma once

#include <string>

namespace lintel::cmd {

// GET http://`host_port``path` from Lintel's admin port: the body of a 200 answer, or false with
// `error` set. Just enough HTTP/1.1 for the admin server (one request, Content-Length body).
bool admin_get(const std::string& host_port, const std::string& path, std::string& body,
               std::string& error);

}  // namespace lintel::cmd
