#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace lintel::dataplane {

struct EchoOptions {
  std::string name;  // reported as "service"
  std::string pod;   // reported as "pod"; empty means `name`
  std::string namespace_ = "default";
  std::string ingress;
  std::string listen = "0.0.0.0:3000";  // "HOST:PORT" or "[v6]:PORT"; port 0 picks a free one
  unsigned workers = 1;
  // One "Echoing back request made to ..." line per request on stdout, as the conformance
  // echo backend prints (the mirror tests count them).
  bool log_requests = true;
};

// The conformance suite's echo backend (echo-basic) in-process: answers every request with a
// JSON description of what it received, so tests can tell which backend served a request and
// what the gateway changed on the way.
class EchoServer {
 public:
  // Binds and starts serving; null with `error` set when the address is bad or cannot be bound.
  static std::unique_ptr<EchoServer> start(const EchoOptions& options, std::string& error);
  ~EchoServer();
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  std::uint16_t port() const;
  // Stops accepting, drops open connections and joins the workers; safe to call twice.
  void stop();

  // Impl is private to echo_server.cpp, so only start() can build one.
  struct Impl;
  explicit EchoServer(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lintel::dataplane
