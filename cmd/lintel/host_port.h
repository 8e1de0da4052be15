#pragma once

#include <string>

namespace lintel::cmd {

// Splits "HOST:PORT" (or "[v6]:PORT") into its host, without brackets, and its port, a number
// up to 65535. False with `error` set when `text` is not that.
bool split_host_port(const std::string& text, std::string& host, std::string& port,
                     std::string& error);

}  // namespace lintel::cmd
