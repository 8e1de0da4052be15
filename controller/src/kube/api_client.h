#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace lintel::controller::kube {

// How to reach a Kubernetes API server: from a kubeconfig, or in-cluster (kube_config.h).
struct ClusterAccess {
  std::string server;  // "https://10.0.0.1:443"
  std::string certificate_authority_pem;
  bool insecure_skip_tls_verify = false;
  std::string token;       // a bearer token as given
  std::string token_file;  // re-read before each request when set (service-account rotation)
  std::string client_certificate_pem;
  std::string client_key_pem;
};

struct ApiResponse {
  int status = 0;    // the HTTP status; 0 when no answer came
  std::string body;  // the answer, or what went wrong when status is 0
};

// The Kubernetes API over HTTP(S) with JSON, on cpprestsdk. Safe to use from several threads.
class ApiClient {
 public:
  explicit ApiClient(ClusterAccess access);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // Each call gives up after `timeout` without an answer (status 0).
  ApiResponse get(const std::string& path_and_query,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ApiResponse put(const std::string& path, const std::string& json,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ApiResponse post(const std::string& path, const std::string& json,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

  // A watch: `on_event` gets each event line (one JSON object) as it arrives, and returns false
  // to stop. Ends when the server ends the stream, on `idle_timeout` without a byte, on a
  // transport error (status 0) or after cancel_watches(). A non-200 answer is returned whole.
  ApiResponse watch(const std::string& path_and_query,
                    const std::function<bool(const std::string& event)>& on_event,
                    std::chrono::seconds idle_timeout);
  // Ends every watch in progress, from any thread (on shutdown).
  void cancel_watches();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lintel::controller::kube
