#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "lintel/api/decode.h"
#include "lintel/controller/object_store.h"

namespace lintel::controller {

// The YAML and JSON files named by `paths`: files as given, folders searched recursively for
// *.yaml, *.yml and *.json (hidden files and editor backups skipped). Sorted, so loading order
// never depends on the file system. A path that does not exist is reported in `errors`.
std::vector<std::string> list_manifest_files(const std::vector<std::string>& paths,
                                             std::vector<std::string>& errors);

struct ManifestLoad {
  // Every object to serve: each file's current objects, or its last good ones while it has errors.
  std::vector<ObjectPtr> objects;
  std::vector<api::DecodeError> errors;
  std::vector<api::DecodeError> warnings;
  // Files with errors whose last good content is still being served.
  std::vector<std::string> kept_last_good;
};

// Standalone mode's API server: the manifest folder. A file is the unit of change: a file with
// any error keeps serving what it held when it was last good (nothing, if it never was), so one
// bad save never takes a working route away. A reload is an update: an object whose new version
// breaks a transition rule (GatewayClass spec.controllerName is immutable) is reported and
// keeps its previous version, while the rest of its file is taken.
class ManifestSource {
 public:
  explicit ManifestSource(std::vector<std::string> paths,
                          api::Channel channel = api::Channel::kExperimental);
  ManifestLoad load();
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  struct DecodedFile {
    std::string content;
    std::vector<ObjectPtr> objects;
    std::vector<int> documents;  // each object's document index
    std::vector<api::DecodeError> errors;
    std::vector<api::DecodeError> warnings;
  };

  std::vector<std::string> paths_;
  api::Channel channel_;
  std::map<std::string, std::vector<ObjectPtr>> last_good_;
  // Each file's last decode, reused while its bytes are unchanged: a change to one file of
  // thousands decodes one file.
  std::map<std::string, DecodedFile> decoded_;
};

// Waits for changes under the manifest paths with inotify. Coarse on purpose: any event means
// "something changed", and the reconcile that follows re-reads everything (level-triggered).
class ManifestWatcher {
 public:
  explicit ManifestWatcher(const std::vector<std::string>& paths);
  ~ManifestWatcher();
  ManifestWatcher(const ManifestWatcher&) = delete;
  ManifestWatcher& operator=(const ManifestWatcher&) = delete;

  bool ok() const { return inotify_fd_ >= 0; }
  // True when something changed within `timeout`; false on timeout or after wake().
  // Events that arrive within `settle` of the first are folded into the same change, so an
  // editor's write-rename-chmod burst is one reload.
  bool wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle);
  // Makes a blocked wait() return at once (thread-safe).
  void wake();

 private:
  void add_watches(const std::string& path);
  bool drain();

  int inotify_fd_ = -1;
  int wake_fd_ = -1;
  std::vector<std::string> roots_;
};

}  // namespace lintel::controller
