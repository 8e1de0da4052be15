// Measures how long a manifest change takes to reach traffic: from the rename that publishes
// a new manifest file to the first response served by the new backend, over a keep-alive
// connection that polls without pause. `lintel run` serves N routes besides the probe route,
// so the figure includes decoding, converting, translating and compiling at that size.
//
//   lintel_swap_bench --lintel build/cmd/lintel/lintel --routes 5000 --swaps 100 [--load 1]
//
// Prints p50, p90, p99 and max over the swaps, and exits non-zero when a swap does not land
// within 5 s or a probe request fails. With --load 1, wrk (32 keep-alive connections) sends
// traffic to the route being swapped the whole time, and any non-2xx answer or socket error
// it saw fails the run: swaps must drop nothing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "lintel/dataplane/echo_server.h"

extern "C" char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string lintel = "build/cmd/lintel/lintel";
  int routes = 5000;
  int swaps = 100;
  int workers = 1;
  bool load = false;
};

std::optional<Options> parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--lintel")
      options.lintel = value;
    else if (flag == "--routes")
      options.routes = std::atoi(value.c_str());
    else if (flag == "--swaps")
      options.swaps = std::atoi(value.c_str());
    else if (flag == "--workers")
      options.workers = std::atoi(value.c_str());
    else if (flag == "--load")
      options.load = value == "1";
    else
      return std::nullopt;
  }
  if (argc % 2 == 0 || options.routes < 0 || options.swaps < 1) return std::nullopt;
  return options;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// A keep-alive HTTP/1.1 client on a blocking socket, enough to read the echo backend's JSON.
class Client {
 public:
  ~Client() { disconnect(); }
  bool connect_to(int port) {
    disconnect();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  void disconnect() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
    buffer_.clear();
  }
  // The status and body of GET / for `host`; status 0 when the connection failed.
  std::pair<int, std::string> get(const std::string& host, const std::string& path = "/") {
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    if (fd_ < 0 || send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
                       static_cast<ssize_t>(request.size())) {
      return {0, ""};
    }
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return {0, ""};
    }
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    int status = std::atoi(head.c_str() + 9);
    size_t length = 0;
    if (auto at = head.find("Content-Length: "); at != std::string::npos)
      length = std::strtoul(head.c_str() + at + 16, nullptr, 10);
    while (buffer_.size() < length) {
      if (!fill()) return {0, ""};
    }
    std::string body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return {status, body};
  }

 private:
  bool fill() {
    char chunk[16384];
    ssize_t n = recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }
  int fd_ = -1;
  std::string buffer_;
};

std::string service_of(const std::string& body) {
  auto at = body.find("\"service\": \"");
  if (at == std::string::npos) return "";
  at += 12;
  return body.substr(at, body.find('"', at) - at);
}

void write_file(const fs::path& path, const std::string& text) {
  fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".tmp");
  std::ofstream(temporary) << text;
  fs::rename(temporary, path);
}

std::string backend(const std::string& name, int port) {
  return "apiVersion: v1\nkind: Service\nmetadata: {name: " + name +
         "}\nspec: {ports: [{name: http, port: 80}]}\n---\n"
         "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " +
         name + "\n  labels: {kubernetes.io/service-name: " + name +
         "}\naddressType: IPv4\nports: [{name: http, port: " + std::to_string(port) +
         "}]\nendpoints: [{addresses: [127.0.0.1]}]\n";
}

std::string ingress(const std::string& name, const std::string& host, const std::string& service) {
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: " + name +
         "}\nspec:\n  rules:\n  - host: " + host +
         "\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: "
         "{name: " +
         service + ", port: {number: 80}}}}\n";
}

