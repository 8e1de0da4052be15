#pragma once

#include <filesystem>
#include <vector>

#include "crd_files.h"

namespace lintel::crdgen {

// Makes `root` hold exactly these CRD files: writes the ones whose text changed and removes the
// .yaml files of the channel folders that are no longer generated. Other files (README.md) stay.
// Throws std::runtime_error when the file system refuses.
void write_crd_files(const std::vector<CrdFile>& files, const std::filesystem::path& root);

}  // namespace lintel::crdgen
