#include "test_api_server.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <ctime>
#include <list>
#include <set>
#include <sstream>

namespace lintel::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using json = web::json::value;

namespace {

// Where a request points: the collection ("group/resource"), and within it a namespace, a
// name and a subresource, each possibly empty.
struct Target {
  std::string collection;
  std::string namespace_;
  std::string name;
  std::string subresource;
  std::map<std::string, std::string> query;
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator))
    if (!part.empty()) out.push_back(part);
  return out;
}

std::optional<Target> parse_target(const std::string& url) {
  Target target;
  const auto question = url.find('?');
  for (const auto& pair :
       split(question == std::string::npos ? "" : url.substr(question + 1), '&')) {
    const auto equals = pair.find('=');
    target.query[pair.substr(0, equals)] =
        equals == std::string::npos ? "" : web::uri::decode(pair.substr(equals + 1));
  }
  std::vector<std::string> parts = split(url.substr(0, question), '/');
  std::string group;
  size_t at = 0;
  if (parts.size() >= 2 && parts[0] == "api") {
    at = 2;  // api/v1: the core group
  } else if (parts.size() >= 3 && parts[0] == "apis") {
    group = parts[1];
    at = 3;
  } else {
    return std::nullopt;
  }
  std::vector<std::string> rest(parts.begin() + static_cast<long>(at), parts.end());
  if (rest.size() >= 3 && rest[0] == "namespaces") {
    target.namespace_ = rest[1];
    rest.erase(rest.begin(), rest.begin() + 2);
  }
  if (rest.empty() || rest.size() > 3) return std::nullopt;
  target.collection = group + "/" + rest[0];
  if (rest.size() >= 2) target.name = rest[1];
  if (rest.size() == 3) target.subresource = rest[2];
  return target;
}

std::string key_of(const std::string& namespace_, const std::string& name) {
  return namespace_ + "/" + name;
}

std::string text_of(const json& object, const char* field) {
  return object.has_field(field) && object.at(field).is_string() ? object.at(field).as_string()
                                                                 : std::string();
}

