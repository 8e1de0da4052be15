#include "reflector.h"

#include <cpprest/base_uri.h>
#include <cpprest/json.h>

#include <random>

#include "lintel/api/decode.h"
#include "lintel/support/log.h"

namespace lintel::controller::kube {

namespace {

using json = web::json::value;

std::string text_at(const json& object, const char* a, const char* b = nullptr) {
  if (!object.is_object() || !object.has_field(a)) return "";
  const json& first = object.at(a);
  if (b == nullptr) return first.is_string() ? first.as_string() : "";
  if (!first.is_object() || !first.has_field(b) || !first.at(b).is_string()) return "";
  return first.at(b).as_string();
}

std::string key_of(const json& object) {
  return text_at(object, "metadata", "namespace") + "/" + text_at(object, "metadata", "name");
}

std::optional<json> parse(const std::string& text) {
  std::error_code error;
  json value = json::parse(text, error);
  if (error || !value.is_object()) return std::nullopt;
  return value;
}

}  // namespace

std::string ResourceType::collection_path(const std::string& namespace_) const {
  const std::string root =
      api_version.find('/') == std::string::npos ? "/api/" + api_version : "/apis/" + api_version;
  return root + (namespace_.empty() || !namespaced ? "" : "/namespaces/" + namespace_) + "/" +
         plural;
}

Reflector::Reflector(ApiClient& client, ResourceType type, ReflectorOptions options,
                     std::function<void()> on_change)
    : client_(client),
      type_(std::move(type)),
      options_(std::move(options)),
      on_change_(std::move(on_change)) {}

void Reflector::run() {
  while (!stopping_.load()) {
    if (!list_all()) {
      wait(next_backoff());
      continue;
    }
    backoff_ = std::chrono::milliseconds(0);
    while (!stopping_.load()) {
      const WatchEnd end = watch_once();
      if (end == WatchEnd::Gone) break;  // list again
      if (end == WatchEnd::Failed) wait(next_backoff());
    }
  }
}

void Reflector::request_stop() {
  stopping_.store(true);
  std::lock_guard lock(mutex_);
  wake_.notify_all();
}

void Reflector::stop() {
  request_stop();
  client_.cancel_watches();
}

std::vector<ObjectPtr> Reflector::objects() const {
  std::lock_guard lock(mutex_);
  std::vector<ObjectPtr> out;
  out.reserve(objects_.size());
  for (const auto& [key, object] : objects_) out.push_back(object);
  return out;
}

std::string Reflector::resource_version() const {
  std::lock_guard lock(mutex_);
  return resource_version_;
}

std::vector<std::string> Reflector::decode_errors() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [key, error] : decode_errors_) out.push_back(key + ": " + error);
  return out;
}

ObjectPtr Reflector::decode(const std::string& text, const std::string& key) {
  api::DecodeResult result = api::decode_manifests(text, type_.kind + " " + key);
  std::lock_guard lock(mutex_);
  if (!result.errors.empty() || result.objects.size() != 1) {
    const std::string why = result.errors.empty() ? "not one object" : result.errors[0].to_string();
    if (decode_errors_[key] != why)
      log::warn("cannot read an object from the API server", {{"object", key}, {"error", why}});
    decode_errors_[key] = why;
    return nullptr;
  }
  decode_errors_.erase(key);
  return std::make_shared<const api::Object>(std::move(result.objects[0].object));
}

