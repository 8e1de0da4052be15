#include "http_client.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "go_host_check.h"
#include "process.h"

namespace lintel::conformance {

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "";
  return text.substr(start, text.find_last_not_of(" \t\r\n") - start + 1);
}

// curl -D writes every response's head (redirects, 100 Continue); the last one counts.
HeaderList last_header_block(const std::string& dump) {
  HeaderList headers;
  std::istringstream lines(dump);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) {
      headers.clear();
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    headers.emplace_back(line.substr(0, colon), trim(line.substr(colon + 1)));
  }
  return headers;
}

std::string curl_error(const std::string& err) {
  std::istringstream lines(err);
  std::string line, last;
  while (std::getline(lines, line)) {
    if (line.rfind("curl: ", 0) == 0) last = line.substr(6);
  }
  return last.empty() ? trim(err) : last;
}

}  // namespace

std::optional<std::string> header_value(const HeaderList& headers, const std::string& name) {
  std::optional<std::string> joined;
  const std::string wanted = lower(name);
  for (const auto& [key, value] : headers) {
    if (lower(key) != wanted) continue;
    joined = joined ? *joined + "," + value : value;
  }
  return joined;
}

HttpResponse send_http(const HttpRequest& request, const std::filesystem::path& scratch) {
  static std::atomic<unsigned long> counter{0};
  const std::string id = std::to_string(++counter);
  const auto body_file = scratch / ("body-" + id);
  const auto header_file = scratch / ("head-" + id);

  const bool tls = request.scheme == "https";
  const std::string authority =
      tls && !request.server_name.empty() ? request.server_name : request.address;
  std::vector<std::string> argv = {"curl",
                                   "--silent",
                                   "--show-error",
                                   "--path-as-is",
                                   "--globoff",
                                   "--max-time",
                                   std::to_string(request.timeout_seconds),
                                   "--output",
                                   body_file.string(),
                                   "--dump-header",
                                   header_file.string(),
                                   "--write-out",
                                   "%{http_code}"};
  if (request.protocol == "H2") {
    argv.push_back("--http2");
  } else if (request.protocol == "H2C_PRIOR_KNOWLEDGE") {
    argv.push_back("--http2-prior-knowledge");
  } else {
    argv.push_back("--http1.1");
  }
  if (request.method == "HEAD") {
    argv.push_back("--head");
  } else if (request.method != "GET" || request.body) {
    argv.insert(argv.end(), {"--request", request.method});
  }
  if (request.follow_redirects) argv.insert(argv.end(), {"--location", "--max-redirs", "10"});
  if (request.host) argv.insert(argv.end(), {"--header", "Host: " + *request.host});
  for (const auto& [name, value] : request.headers)
    argv.insert(argv.end(), {"--header", value.empty() ? name + ";" : name + ": " + value});
  if (request.body) argv.insert(argv.end(), {"--data-raw", *request.body});
  if (tls) {
    if (!request.trusted_ca_file.empty())
      argv.insert(argv.end(), {"--cacert", request.trusted_ca_file});
    if (authority != request.address) {
      argv.insert(argv.end(), {"--resolve", authority + ":" + std::to_string(request.port) + ":" +
                                                request.address});
    }
    if (!request.client_cert_file.empty()) {
      argv.insert(argv.end(), {"--cert", request.client_cert_file, "--key", request.client_key_file,
                               "--verbose"});
    }
  }
  argv.push_back(request.scheme + "://" + authority + ":" + std::to_string(request.port) +
                 request.path);

  Captured run = run_captured(argv, std::chrono::seconds(request.timeout_seconds + 5));
  // curl trusted the chain but not the name; Go, whose check the suite expects, may accept it.
  // Then the same request again, pinned to the trusted certificate's key instead of checking
  // the chain (the trusted file is the self-signed server certificate itself), with the name
  // checked as Go checks it.
  if (tls && run.exit_status == 60 && !request.trusted_ca_file.empty() &&
      run.err.find("no alternative certificate subject name matches") != std::string::npos) {
    const auto names = certificate_dns_names(request.trusted_ca_file);
    const auto public_key = scratch / ("pubkey-" + id + ".pem");
    if (names && go_hostname_matches(*names, authority) &&
        write_public_key(request.trusted_ca_file, public_key)) {
      argv.insert(argv.end() - 1, {"--insecure", "--pinnedpubkey", public_key.string()});
      run = run_captured(argv, std::chrono::seconds(request.timeout_seconds + 5));
    }
    std::error_code ignored;
    std::filesystem::remove(public_key, ignored);
  }
  HttpResponse response;
  response.status = std::atoi(trim(run.out).c_str());
  response.transport_ok = response.status > 0;
  if (!response.transport_ok) {
    response.transport_error = run.exit_status < 0 ? "cannot run curl"
                               : run.timed_out     ? "curl did not finish"
                                                   : curl_error(run.err);
  } else {
    response.headers = last_header_block(read_all(header_file));
    response.body = read_all(body_file);
  }
  response.certificate_requested = run.err.find("Request CERT") != std::string::npos;
  std::error_code ignored;
  std::filesystem::remove(body_file, ignored);
  std::filesystem::remove(header_file, ignored);
  return response;
}

}  // namespace lintel::conformance