std::string now_rfc3339() {
  std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

json status_body(int code, const std::string& reason, const std::string& message) {
  json status = json::object();
  status["kind"] = json::string("Status");
  status["apiVersion"] = json::string("v1");
  status["metadata"] = json::object();
  status["status"] = json::string("Failure");
  status["message"] = json::string(message);
  status["reason"] = json::string(reason);
  status["code"] = json::number(code);
  return status;
}

std::string conflict_message(const std::string& collection, const std::string& name) {
  return "Operation cannot be fulfilled on " + collection + " \"" + name +
         "\": the object has been modified; please apply your changes to the latest version and "
         "try again";
}

// What the server says it serves (discovery), so that kubectl can talk to it.
struct Served {
  const char* group;  // "" for the core group
  const char* version;
  const char* plural;
  const char* singular;
  const char* kind;
  bool namespaced;
};

constexpr Served kServed[] = {
    {"", "v1", "namespaces", "namespace", "Namespace", false},
    {"", "v1", "services", "service", "Service", true},
    {"", "v1", "secrets", "secret", "Secret", true},
    {"", "v1", "configmaps", "configmap", "ConfigMap", true},
    {"discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true},
    {"networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true},
    {"networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass", false},
    {"coordination.k8s.io", "v1", "leases", "lease", "Lease", true},
    {"gateway.networking.k8s.io", "v1", "gatewayclasses", "gatewayclass", "GatewayClass", false},
    {"gateway.networking.k8s.io", "v1", "gateways", "gateway", "Gateway", true},
    {"gateway.networking.k8s.io", "v1", "listenersets", "listenerset", "ListenerSet", true},
    {"gateway.networking.k8s.io", "v1", "httproutes", "httproute", "HTTPRoute", true},
    {"gateway.networking.k8s.io", "v1", "grpcroutes", "grpcroute", "GRPCRoute", true},
    {"gateway.networking.k8s.io", "v1", "tlsroutes", "tlsroute", "TLSRoute", true},
    {"gateway.networking.k8s.io", "v1", "backendtlspolicies", "backendtlspolicy",
     "BackendTLSPolicy", true},
    {"gateway.networking.k8s.io", "v1beta1", "referencegrants", "referencegrant", "ReferenceGrant",
     true},
};

json string_array(std::initializer_list<const char*> values) {
  json out = json::array();
  size_t i = 0;
  for (const char* value : values) out[i++] = json::string(value);
  return out;
}

// The discovery documents: /version, /api, /apis, /api/v1 and /apis/G/V; nullopt for any other
// path.
std::optional<json> discovery(const std::string& path) {
  json out = json::object();
  if (path == "/version") {
    out["major"] = json::string("1");
    out["minor"] = json::string("34");
    out["gitVersion"] = json::string("v1.34.0-lintel-test");
    return out;
  }
  if (path == "/api") {
    out["kind"] = json::string("APIVersions");
    out["versions"] = string_array({"v1"});
    return out;
  }
  if (path == "/apis") {
    out["kind"] = json::string("APIGroupList");
    out["apiVersion"] = json::string("v1");
    std::map<std::string, std::set<std::string>> groups;
    for (const auto& served : kServed)
      if (*served.group) groups[served.group].insert(served.version);
    json list = json::array();
    size_t g = 0;
    for (const auto& [name, versions] : groups) {
      json group = json::object();
      group["name"] = json::string(name);
      json entries = json::array();
      size_t v = 0;
      for (const auto& version : versions) {
        json entry = json::object();
        entry["groupVersion"] = json::string(name + "/" + version);
        entry["version"] = json::string(version);
        entries[v++] = entry;
      }
      group["versions"] = entries;
      group["preferredVersion"] = entries[0];
      list[g++] = group;
    }
    out["groups"] = list;
    return out;
  }
  for (const auto& served : kServed) {
    const std::string group_version =
        *served.group ? std::string(served.group) + "/" + served.version : served.version;
    if (path != (*served.group ? "/apis/" : "/api/") + group_version) continue;
    out["kind"] = json::string("APIResourceList");
    out["apiVersion"] = json::string("v1");
    out["groupVersion"] = json::string(group_version);
    json resources = json::array();
    size_t r = 0;
    for (const auto& each : kServed) {
      if (std::string(each.group) != served.group || std::string(each.version) != served.version)
        continue;
      json resource = json::object();
      resource["name"] = json::string(each.plural);
      resource["singularName"] = json::string(each.singular);
      resource["namespaced"] = json::boolean(each.namespaced);
      resource["kind"] = json::string(each.kind);
      resource["verbs"] =
          string_array({"create", "delete", "get", "list", "patch", "update", "watch"});
      resources[r++] = resource;
      json status = json::object();
      status["name"] = json::string(std::string(each.plural) + "/status");
      status["singularName"] = json::string("");
      status["namespaced"] = json::boolean(each.namespaced);
      status["kind"] = json::string(each.kind);
      status["verbs"] = string_array({"get", "patch", "update"});
      resources[r++] = status;
    }
    out["resources"] = resources;
    return out;
  }
  return std::nullopt;
}

struct Event {
  std::uint64_t version;
  std::string collection;
  std::string type;  // ADDED, MODIFIED, DELETED
  json object;
};

}  // namespace

struct TestApiServer::Impl {
  mutable std::mutex mutex;
  std::condition_variable changed;
  std::uint64_t version = 100;
  std::uint64_t compacted = 0;    // events at or below this version are forgotten
  std::uint64_t watch_epoch = 0;  // drop_watches() ends the watches of older epochs
  std::chrono::milliseconds bookmark_interval{1000};
  std::string required_token;
  bool stalled = false;
  int status_conflicts = 0;
  std::map<std::string, std::map<std::string, json>> collections;
  std::vector<Event> events;
  std::uint64_t status_writes = 0;
  std::vector<std::string> request_log;

  asio::io_context io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread accept_thread;
  std::list<std::shared_ptr<tcp::socket>> connections;
  std::list<std::thread> connection_threads;
  bool stopping = false;

  // Stores `object` under the API server's metadata; the caller holds the mutex.
  std::string store(const Target& target, json object, bool status_only, int& code,
                    std::string& message) {
    auto& collection = collections[target.collection];
    json& metadata = object["metadata"];
    const std::string name = text_of(metadata, "name");
    const std::string namespace_ =
        target.namespace_.empty() ? text_of(metadata, "namespace") : target.namespace_;
    if (name.empty()) {
      code = 422;
      message = "metadata.name: Required value: name is required";
      return "";
    }
    const auto existing = collection.find(key_of(namespace_, name));
    if (status_only && status_conflicts > 0) {
      --status_conflicts;
      code = 409;
      message = conflict_message(target.collection, name);
      return "";
    }
    if (status_only) {
      if (existing == collection.end()) {
        code = 404;
        message = target.collection + " \"" + name + "\" not found";
        return "";
      }
      const std::string wanted = text_of(metadata, "resourceVersion");
      const json& current_metadata = existing->second.at("metadata");
      if (!wanted.empty() && wanted != text_of(current_metadata, "resourceVersion")) {
        code = 409;
        message = conflict_message(target.collection, name);
        return "";
      }
      json updated = existing->second;
      if (object.has_field("status")) updated["status"] = object.at("status");
      object = std::move(updated);
      ++status_writes;
    } else if (existing != collection.end()) {
      const json& old_metadata = existing->second.at("metadata");
      metadata["uid"] = old_metadata.at("uid");
      metadata["creationTimestamp"] = old_metadata.at("creationTimestamp");
      std::int64_t generation = old_metadata.has_field("generation")
                                    ? old_metadata.at("generation").as_number().to_int64()
                                    : 1;
      const bool spec_changed =
          !object.has_field("spec") || !existing->second.has_field("spec") ||
          object.at("spec").serialize() != existing->second.at("spec").serialize();
      metadata["generation"] = json::number(spec_changed ? generation + 1 : generation);
      // A write of the main resource never changes status.
      if (existing->second.has_field("status"))
        object["status"] = existing->second.at("status");
      else if (object.has_field("status"))
        object.erase("status");
    } else {
      metadata["uid"] = json::string("uid-" + std::to_string(version + 1));
      metadata["creationTimestamp"] = json::string(now_rfc3339());
      metadata["generation"] = json::number(1);
    }
    if (!namespace_.empty()) object["metadata"]["namespace"] = json::string(namespace_);
    ++version;
    object["metadata"]["resourceVersion"] = json::string(std::to_string(version));
    const bool added = existing == collection.end();
    collection[key_of(namespace_, name)] = object;
    events.push_back({version, target.collection, added ? "ADDED" : "MODIFIED", object});
    changed.notify_all();
    code = added ? 201 : 200;
    return std::to_string(version);
  }

  // The stored object, or nothing; the caller holds the mutex.
  std::optional<json> find(const std::string& collection, const std::string& namespace_,
                           const std::string& name) {
    auto& objects = collections[collection];
    const auto found = objects.find(key_of(namespace_, name));
    if (found == objects.end()) return std::nullopt;
    return found->second;
  }

  // Deletes an object and records the DELETED event; the caller holds the mutex.
  std::optional<json> erase(const std::string& collection, const std::string& namespace_,
                            const std::string& name) {
    auto& objects = collections[collection];
    const auto found = objects.find(key_of(namespace_, name));
    if (found == objects.end()) return std::nullopt;
    json object = found->second;
    ++version;
    object["metadata"]["resourceVersion"] = json::string(std::to_string(version));
    events.push_back({version, collection, "DELETED", object});
    objects.erase(found);
    changed.notify_all();
    return object;
  }

  http::response<http::string_body> reply(const http::request<http::string_body>& request, int code,
                                          const json& body) {
    http::response<http::string_body> response{static_cast<http::status>(code), request.version()};
    response.set(http::field::content_type, "application/json");
    response.body() = body.serialize();
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    return response;
  }

  json list(const Target& target, int& code) {
    std::lock_guard lock(mutex);
    const auto& collection = collections[target.collection];
    long limit = target.query.count("limit") ? std::stol(target.query.at("limit")) : 0;
    std::string after;
    if (target.query.count("continue")) {
      after = target.query.at("continue");
      const auto colon = after.find(':');
      if (colon == std::string::npos || std::stoull(after.substr(0, colon)) <= compacted) {
        code = 410;
        return status_body(410, "Expired",
                           "The provided continue parameter is too old to display a consistent "
                           "list result. You can start a new list without the continue "
                           "parameter.");
      }
      after = after.substr(colon + 1);
    }
    json items = json::array();
    size_t count = 0;
    std::string last;
    bool more = false;
    for (auto it = after.empty() ? collection.begin() : collection.upper_bound(after);
         it != collection.end(); ++it) {
      if (!target.namespace_.empty() &&
          text_of(it->second.at("metadata"), "namespace") != target.namespace_)
        continue;
      if (limit > 0 && count == static_cast<size_t>(limit)) {
        more = true;
        break;
      }
      items[count++] = it->second;
      last = it->first;
    }
    json out = json::object();
    out["kind"] = json::string("List");
    out["apiVersion"] = json::string("v1");
    out["metadata"] = json::object();
    out["metadata"]["resourceVersion"] = json::string(std::to_string(version));
    if (more) out["metadata"]["continue"] = json::string(std::to_string(version) + ":" + last);
    out["items"] = items;
    code = 200;
    return out;
  }

  static bool write_chunk(tcp::socket& socket, const std::string& line) {
    std::ostringstream chunk;
    chunk << std::hex << line.size() + 1 << "\r\n" << line << "\n\r\n";
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(chunk.str()), ec);
    return !ec;
  }

  static std::string event_line(const std::string& type, const json& object) {
    json event = json::object();
    event["type"] = json::string(type);
    event["object"] = object;
    return event.serialize();
  }

  // Streams events after the request's resourceVersion until the client goes, the watch times
  // out, drop_watches() or stop(). Without a resourceVersion (or "0") it starts, as the API
  // server does, with a synthetic ADDED event for every object that exists.
  void watch(tcp::socket& socket, const Target& target) {
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(head), ec);
    if (ec) return;
    const auto query = [&](const char* name) {
      const auto found = target.query.find(name);
      return found == target.query.end() ? std::string() : found->second;
    };
    std::uint64_t from =
        query("resourceVersion").empty() ? 0 : std::stoull(query("resourceVersion"));
    const bool bookmarks = query("allowWatchBookmarks") == "true";
    const auto deadline =
        std::chrono::steady_clock::now() +
        std::chrono::seconds(query("timeoutSeconds").empty() ? 1800
                                                             : std::stol(query("timeoutSeconds")));
    const auto ours = [&](const std::string& collection, const json& object) {
      return collection == target.collection &&
             (target.namespace_.empty() ||
              text_of(object.at("metadata"), "namespace") == target.namespace_);
    };

    std::unique_lock lock(mutex);
    std::vector<std::string> lines;
    if (from == 0) {
      for (const auto& [key, object] : collections[target.collection])
        if (ours(target.collection, object)) lines.push_back(event_line("ADDED", object));
      from = version;
    } else if (from < compacted) {
      lines.push_back(
          event_line("ERROR", status_body(410, "Expired",
                                          "too old resource version: " + std::to_string(from) +
                                              " (" + std::to_string(compacted + 1) + ")")));
      lock.unlock();
      write_chunk(socket, lines.front());
      asio::write(socket, asio::buffer(std::string("0\r\n\r\n")), ec);
      return;
    }
    const std::uint64_t epoch = watch_epoch;
    auto last_sent = std::chrono::steady_clock::now();
    while (true) {
      const auto first = std::upper_bound(
          events.begin(), events.end(), from,
          [](std::uint64_t version, const Event& event) { return version < event.version; });
      for (auto it = first; it != events.end(); ++it) {
        from = it->version;
        if (ours(it->collection, it->object)) lines.push_back(event_line(it->type, it->object));
      }
      const auto now = std::chrono::steady_clock::now();
      if (lines.empty() && bookmarks && bookmark_interval.count() > 0 &&
          now - last_sent >= bookmark_interval) {
        json bookmark = json::object();
        bookmark["kind"] = json::string("Bookmark");
        bookmark["metadata"] = json::object();
        bookmark["metadata"]["resourceVersion"] = json::string(std::to_string(version));
        from = version;
        lines.push_back(event_line("BOOKMARK", bookmark));
      }
      if (lines.empty()) {
        changed.wait_for(lock, std::chrono::milliseconds(50));
      } else {
        lock.unlock();
        bool written = true;
        for (const auto& line : lines) written = written && write_chunk(socket, line);
        lines.clear();
        last_sent = std::chrono::steady_clock::now();
        lock.lock();
        if (!written) return;
      }
      if (stopping || watch_epoch != epoch || std::chrono::steady_clock::now() > deadline) break;
    }
    lock.unlock();
    asio::write(socket, asio::buffer(std::string("0\r\n\r\n")), ec);
  }

  void serve(std::shared_ptr<tcp::socket> socket) {
    boost::beast::flat_buffer buffer;
    while (true) {
      http::request<http::string_body> request;
      boost::system::error_code ec;
      http::read(*socket, buffer, request, ec);
      if (ec) break;
      const std::string url(request.target());
      const std::string method(request.method_string());
      {
        std::lock_guard lock(mutex);
        request_log.push_back(method + " " + url);
      }
      std::string token;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [this] { return !stalled || stopping; });
        if (stopping) break;
        token = required_token;
      }
      if (!token.empty() && request[http::field::authorization] != "Bearer " + token) {
        http::write(*socket, reply(request, 401, status_body(401, "Unauthorized", "Unauthorized")),
                    ec);
        if (ec) break;
        continue;
      }
      if (auto document = request.method() == http::verb::get
                              ? discovery(url.substr(0, url.find('?')))
                              : std::nullopt) {
        http::write(*socket, reply(request, 200, *document), ec);
        if (ec) break;
        continue;
      }
      auto target = parse_target(url);
      if (!target) {
        http::write(
            *socket,
            reply(request, 404,
                  status_body(404, "NotFound", "the server could not find the requested resource")),
            ec);
        if (ec) break;
        continue;
      }
      if (request.method() == http::verb::get && target->name.empty() &&
          target->query.count("watch") && target->query.at("watch") != "false" &&
          target->query.at("watch") != "0") {
        watch(*socket, *target);
        break;
      }
      int code = 200;
      json body;
      if (request.method() == http::verb::get && target->name.empty()) {
        body = list(*target, code);
      } else if (request.method() == http::verb::get || request.method() == http::verb::delete_) {
        std::lock_guard lock(mutex);
        auto found = request.method() == http::verb::get
                         ? find(target->collection, target->namespace_, target->name)
                         : erase(target->collection, target->namespace_, target->name);
        code = found ? 200 : 404;
        body = found ? *found
                     : status_body(404, "NotFound",
                                   target->collection + " \"" + target->name + "\" not found");
      } else if (request.method() == http::verb::post || request.method() == http::verb::put) {
        std::error_code parse_error;
        json object = json::parse(request.body(), parse_error);
        if (parse_error || !object.is_object() || !object.has_field("metadata")) {
          code = 400;
          body = status_body(400, "BadRequest", "the request body is not a Kubernetes object");
        } else {
          std::lock_guard lock(mutex);
          std::string message;
          const bool status_only = target->subresource == "status";
          if (request.method() == http::verb::post &&
              collections[target->collection].count(
                  key_of(target->namespace_, text_of(object.at("metadata"), "name")))) {
            code = 409;
            message = target->collection + " \"" + text_of(object.at("metadata"), "name") +
                      "\" already exists";
            body = status_body(409, "AlreadyExists", message);
          } else {
            std::string stored = store(*target, object, status_only, code, message);
            body =
                stored.empty()
                    ? status_body(code, code == 409 ? "Conflict" : "Invalid", message)
                    : collections[target->collection].at(key_of(
                          target->namespace_.empty() ? text_of(object.at("metadata"), "namespace")
                                                     : target->namespace_,
                          text_of(object.at("metadata"), "name")));
          }
        }
      } else {
        code = 405;
        body = status_body(405, "MethodNotAllowed",
                           "the server does not allow this method on the requested resource");
      }
      http::write(*socket, reply(request, code, body), ec);
      if (ec || !request.keep_alive()) break;
    }
    boost::system::error_code ignored;
    socket->shutdown(tcp::socket::shutdown_both, ignored);
  }

  void accept_loop() {
    while (true) {
      auto socket = std::make_shared<tcp::socket>(io);
      boost::system::error_code ec;
      acceptor->accept(*socket, ec);
      std::lock_guard lock(mutex);
      if (ec || stopping) return;
      connections.push_back(socket);
      connection_threads.emplace_back([this, socket] { serve(socket); });
    }
  }
};

