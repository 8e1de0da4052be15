#include "certificates.h"

#include <arpa/inet.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "base64.h"
#include "process.h"

namespace lintel::conformance {

namespace {

enum class Role { kAuthority, kServer, kClient };

struct Wanted {
  Role role;
  const char* kind;  // Secret or ConfigMap
  const char* namespace_;
  const char* name;
  std::vector<std::string> hosts;
  const char* signer;  // "ns/name" of the authority's ConfigMap, or nullptr for self-signed
};

// Upstream's setup, in its order: authorities before what they sign.
const std::vector<Wanted>& wanted() {
  static const std::vector<Wanted> list = {
      {Role::kServer, "Secret", "gateway-conformance-web-backend", "certificate", {"*"}, nullptr},
      {Role::kServer,
       "Secret",
       "gateway-conformance-infra",
       "tls-validity-checks-certificate",
       {"*", "*.org", "*.wildcard.org"},
       nullptr},
      {Role::kAuthority,
       "ConfigMap",
       "gateway-conformance-web-backend",
       "web-backend-cm",
       {},
       nullptr},
      {Role::kAuthority,
       "ConfigMap",
       "gateway-conformance-infra",
       "tls-validity-checks-ca-certificate",
       {},
       nullptr},
      {Role::kClient,
       "Secret",
       "gateway-conformance-infra",
       "tls-validity-checks-client-certificate",
       {},
       "gateway-conformance-infra/tls-validity-checks-ca-certificate"},
      {Role::kAuthority,
       "ConfigMap",
       "gateway-conformance-infra",
       "tls-validity-checks-per-port-ca-certificate",
       {},
       nullptr},
      {Role::kClient,
       "Secret",
       "gateway-conformance-infra",
       "tls-validity-checks-per-port-client-certificate",
       {},
       "gateway-conformance-infra/tls-validity-checks-per-port-ca-certificate"},
      {Role::kAuthority,
       "ConfigMap",
       "gateway-conformance-infra",
       "tls-checks-ca-certificate",
       {},
       nullptr},
      {Role::kServer,
       "Secret",
       "gateway-conformance-infra",
       "tls-checks-certificate",
       {"abc.example.com", "spiffe://abc.example.com/test-identity", "other.example.com"},
       "gateway-conformance-infra/tls-checks-ca-certificate"},
      {Role::kClient,
       "Secret",
       "gateway-conformance-infra",
       "tls-checks-client-certificate",
       {},
       "gateway-conformance-infra/tls-checks-ca-certificate"},
      {Role::kServer,
       "Secret",
       "gateway-conformance-infra",
       "tls-passthrough-checks-certificate",
       {"abc.example.com"},
       "gateway-conformance-infra/tls-checks-ca-certificate"},
      {Role::kServer,
       "Secret",
       "gateway-conformance-app-backend",
       "tls-passthrough-checks-certificate",
       {"abc.example.com"},
       "gateway-conformance-infra/tls-checks-ca-certificate"},
      {Role::kServer,
       "Secret",
       "gateway-conformance-infra",
       "tls-terminate-checks-certificate",
       {"tls.example.com"},
       "gateway-conformance-infra/tls-checks-ca-certificate"},
      {Role::kAuthority,
       "ConfigMap",
       "gateway-conformance-infra",
       "mismatch-ca-certificate",
       {},
       nullptr},
  };
  return list;
}

bool is_dns_name(const std::string& host) {
  std::string name = host.rfind("*.", 0) == 0 ? host.substr(2) : host;
  if (name.empty() || name.size() > 253) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  }
  return name.front() != '.' && name.back() != '.' && name.find("..") == std::string::npos;
}

std::string subject_alt_names(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& host : hosts) {
    unsigned char address[16];
    std::string entry;
    if (inet_pton(AF_INET, host.c_str(), address) == 1 ||
        inet_pton(AF_INET6, host.c_str(), address) == 1) {
      entry = "IP:" + host;
    } else if (host == "*" || is_dns_name(host)) {
      entry = "DNS:" + host;
    } else {
      entry = "URI:" + host;
    }
    out += (out.empty() ? "" : ",") + entry;
  }
  return out;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_all(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

Value object_head(const char* kind, const char* namespace_, const char* name) {
  Value object = Value::map();
  object.set("apiVersion", Value::string("v1"));
  object.set("kind", Value::string(kind));
  Value metadata = Value::map();
  metadata.set("name", Value::string(name));
  metadata.set("namespace", Value::string(namespace_));
  object.set("metadata", std::move(metadata));
  return object;
}

}  // namespace

bool Certificates::create(Cluster& cluster, std::string& error) {
  std::filesystem::create_directories(folder_);
  for (const Wanted& item : wanted()) {
    const std::string stem = std::string(item.namespace_) + "_" + item.name;
    CertificateFiles files{(folder_ / (stem + ".crt")).string(),
                           (folder_ / (stem + ".key")).string()};
    std::vector<std::string> argv = {
        "openssl", "req",     "-x509", "-newkey",        "rsa:2048",
        "-nodes",  "-days",   "365",   "-subj",          "/CN=default/O=Acme Co",
        "-keyout", files.key, "-out",  files.certificate};
    if (item.role == Role::kAuthority) {
      argv.insert(argv.end(), {"-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                               "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"});
    } else {
      argv.insert(argv.end(),
                  {"-addext", item.role == Role::kServer ? "extendedKeyUsage=serverAuth"
                                                         : "extendedKeyUsage=clientAuth"});
      if (!item.hosts.empty())
        argv.insert(argv.end(), {"-addext", "subjectAltName=" + subject_alt_names(item.hosts)});
    }
    if (item.signer) {
      const auto& authority = by_object_["ConfigMap " + std::string(item.signer)];
      argv.insert(argv.end(), {"-CA", authority.certificate, "-CAkey", authority.key});
    }
    const Captured run = run_captured(argv, std::chrono::seconds(30));
    if (run.exit_status != 0) {
      error = "openssl could not make " + std::string(item.kind) + " " + item.namespace_ + "/" +
              item.name + ": " + run.err;
      return false;
    }
    const std::string certificate = read_all(files.certificate);
    const std::string key = read_all(files.key);
    Value object = object_head(item.kind, item.namespace_, item.name);
    Value data = Value::map();
    if (item.role == Role::kAuthority) {
      data.set("ca.crt", Value::string(certificate));
      data.set("key.crt", Value::string(key));
    } else {
      object.set("type", Value::string("kubernetes.io/tls"));
      data.set("tls.crt", Value::string(base64_encode(certificate)));
      data.set("tls.key", Value::string(base64_encode(key)));
    }
    object.set("data", std::move(data));
    cluster.apply(std::move(object));
    by_object_[std::string(item.kind) + " " + item.namespace_ + "/" + item.name] = files;
  }
  return true;
}

CertificateFiles Certificates::files_for(const std::string& phrase, const Cluster& cluster) {
  // "<what> of <Kind> <ns>/<name>"
  const size_t of = phrase.rfind(" of ");
  if (of == std::string::npos) return {};
  const std::string object = phrase.substr(of + 4);
  std::lock_guard lock(mutex_);
  if (auto found = by_object_.find(object); found != by_object_.end()) return found->second;
  const size_t space = object.find(' ');
  const size_t slash = object.find('/');
  if (space == std::string::npos || slash == std::string::npos) return {};
  const std::string kind = object.substr(0, space);
  const ObjectRef ref{"", kind, object.substr(space + 1, slash - space - 1),
                      object.substr(slash + 1)};
  const Value* stored = cluster.get(ref);
  if (!stored) return {};
  const Value& data = (*stored)["data"];
  CertificateFiles files;
  const std::string stem = (folder_ / (ref.namespace_ + "_" + ref.name)).string();
  if (kind == "Secret") {
    write_all(stem + ".crt", base64_decode(data.str("tls.crt")).value_or(""));
    write_all(stem + ".key", base64_decode(data.str("tls.key")).value_or(""));
    files = {stem + ".crt", stem + ".key"};
  } else {
    write_all(stem + ".crt", data.str("ca.crt"));
    files = {stem + ".crt", ""};
  }
  by_object_[object] = files;
  return files;
}

}  // namespace lintel::conformance
