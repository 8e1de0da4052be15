#include "admin_client.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <memory>

#include "host_port.h"

namespace lintel::cmd {

namespace {

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) close(fd);
  }
};

int connect_to(const std::string& host, const std::string& port, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    error = host + ": " + gai_strerror(rc);
    return -1;
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, freeaddrinfo);
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // A wedged server must not hang the command.
    timeval timeout{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) return fd;
    error = std::strerror(errno);
    close(fd);
  }
  error = "cannot connect to " + host + ":" + port + ": " + error;
  return -1;
}

}  // namespace

bool admin_get(const std::string& host_port, const std::string& path, std::string& body,
               std::string& error) {
  std::string host, port;
  if (!split_host_port(host_port, host, port, error)) return false;
  FdCloser socket{connect_to(host, port, error)};
  if (socket.fd < 0) return false;
  std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: " + host_port + "\r\nConnection: close\r\n\r\n";
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = send(socket.fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      error = std::string("sending the request: ") + std::strerror(errno);
      return false;
    }
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[16 * 1024];
  for (ssize_t n; (n = recv(socket.fd, buffer, sizeof buffer, 0)) != 0;) {
    if (n < 0) {
      error = std::string("reading the answer: ") + std::strerror(errno);
      return false;
    }
    response.append(buffer, static_cast<size_t>(n));
  }
  size_t head_end = response.find("\r\n\r\n");
  if (response.compare(0, 5, "HTTP/") != 0 || head_end == std::string::npos) {
    error = "not an HTTP answer";
    return false;
  }
  std::string status_line = response.substr(0, response.find("\r\n"));
  if (status_line.find(" 200") == std::string::npos) {
    error = path + ": " + status_line;
    return false;
  }
  body = response.substr(head_end + 4);
  return true;
}

}  // namespace lintel::cmd