TestApiServer::TestApiServer() : impl_(std::make_shared<Impl>()) {}

TestApiServer::~TestApiServer() {
  stop();
}

bool TestApiServer::start(std::uint16_t port, std::string& error) {
  stop();
  boost::system::error_code ec;
  auto acceptor = std::make_unique<tcp::acceptor>(impl_->io);
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(endpoint, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + ec.message();
    return false;
  }
  port_ = acceptor->local_endpoint().port();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = false;
  }
  impl_->acceptor = std::move(acceptor);
  impl_->accept_thread = std::thread([impl = impl_] { impl->accept_loop(); });
  return true;
}

void TestApiServer::stop() {
  if (!impl_->acceptor) return;
  std::list<std::thread> threads;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->changed.notify_all();
    boost::system::error_code ignored;
    impl_->acceptor->close(ignored);
    for (auto& socket : impl_->connections) socket->shutdown(tcp::socket::shutdown_both, ignored);
    threads.swap(impl_->connection_threads);
  }
  // accept() does not return on close() alone: poke it.
  {
    boost::system::error_code ignored;
    tcp::socket poke(impl_->io);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
  }
  impl_->accept_thread.join();
  for (auto& thread : threads) thread.join();
  std::lock_guard lock(impl_->mutex);
  impl_->connections.clear();
  impl_->acceptor.reset();
}

