#include "status_dir.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "lintel/api/encode.h"

namespace lintel::cmd {

namespace {

namespace fs = std::filesystem;

bool write_atomically(const fs::path& path, const std::string& text, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  // A reader never sees a half-written file: rename() replaces the old one in one step.
  fs::path aside = path.parent_path() / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream out(aside, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      error = aside.string() + ": cannot write";
      return false;
    }
  }
  fs::rename(aside, path, ec);
  if (ec) error = path.string() + ": " + ec.message();
  return !ec;
}

}  // namespace

std::string status_file_path(const std::string& dir, const api::ObjectKey& key) {
  fs::path path = fs::path(dir) / key.kind;
  if (!key.namespace_.empty()) path /= key.namespace_;
  return (path / (key.name + ".yaml")).string();
}

std::vector<std::string> StatusDir::sweep(const StatusObjects& objects) {
  std::vector<std::string> errors;
  std::set<fs::path> wanted;
  for (const auto& [key, status] : objects) wanted.insert(status_file_path(dir_, key));
  std::error_code ec;
  std::vector<fs::path> stale;
  for (auto it = fs::recursive_directory_iterator(dir_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".yaml" && !wanted.count(it->path()))
      stale.push_back(it->path());
  }
  for (const auto& path : stale) {
    if (!fs::remove(path, ec) && ec) errors.push_back(path.string() + ": " + ec.message());
  }
  return errors;
}

std::vector<std::string> StatusDir::sync(const StatusObjects& objects,
                                         const controller::StatusChanges& changes) {
  std::vector<std::string> errors;
  if (!swept_) {
    errors = sweep(objects);
    swept_ = true;
  }
  for (const auto& key : changes.changed) {
    auto status = objects.find(key);
    if (status == objects.end()) continue;
    std::string error;
    std::string text = api::encode_yaml(*controller::object_with_status(status->second, false));
    if (!write_atomically(status_file_path(dir_, key), text, error)) errors.push_back(error);
  }
  for (const auto& key : changes.removed) {
    fs::path path = status_file_path(dir_, key);
    std::error_code ec;
    if (!fs::remove(path, ec) && ec) errors.push_back(path.string() + ": " + ec.message());
    // An emptied namespace folder goes too; one still holding files stays (remove fails).
    fs::remove(path.parent_path(), ec);
  }
  return errors;
}

}  // namespace lintel::cmd
