#include "lintel/support/file.h"

#include <fstream>
#include <sstream>

namespace lintel::support {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace lintel::support
