#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lintel::conformance {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string scheme = "http";      // http | https
  std::string address;              // where to connect: the Gateway's address
  int port = 0;                     // real port (after Lintel's offset)
  std::optional<std::string> host;  // Host header; unset = curl's default
  std::string server_name;          // https: SNI and the name the certificate must match
  std::string method = "GET";
  std::string path = "/";
  HeaderList headers;  // each sent once; an empty value is sent empty
  std::optional<std::string> body;
  std::string protocol;  // "", "H2" (TLS + ALPN h2) or "H2C_PRIOR_KNOWLEDGE"
  bool follow_redirects = false;
  std::string trusted_ca_file;   // https: the only CA trusted
  std::string client_cert_file;  // https: offered only when the server asks
  std::string client_key_file;
  int timeout_seconds = 10;
};

struct HttpResponse {
  bool transport_ok = false;
  std::string transport_error;  // curl's message when there is no HTTP response
  int status = 0;
  HeaderList headers;  // of the last response (after redirects)
  std::string body;
  bool certificate_requested = false;  // the TLS server asked for a client certificate
};

// Sends one request with curl on the wire (HTTP/1.1 unless the protocol says HTTP/2) and
// returns the last response. Thread-safe; `scratch` holds the temporary body and header files.
HttpResponse send_http(const HttpRequest& request, const std::filesystem::path& scratch);

// The values of header `name` (case-insensitive) joined with ",", or nullopt when absent.
std::optional<std::string> header_value(const HeaderList& headers, const std::string& name);

}  // namespace lintel::conformance