bool Reflector::list_all() {
  std::map<std::string, ObjectPtr> listed;
  std::string continue_token, version;
  for (int page = 0; page < 100000 && !stopping_.load(); ++page) {
    std::string query =
        type_.collection_path(options_.namespace_) + "?limit=" + std::to_string(options_.page_size);
    if (!continue_token.empty())
      query += "&continue=" + web::uri::encode_data_string(continue_token);
    ApiResponse response = client_.get(query);
    if (response.status == 410) {
      continue_token.clear();  // the pages' snapshot expired: start over
      listed.clear();
      continue;
    }
    if (response.status == 404) {
      if (!reported_missing_)
        log::warn("the API server does not serve this kind (is its CRD installed?); retrying",
                  {{"kind", type_.kind}, {"path", query}});
      reported_missing_ = true;
      // Nothing of a kind that is not served: the others need not wait for it.
      if (!synced_.exchange(true)) on_change_();
      return false;
    }
    if (response.status == 403) {
      log::error("the API server forbids listing a kind Lintel reads (RBAC)",
                 {{"kind", type_.kind}, {"path", query}});
      return false;
    }
    if (response.status != 200) {
      log::warn("cannot list", {{"kind", type_.kind},
                                {"status", std::to_string(response.status)},
                                {"error", response.body.substr(0, 300)}});
      return false;
    }
    auto body = parse(response.body);
    if (!body || !body->has_field("items") || !body->at("items").is_array()) return false;
    for (auto& item : body->at("items").as_array()) {
      // List items of built-in kinds come without apiVersion and kind.
      json object = item;
      object["apiVersion"] = json::string(type_.api_version);
      object["kind"] = json::string(type_.kind);
      const std::string key = key_of(object);
      if (ObjectPtr decoded = decode(object.serialize(), key)) listed[key] = std::move(decoded);
    }
    version = text_at(*body, "metadata", "resourceVersion");
    continue_token = text_at(*body, "metadata", "continue");
    if (continue_token.empty()) break;
  }
  if (stopping_.load()) return false;
  ++lists_;
  {
    std::lock_guard lock(mutex_);
    objects_ = std::move(listed);
    resource_version_ = version;
  }
  synced_.store(true);
  on_change_();
  return true;
}

bool Reflector::apply_event(const std::string& line, WatchEnd& end) {
  auto event = parse(line);
  if (!event || !event->has_field("object")) return true;
  const std::string type = text_at(*event, "type");
  const json& object = event->at("object");
  const std::string version = text_at(object, "metadata", "resourceVersion");
  if (type == "ERROR") {
    const bool gone = object.has_field("code") && object.at("code").is_number() &&
                      object.at("code").as_integer() == 410;
    end = gone ? WatchEnd::Gone : WatchEnd::Failed;
    return false;
  }
  if (type == "BOOKMARK") {
    std::lock_guard lock(mutex_);
    resource_version_ = version;
    return true;
  }
  const std::string key = key_of(object);
  if (type == "ADDED" || type == "MODIFIED") {
    ObjectPtr decoded = decode(object.serialize(), key);
    std::lock_guard lock(mutex_);
    if (decoded)
      objects_[key] = std::move(decoded);
    else
      objects_.erase(key);  // what cannot be read is not served
    resource_version_ = version;
  } else if (type == "DELETED") {
    std::lock_guard lock(mutex_);
    objects_.erase(key);
    decode_errors_.erase(key);
    resource_version_ = version;
  } else {
    return true;
  }
  on_change_();
  return true;
}

Reflector::WatchEnd Reflector::watch_once() {
  const std::string query =
      type_.collection_path(options_.namespace_) +
      "?watch=1&allowWatchBookmarks=true&resourceVersion=" + resource_version() +
      "&timeoutSeconds=" + std::to_string(options_.watch_timeout.count());
  WatchEnd end = WatchEnd::Closed;
  bool any = false;
  ApiResponse response = client_.watch(
      query,
      [&](const std::string& line) {
        any = true;
        return !stopping_.load() && apply_event(line, end);
      },
      options_.idle_timeout);
  if (response.status == 410) return WatchEnd::Gone;
  if (response.status != 200) {
    if (!stopping_.load())
      log::warn("watch failed", {{"kind", type_.kind},
                                 {"status", std::to_string(response.status)},
                                 {"error", response.body.substr(0, 300)}});
    return WatchEnd::Failed;
  }
  if (end == WatchEnd::Closed && any) backoff_ = std::chrono::milliseconds(0);
  return end;
}

std::chrono::milliseconds Reflector::next_backoff() {
  backoff_ = backoff_.count() == 0 ? options_.initial_backoff
                                   : std::min(backoff_ * 2, options_.max_backoff);
  static thread_local std::mt19937 random{std::random_device{}()};
  // ±20 %: reflectors that failed together do not retry together.
  std::uniform_real_distribution<double> jitter(0.8, 1.2);
  return std::chrono::milliseconds(static_cast<long>(backoff_.count() * jitter(random)));
}

void Reflector::wait(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, delay, [this] { return stopping_.load(); });
}

}  // namespace lintel::controller::kube
