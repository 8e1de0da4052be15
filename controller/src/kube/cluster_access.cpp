#include "cluster_access.h"

#include <cstdlib>
#include <filesystem>

#include "lintel/api/kubeconfig.h"
#include "lintel/support/file.h"

namespace lintel::controller::kube {

namespace {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::string& out, std::string& error) {
  auto text = support::read_file(path);
  if (!text) {
    error = "cannot read " + path.string();
    return false;
  }
  out = std::move(*text);
  return true;
}

// Inline data wins over a file, as in kubectl.
bool data_or_file(const std::string& data, const std::string& file, const fs::path& folder,
                  std::string& out, std::string& error) {
  if (!data.empty()) {
    out = data;
    return true;
  }
  if (file.empty()) return true;
  const fs::path path = fs::path(file).is_absolute() ? fs::path(file) : folder / file;
  return read_file(path, out, error);
}

}  // namespace

std::optional<KubeconfigAccess> access_from_kubeconfig(const std::string& path,
                                                       const std::string& context_name,
                                                       std::string& error) {
  std::string text;
  if (!read_file(path, text, error)) return std::nullopt;
  auto config = api::parse_kubeconfig(text, path, error);
  if (!config) return std::nullopt;
  const std::string chosen = context_name.empty() ? config->current_context : context_name;
  if (chosen.empty()) {
    error = path + ": no current-context, and no context was chosen (--kube-context)";
    return std::nullopt;
  }
  const api::KubeconfigContext* context = config->context(chosen);
  if (!context) {
    error = path + ": context \"" + chosen + "\" does not exist";
    return std::nullopt;
  }
  const api::KubeconfigCluster* cluster = config->cluster(context->cluster);
  if (!cluster || cluster->server.empty()) {
    error = path + ": context \"" + chosen + "\" names cluster \"" + context->cluster +
            "\", which " + (cluster ? "has no server" : "does not exist");
    return std::nullopt;
  }
  const fs::path folder = fs::path(path).parent_path();
  KubeconfigAccess out;
  out.namespace_ = context->namespace_;
  out.access.server = cluster->server;
  out.access.insecure_skip_tls_verify = cluster->insecure_skip_tls_verify;
  if (!data_or_file(cluster->certificate_authority_data, cluster->certificate_authority, folder,
                    out.access.certificate_authority_pem, error))
    return std::nullopt;
  if (const api::KubeconfigUser* user = config->user(context->user)) {
    out.access.token = user->token;
    if (!user->token_file.empty())
      out.access.token_file = fs::path(user->token_file).is_absolute()
                                  ? user->token_file
                                  : (folder / user->token_file).string();
    if (!data_or_file(user->client_certificate_data, user->client_certificate, folder,
                      out.access.client_certificate_pem, error) ||
        !data_or_file(user->client_key_data, user->client_key, folder, out.access.client_key_pem,
                      error))
      return std::nullopt;
    const bool has_credentials = !out.access.token.empty() || !out.access.token_file.empty() ||
                                 !out.access.client_certificate_pem.empty();
    if (!has_credentials && (user->exec || user->auth_provider)) {
      error = path + ": user \"" + user->name + "\" authenticates with " +
              (user->exec ? "an exec plugin" : "an auth-provider") +
              ", which Lintel does not run; give it a token, a tokenFile or a client "
              "certificate (for example a service account's token)";
      return std::nullopt;
    }
  } else if (!context->user.empty()) {
    error = path + ": context \"" + chosen + "\" names user \"" + context->user +
            "\", which does not exist";
    return std::nullopt;
  }
  return out;
}

std::optional<ClusterAccess> access_in_cluster(std::string& error, const std::string& secrets) {
  const char* host = std::getenv("KUBERNETES_SERVICE_HOST");
  const char* port = std::getenv("KUBERNETES_SERVICE_PORT");
  if (!host || !port || !*host || !*port) {
    error = "not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set";
    return std::nullopt;
  }
  ClusterAccess out;
  const std::string address = std::string(host).find(':') != std::string::npos
                                  ? "[" + std::string(host) + "]"
                                  : std::string(host);
  out.server = "https://" + address + ":" + port;
  out.token_file = (fs::path(secrets) / "token").string();
  std::string token;
  if (!read_file(out.token_file, token, error)) return std::nullopt;
  if (!read_file(fs::path(secrets) / "ca.crt", out.certificate_authority_pem, error))
    return std::nullopt;
  return out;
}

}  // namespace lintel::controller::kube
