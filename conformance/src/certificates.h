#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <string>

#include "cluster.h"

namespace lintel::conformance {

// PEM files of a certificate the suite made.
struct CertificateFiles {
  std::string certificate;
  std::string key;
};

// The Secrets and ConfigMaps upstream's suite creates in code at setup (listed in the reference
// README: RSA 2048, one year, CN default, O Acme Co), made with the openssl command and applied
// to the cluster. Their files are what TLS checks trust and present.
class Certificates {
 public:
  explicit Certificates(std::filesystem::path folder) : folder_(std::move(folder)) {}

  bool create(Cluster& cluster, std::string& error);

  // "tls.crt of Secret ns/name", "ca.crt of ConfigMap ns/name", "tls.crt + tls.key of Secret
  // ns/name": the files holding what the phrase names; Secrets applied by tests are read from
  // the cluster. Empty certificate when unknown.
  CertificateFiles files_for(const std::string& phrase, const Cluster& cluster);

 private:
  std::filesystem::path folder_;
  std::mutex mutex_;                                   // files_for runs on the check threads
  std::map<std::string, CertificateFiles> by_object_;  // "Secret ns/name" -> files
};

}  // namespace lintel::conformance
