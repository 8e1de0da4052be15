#include "lintel/controller/manifest_source.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "lintel/api/validate.h"

namespace lintel::controller {

namespace fs = std::filesystem;

namespace {

bool is_manifest_name(const fs::path& path) {
  std::string name = path.filename().string();
  if (name.empty() || name[0] == '.' || name.back() == '~' || name[0] == '#') return false;
  std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// An object's key as views into the object: every load looks up every served object by key, and
// views copy nothing.
struct KeyView {
  std::string_view group, kind, namespace_, name;
  bool operator==(const KeyView&) const = default;
};

struct KeyViewHash {
  std::size_t operator()(const KeyView& key) const {
    std::hash<std::string_view> hash;
    std::size_t out = hash(key.group);
    for (std::string_view part : {key.kind, key.namespace_, key.name})
      out = out * 1000003u ^ hash(part);
    return out;
  }
};

KeyView key_view(const api::Object& object) {
  return std::visit(
      [](const api::SchemaObject& o) {
        return KeyView{o.group, o.kind, o.metadata.namespace_, o.metadata.name};
      },
      object);
}

using Served = std::unordered_map<KeyView, ObjectPtr, KeyViewHash>;

// A file's objects, each replaced by `served`'s version of it where the update would break a
// transition rule (reported in `errors`).
std::vector<ObjectPtr> updated(const std::string& file, const std::vector<ObjectPtr>& decoded,
                               const std::vector<int>& documents, const Served& served,
                               std::vector<api::DecodeError>& errors) {
  std::vector<ObjectPtr> objects = decoded;
  for (size_t i = 0; i < objects.size(); ++i) {
    auto previous = served.find(key_view(*objects[i]));
    if (previous == served.end() || previous->second == objects[i]) continue;
    auto problems = api::transition_errors(std::get<api::SchemaObject>(*previous->second),
                                           std::get<api::SchemaObject>(*objects[i]));
    if (problems.empty()) continue;
    api::ObjectKey key = api::key_of(*objects[i]);
    errors.push_back(api::DecodeError{file, documents[i], key.to_string(),
                                      api::invalid_message(key.kind, key.name, problems)});
    objects[i] = previous->second;
  }
  return objects;
}

}  // namespace

std::vector<std::string> list_manifest_files(const std::vector<std::string>& paths,
                                             std::vector<std::string>& errors) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      errors.push_back(path + ": no such file or directory");
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    auto options = fs::directory_options::follow_directory_symlink |
                   fs::directory_options::skip_permission_denied;
    for (auto it = fs::recursive_directory_iterator(path, options, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      // Hidden folders hold other tools' state (Kubernetes ConfigMap mounts keep the real files
      // in "..data"; the visible names are links to them, which are followed).
      if (it->is_directory() && !name.empty() && name[0] == '.') {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && is_manifest_name(it->path()))
        files.push_back(it->path().string());
    }
    if (ec) errors.push_back(path + ": " + ec.message());
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

ManifestSource::ManifestSource(std::vector<std::string> paths, api::Channel channel)
    : paths_(std::move(paths)), channel_(channel) {}

ManifestLoad ManifestSource::load() {
  ManifestLoad load;
  std::vector<std::string> listing_errors;
  std::vector<std::string> files = list_manifest_files(paths_, listing_errors);
  for (const auto& message : listing_errors) {
    load.errors.push_back(api::DecodeError{message.substr(0, message.find(':')), 0, "",
                                           message.substr(message.find(':') + 2)});
  }
  Served served;
  for (const auto& [file, objects] : last_good_) {
    for (const auto& object : objects) served.emplace(key_view(*object), object);
  }
  std::map<std::string, std::vector<ObjectPtr>> good;
  std::map<std::string, DecodedFile> decoded;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      load.errors.push_back(api::DecodeError{file, 0, "", "cannot read the file"});
    }
    std::string content = in ? text.str() : std::string();
    auto cached = decoded_.extract(file);
    if (cached.empty() || cached.mapped().content != content) {
      api::DecodeResult fresh = api::decode_manifests(content, file, channel_);
      DecodedFile entry{
          std::move(content), {}, {}, std::move(fresh.errors), std::move(fresh.warnings)};
      for (auto& object : fresh.objects) {
        entry.objects.push_back(std::make_shared<const api::Object>(std::move(object.object)));
        entry.documents.push_back(object.document);
      }
      decoded.insert_or_assign(file, std::move(entry));
    } else {
      decoded.insert(std::move(cached));
    }
    const DecodedFile& result = decoded.at(file);
    load.warnings.insert(load.warnings.end(), result.warnings.begin(), result.warnings.end());
    if (!in || !result.errors.empty()) {
      load.errors.insert(load.errors.end(), result.errors.begin(), result.errors.end());
      if (auto last = last_good_.find(file); last != last_good_.end()) {
        good[file] = last->second;
        load.kept_last_good.push_back(file);
      }
      continue;
    }
    good[file] = updated(file, result.objects, result.documents, served, load.errors);
  }
  last_good_ = good;
  decoded_ = std::move(decoded);
  for (auto& [file, objects] : good) {
    load.objects.insert(load.objects.end(), objects.begin(), objects.end());
  }
  return load;
}

ManifestWatcher::ManifestWatcher(const std::vector<std::string>& paths) : roots_(paths) {
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_fd_ < 0 || wake_fd_ < 0) return;
  for (const auto& path : paths) add_watches(path);
}