std::string TestApiServer::apply(const std::string& collection_path, web::json::value object) {
  auto target = parse_target(collection_path);
  if (!target) return "";
  std::lock_guard lock(impl_->mutex);
  int code = 0;
  std::string message;
  return impl_->store(*target, std::move(object), false, code, message);
}

bool TestApiServer::remove(const std::string& collection_path, const std::string& namespace_,
                           const std::string& name) {
  auto target = parse_target(collection_path);
  if (!target) return false;
  std::lock_guard lock(impl_->mutex);
  return impl_->erase(target->collection, namespace_, name).has_value();
}

std::optional<web::json::value> TestApiServer::get(const std::string& collection_path,
                                                   const std::string& namespace_,
                                                   const std::string& name) {
  auto target = parse_target(collection_path);
  if (!target) return std::nullopt;
  std::lock_guard lock(impl_->mutex);
  return impl_->find(target->collection, namespace_, name);
}

void TestApiServer::drop_watches() {
  std::lock_guard lock(impl_->mutex);
  ++impl_->watch_epoch;
  impl_->changed.notify_all();
}

void TestApiServer::conflict_status_writes(int count) {
  std::lock_guard lock(impl_->mutex);
  impl_->status_conflicts = count;
}

void TestApiServer::stall(bool stalled) {
  std::lock_guard lock(impl_->mutex);
  impl_->stalled = stalled;
  impl_->changed.notify_all();
}

void TestApiServer::require_token(const std::string& token) {
  std::lock_guard lock(impl_->mutex);
  impl_->required_token = token;
}

void TestApiServer::compact() {
  std::lock_guard lock(impl_->mutex);
  impl_->compacted = impl_->version;
  impl_->events.clear();
}

void TestApiServer::set_bookmark_interval(std::chrono::milliseconds interval) {
  std::lock_guard lock(impl_->mutex);
  impl_->bookmark_interval = interval;
}

std::uint64_t TestApiServer::status_writes() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->status_writes;
}

std::uint64_t TestApiServer::requests(const std::string& prefix) const {
  std::lock_guard lock(impl_->mutex);
  std::uint64_t count = 0;
  for (const auto& line : impl_->request_log)
    if (line.rfind(prefix, 0) == 0) ++count;
  return count;
}

}  // namespace lintel::test
