#include "http_request_builder.h"

#include "status_support.h"

namespace lintel::conformance {

std::string with_query_parameter(const std::string& path, const std::string& name,
                                 const std::string& value) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + name + "=" + value;
}

HttpRequest build_request(const Value& check, Environment& env, const std::string& unique_id) {
  const Value& request = check["request"];
  const Value& target = check["target"].is_null() ? request["target"] : check["target"];
  HttpRequest out;
  out.address = target_address(env, target);
  out.scheme = check.str("scheme").empty() ? "http" : check.str("scheme");
  const long listener_port = target["port"].as_long(out.scheme == "https" ? 443 : 80);
  out.port = static_cast<int>(listener_port) + env.lintel.port_offset();
  if (!request["host"].is_null()) {
    out.host = request.str("host");
  } else {
    // The dialled address, without the port when it is the scheme's default (Go's client).
    const bool default_port = (out.scheme == "http" && listener_port == 80) ||
                              (out.scheme == "https" && listener_port == 443);
    out.host = out.address + (default_port ? "" : ":" + std::to_string(listener_port));
  }
  out.method = request.str("method").empty() ? "GET" : request.str("method");
  out.path = request.str("path").empty() ? "/" : request.str("path");
  const Value& unique = check["uniqueQueryParam"];
  if (!unique_id.empty() && !unique.str("name").empty())
    out.path = with_query_parameter(out.path, unique.str("name"), unique_id);
  for (const auto& [name, value] : request["headers"].entries())
    out.headers.emplace_back(name, value.text());
  std::string echo_set;
  for (const auto& [name, value] : check["backendSetResponseHeaders"].entries())
    echo_set += (echo_set.empty() ? "" : ",") + name + ":" + value.text();
  out.headers.emplace_back("X-Echo-Set-Header", echo_set);
  if (!request["body"].is_null()) out.body = request.str("body");
  out.protocol = request.str("protocol");
  out.follow_redirects = request["followRedirects"].as_bool();
  const Value& tls = check["tls"];
  if (out.scheme == "https") {
    out.server_name = tls.str("serverName");
    if (!tls["trustedCA"].is_null())
      out.trusted_ca_file =
          env.certificates.files_for(tls.str("trustedCA"), env.cluster).certificate;
    if (!tls["clientCertificate"].is_null()) {
      const auto files = env.certificates.files_for(tls.str("clientCertificate"), env.cluster);
      out.client_cert_file = files.certificate;
      out.client_key_file = files.key;
    }
  }
  return out;
}

}  // namespace lintel::conformance
