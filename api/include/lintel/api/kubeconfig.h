#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::api {

// A kubeconfig file (clientcmd v1 Config), as much of it as a client without exec plugins uses.
// *-data fields are decoded from base64; file paths are kept as written (relative to the
// kubeconfig's folder, as kubectl reads them).
struct KubeconfigCluster {
  std::string name;
  std::string server;
  std::string certificate_authority;       // a file
  std::string certificate_authority_data;  // PEM
  std::string tls_server_name;
  bool insecure_skip_tls_verify = false;
};

struct KubeconfigUser {
  std::string name;
  std::string token;
  std::string token_file;
  std::string client_certificate;       // a file
  std::string client_certificate_data;  // PEM
  std::string client_key;               // a file
  std::string client_key_data;          // PEM
  bool exec = false;                    // an exec credential plugin, which Lintel does not run
  bool auth_provider = false;           // a legacy auth-provider, likewise
};

struct KubeconfigContext {
  std::string name;
  std::string cluster;
  std::string user;
  std::string namespace_;
};

struct Kubeconfig {
  std::vector<KubeconfigCluster> clusters;
  std::vector<KubeconfigUser> users;
  std::vector<KubeconfigContext> contexts;
  std::string current_context;

  const KubeconfigContext* context(const std::string& name) const;
  const KubeconfigCluster* cluster(const std::string& name) const;
  const KubeconfigUser* user(const std::string& name) const;
};

// Nullopt with `error` naming the file and the field ("config: clusters[0].cluster.server:
// ...") when the text is not a kubeconfig.
std::optional<Kubeconfig> parse_kubeconfig(std::string_view text, std::string_view file,
                                           std::string& error);

}  // namespace lintel::api
