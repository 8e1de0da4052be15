#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace lintel::support {

// A whole file's bytes; nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace lintel::support
