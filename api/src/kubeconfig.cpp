#include "lintel/api/kubeconfig.h"

#include <functional>

#include "base64.h"
#include "yaml_tree.h"

namespace lintel::api {

namespace {

using detail::YamlNode;

// Reads one mapping's fields by name; unknown fields are left alone, as kubectl does (kubeconfig
// files carry other tools' extensions).
class Reader {
 public:
  Reader(std::string file, std::string& error) : file_(std::move(file)), error_(error) {}

  bool fail(const std::string& path, const std::string& why) {
    if (error_.empty()) error_ = file_ + ": " + path + ": " + why;
    return false;
  }

  const YamlNode* field(const YamlNode& mapping, std::string_view name) {
    for (const auto& [key, value] : mapping.entries)
      if (key->scalar == name) return value->is_null() ? nullptr : value.get();
    return nullptr;
  }

  bool text(const YamlNode& mapping, std::string_view name, const std::string& path,
            std::string& out) {
    const YamlNode* value = field(mapping, name);
    if (!value) return true;
    if (value->kind != YamlNode::Kind::kScalar)
      return fail(path + "." + std::string(name), "must be a string");
    out = value->scalar;
    return true;
  }

  bool bytes(const YamlNode& mapping, std::string_view name, const std::string& path,
             std::string& out) {
    std::string encoded;
    if (!text(mapping, name, path, encoded) || encoded.empty()) return error_.empty();
    size_t bad_at = 0;
    auto decoded = detail::decode_base64(encoded, bad_at);
    if (!decoded)
      return fail(path + "." + std::string(name),
                  "illegal base64 data at input byte " + std::to_string(bad_at));
    out = std::move(*decoded);
    return true;
  }

  bool flag(const YamlNode& mapping, std::string_view name, const std::string& path, bool& out) {
    const YamlNode* value = field(mapping, name);
    if (!value) return true;
    if (value->kind != YamlNode::Kind::kScalar ||
        (value->scalar != "true" && value->scalar != "false"))
      return fail(path + "." + std::string(name), "must be true or false");
    out = value->scalar == "true";
    return true;
  }

  // Each `{name: ..., <inner>: {...}}` entry of the list `name`.
  bool named_list(const YamlNode& root, std::string_view name, std::string_view inner,
                  const std::function<bool(const std::string& entry_name, const YamlNode& body,
                                           const std::string& path)>& each) {
    const YamlNode* list = field(root, name);
    if (!list) return true;
    if (list->kind != YamlNode::Kind::kSequence) return fail(std::string(name), "must be a list");
    for (size_t i = 0; i < list->items.size(); ++i) {
      const std::string path = std::string(name) + "[" + std::to_string(i) + "]";
      const YamlNode& entry = *list->items[i];
      if (entry.kind != YamlNode::Kind::kMapping) return fail(path, "must be a mapping");
      std::string entry_name;
      if (!text(entry, "name", path, entry_name)) return false;
      if (entry_name.empty()) return fail(path + ".name", "Required value");
      const YamlNode* body = field(entry, inner);
      static const YamlNode empty = [] {
        YamlNode node;
        node.kind = YamlNode::Kind::kMapping;
        return node;
      }();
      if (body && body->kind != YamlNode::Kind::kMapping)
        return fail(path + "." + std::string(inner), "must be a mapping");
      if (!each(entry_name, body ? *body : empty, path + "." + std::string(inner))) return false;
    }
    return true;
  }

 private:
  std::string file_;
  std::string& error_;
};

template <typename T>
const T* find_named(const std::vector<T>& list, const std::string& name) {
  for (const auto& entry : list)
    if (entry.name == name) return &entry;
  return nullptr;
}

}  // namespace

const KubeconfigContext* Kubeconfig::context(const std::string& name) const {
  return find_named(contexts, name);
}
const KubeconfigCluster* Kubeconfig::cluster(const std::string& name) const {
  return find_named(clusters, name);
}
const KubeconfigUser* Kubeconfig::user(const std::string& name) const {
  return find_named(users, name);
}

std::optional<Kubeconfig> parse_kubeconfig(std::string_view text, std::string_view file,
                                           std::string& error) {
  error.clear();
  detail::YamlStream stream = detail::parse_yaml_stream(text);
  if (stream.error) {
    error =
        std::string(file) + ": line " + std::to_string(stream.error_line) + ": " + *stream.error;
    return std::nullopt;
  }
  Reader read{std::string(file), error};
  if (stream.documents.empty() || stream.documents[0]->kind != YamlNode::Kind::kMapping) {
    read.fail("(root)", "a kubeconfig is a mapping with clusters, users and contexts");
    return std::nullopt;
  }
  const YamlNode& root = *stream.documents[0];
  Kubeconfig out;
  bool ok = read.text(root, "current-context", "", out.current_context);
  ok = ok &&
       read.named_list(root, "clusters", "cluster",
                       [&](const std::string& name, const YamlNode& body, const std::string& path) {
                         KubeconfigCluster cluster;
                         cluster.name = name;
                         return read.text(body, "server", path, cluster.server) &&
                                read.text(body, "certificate-authority", path,
                                          cluster.certificate_authority) &&
                                read.bytes(body, "certificate-authority-data", path,
                                           cluster.certificate_authority_data) &&
                                read.text(body, "tls-server-name", path, cluster.tls_server_name) &&
                                read.flag(body, "insecure-skip-tls-verify", path,
                                          cluster.insecure_skip_tls_verify) &&
                                (out.clusters.push_back(std::move(cluster)), true);
                       });
  ok = ok && read.named_list(
                 root, "users", "user",
                 [&](const std::string& name, const YamlNode& body, const std::string& path) {
                   KubeconfigUser user;
                   user.name = name;
                   user.exec = read.field(body, "exec") != nullptr;
                   user.auth_provider = read.field(body, "auth-provider") != nullptr;
                   return read.text(body, "token", path, user.token) &&
                          read.text(body, "tokenFile", path, user.token_file) &&
                          read.text(body, "client-certificate", path, user.client_certificate) &&
                          read.bytes(body, "client-certificate-data", path,
                                     user.client_certificate_data) &&
                          read.text(body, "client-key", path, user.client_key) &&
                          read.bytes(body, "client-key-data", path, user.client_key_data) &&
                          (out.users.push_back(std::move(user)), true);
                 });
  ok = ok &&
       read.named_list(root, "contexts", "context",
                       [&](const std::string& name, const YamlNode& body, const std::string& path) {
                         KubeconfigContext context;
                         context.name = name;
                         return read.text(body, "cluster", path, context.cluster) &&
                                read.text(body, "user", path, context.user) &&
                                read.text(body, "namespace", path, context.namespace_) &&
                                (out.contexts.push_back(std::move(context)), true);
                       });
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace lintel::api
