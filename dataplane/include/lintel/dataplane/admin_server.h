#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace lintel::dataplane {

struct AdminResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

using AdminHandlers = std::map<std::string, std::function<AdminResponse()>>;

// The admin port: a few GET endpoints (health, readiness, config dump) on one thread, apart
// from the data-plane workers so a busy proxy still answers its probes.
class AdminServer {
 public:
  // Binds `address`:`port` (port 0 picks a free one). Handlers are called on the admin thread
  // by exact path (query ignored); other paths get 404, other methods 405.
  static std::unique_ptr<AdminServer> start(const std::string& address, std::uint16_t port,
                                            AdminHandlers handlers, std::string& error);
  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  std::uint16_t port() const;
  // Closes the port and joins the thread; safe to call twice.
  void stop();

  // Impl is private to admin_server.cpp, so only start() can build one.
  struct Impl;
  explicit AdminServer(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lintel::dataplane