pid_t spawn(std::vector<std::string> args, const std::string& output) {
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), ::environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// The number after `label` in wrk's report, 0 when wrk did not print the line.
long wrk_count(const std::string& report, const std::string& label) {
  auto at = report.find(label);
  return at == std::string::npos ? 0 : std::atol(report.c_str() + at + label.size());
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t index = std::min(values.size() - 1,
                          static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5));
  return values[index];
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse(argc, argv);
  if (!options) {
    std::fprintf(stderr,
                 "usage: %s [--lintel PATH] [--routes N] [--swaps K] [--workers W] [--load 0|1]\n",
                 argv[0]);
    return 2;
  }
  std::string error;
  lintel::dataplane::EchoOptions echo;
  echo.listen = "127.0.0.1:0";
  echo.log_requests = false;
  echo.name = "blue";
  auto blue = lintel::dataplane::EchoServer::start(echo, error);
  echo.name = "green";
  auto green = lintel::dataplane::EchoServer::start(echo, error);
  if (!blue || !green) {
    std::fprintf(stderr, "echo backends: %s\n", error.c_str());
    return 1;
  }

  fs::path folder = fs::temp_directory_path() / ("lintel-swap-bench-" + std::to_string(getpid()));
  fs::create_directories(folder);
  write_file(folder / "backends.yaml",
             backend("blue", blue->port()) + "---\n" + backend("green", green->port()));
  std::string routes;
  for (int i = 0; i < options->routes; ++i) {
    if (i) routes += "---\n";
    routes +=
        ingress("route-" + std::to_string(i), "h" + std::to_string(i) + ".example.com", "blue");
  }
  write_file(folder / "routes.yaml", routes);
  write_file(folder / "probe.yaml", ingress("probe", "probe.example.com", "blue"));

  int http_port = free_port();
  int admin_port = free_port();
  std::vector<std::string> args = {options->lintel,  "run",
                                   "--manifests",    folder.string(),
                                   "--bind-address", "127.0.0.1",
                                   "--http-port",    std::to_string(http_port),
                                   "--admin-port",   std::to_string(admin_port),
                                   "--workers",      std::to_string(options->workers)};
  std::string log = (folder / "lintel.log").string();
  pid_t pid = spawn(args, log);
  if (pid < 0) {
    std::fprintf(stderr, "cannot start %s\n", options->lintel.c_str());
    return 1;
  }
  auto stop = [&] {
    kill(pid, SIGTERM);
    for (int i = 0; i < 100 && waitpid(pid, nullptr, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    // LINTEL_SWAP_BENCH_LOG=FILE keeps lintel's log (its "snapshot applied" lines time each phase).
    if (const char* keep = std::getenv("LINTEL_SWAP_BENCH_LOG"))
      fs::copy_file(log, keep, fs::copy_options::overwrite_existing);
    fs::remove_all(folder);
  };

  Client client;
  auto start = Clock::now();
  bool ready = false;
  while (!ready && Clock::now() - start < std::chrono::seconds(60)) {
    Client admin;
    ready = admin.connect_to(admin_port) && admin.get("localhost", "/readyz").first == 200;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  double startup = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (!ready || !client.connect_to(http_port)) {
    std::fprintf(stderr, "lintel did not become ready; see its log\n");
    stop();
    return 1;
  }

  pid_t wrk = -1;
  std::string wrk_report = (folder / "wrk.txt").string();
  int load_seconds = 5 + options->swaps / 10;
  if (options->load) {
    wrk = spawn({"wrk", "-t1", "-c32", "-d" + std::to_string(load_seconds) + "s", "-H",
                 "Host: probe.example.com", "http://127.0.0.1:" + std::to_string(http_port) + "/"},
                wrk_report);
    if (wrk < 0) {
      std::fprintf(stderr, "cannot start wrk (apt-get install wrk)\n");
      stop();
      return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }

  std::vector<double> latencies;
  long probes = 0;
  int failures = 0;
  for (int swap = 0; swap < options->swaps && failures == 0; ++swap) {
    std::string target = swap % 2 == 0 ? "green" : "blue";
    auto t0 = Clock::now();
    write_file(folder / "probe.yaml", ingress("probe", "probe.example.com", target));
    while (true) {
      auto [status, body] = client.get("probe.example.com");
      ++probes;
      if (status != 200) {
        std::fprintf(stderr, "swap %d: probe answered %d\n", swap, status);
        ++failures;
        break;
      }
      if (service_of(body) == target) break;
      if (Clock::now() - t0 > std::chrono::seconds(5)) {
        std::fprintf(stderr, "swap %d: not applied within 5 s\n", swap);
        ++failures;
        break;
      }
    }
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::string load_summary;
  if (wrk > 0) {
    int status = 0;
    waitpid(wrk, &status, 0);
    std::ifstream in(wrk_report);
    std::string report((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    long requests = 0;
    if (auto at = report.find(" requests in "); at != std::string::npos) {
      size_t line = report.rfind('\n', at);
      requests = std::atol(report.c_str() + (line == std::string::npos ? 0 : line + 1));
    }
    long non_2xx = wrk_count(report, "Non-2xx or 3xx responses: ");
    bool socket_errors = report.find("Socket errors") != std::string::npos;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || non_2xx > 0 || socket_errors ||
        requests == 0) {
      std::fprintf(stderr, "load during the swaps was not clean:\n%s\n", report.c_str());
      ++failures;
    }
    load_summary = "load: wrk sent " + std::to_string(requests) +
                   " requests to the swapped route in " + std::to_string(load_seconds) +
                   " s: " + std::to_string(non_2xx) + " non-2xx, " +
                   (socket_errors ? "some" : "no") + " socket errors\n";
  }
  stop();
  std::fputs(load_summary.c_str(), stdout);
  std::printf("routes %d, swaps %zu, probe requests %ld, failures %d, startup to ready %.0f ms\n",
              options->routes, latencies.size(), probes, failures, startup);
  std::printf(
      "manifest change to traffic on the new route (ms): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
      percentile(latencies, 0.5), percentile(latencies, 0.9), percentile(latencies, 0.99),
      *std::max_element(latencies.begin(), latencies.end()));
  blue->stop();
  green->stop();
  return failures == 0 ? 0 : 1;
}