ManifestWatcher::~ManifestWatcher() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

void ManifestWatcher::add_watches(const std::string& path) {
  constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                             IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB;
  std::error_code ec;
  // A file is watched through its folder, so that an editor's "write a new file, rename it
  // over the old one" is seen too.
  fs::path folder = fs::is_directory(path, ec) ? fs::path(path) : fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  inotify_add_watch(inotify_fd_, folder.c_str(), kMask);
  if (!fs::is_directory(path, ec)) return;
  for (auto it = fs::recursive_directory_iterator(
           path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory()) inotify_add_watch(inotify_fd_, it->path().c_str(), kMask);
  }
}

bool ManifestWatcher::drain() {
  alignas(inotify_event) char buffer[16 * 1024];
  bool any = false;
  bool new_folder = false;
  while (true) {
    ssize_t n = read(inotify_fd_, buffer, sizeof buffer);
    if (n <= 0) break;
    for (char* p = buffer; p < buffer + n;) {
      auto* event = reinterpret_cast<inotify_event*>(p);
      bool folder = event->mask & IN_ISDIR;
      if (folder && (event->mask & (IN_CREATE | IN_MOVED_TO))) new_folder = true;
      // A file being created or written is read once it is closed (IN_CLOSE_WRITE), never
      // half-written; everything else that arrives is a change.
      if (folder || !(event->mask & IN_CREATE)) any = true;
      p += sizeof(inotify_event) + event->len;
    }
  }
  // A folder created after start gets watches of its own (inotify is not recursive).
  if (new_folder) {
    for (const auto& root : roots_) add_watches(root);
  }
  return any;
}

bool ManifestWatcher::wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) {
  if (!ok()) return false;
  pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  if (poll(fds, 2, static_cast<int>(timeout.count())) <= 0) return false;
  if (fds[1].revents & POLLIN) {
    uint64_t value;
    [[maybe_unused]] auto ignored = read(wake_fd_, &value, sizeof value);
    return false;
  }
  if (!drain()) return false;
  // Fold a burst of events into one change, but never wait on a writer that never stops.
  for (int round = 0; round < 20 && poll(fds, 1, static_cast<int>(settle.count())) > 0 && drain();
       ++round) {
  }
  return true;
}

void ManifestWatcher::wake() {
  uint64_t one = 1;
  [[maybe_unused]] auto ignored = write(wake_fd_, &one, sizeof one);
}

}  // namespace lintel::controller
