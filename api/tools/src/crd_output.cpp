#include "crd_output.h"

#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>

#include "channel.h"

namespace lintel::crdgen {

namespace {

namespace fs = std::filesystem;

bool has_text(const fs::path& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string current((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return current == text;
}

void write_file(const fs::path& path, const std::string& text) {
  // Untouched files keep their mtime, so a build that regenerates nothing changes nothing.
  if (has_text(path, text)) return;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

void write_crd_files(const std::vector<CrdFile>& files, const fs::path& root) {
  std::set<fs::path> wanted;
  for (const CrdFile& file : files) wanted.insert(root / file.path);

  for (Channel channel : kChannels) {
    fs::path folder = root / channel_name(channel);
    fs::create_directories(folder);
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() == ".yaml" && !wanted.count(entry.path()))
        fs::remove(entry.path());
    }
  }
  for (const CrdFile& file : files) write_file(root / file.path, file.text);
}

}  // namespace lintel::crdgen
