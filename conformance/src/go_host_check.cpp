#include "go_host_check.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>

#include "process.h"

namespace lintel::conformance {

namespace {

std::vector<std::string> labels_of(std::string_view name) {
  std::vector<std::string> labels;
  std::string label;
  for (char c : name) {
    if (c == '.') {
      labels.push_back(std::move(label));
      label.clear();
    } else {
      label.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  labels.push_back(std::move(label));
  return labels;
}

bool matches(std::string_view pattern, std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (pattern.empty() || host.empty()) return false;
  const auto pattern_labels = labels_of(pattern);
  const auto host_labels = labels_of(host);
  if (pattern_labels.size() != host_labels.size()) return false;
  for (std::size_t i = 0; i < pattern_labels.size(); ++i) {
    if (i == 0 && pattern_labels[i] == "*") continue;
    if (pattern_labels[i] != host_labels[i]) return false;
  }
  return true;
}

constexpr std::chrono::seconds kOpensslTimeout{10};

}  // namespace

bool go_hostname_matches(const std::vector<std::string>& dns_names, std::string_view host) {
  return std::any_of(dns_names.begin(), dns_names.end(),
                     [host](const std::string& name) { return matches(name, host); });
}

std::optional<std::vector<std::string>> certificate_dns_names(const std::filesystem::path& file) {
  const Captured run =
      run_captured({"openssl", "x509", "-in", file.string(), "-noout", "-ext", "subjectAltName"},
                   kOpensslTimeout);
  if (run.exit_status != 0) return std::nullopt;
  // "X509v3 Subject Alternative Name: \n    DNS:*, DNS:*.org, IP Address:..."
  std::vector<std::string> names;
  std::istringstream entries(run.out);
  std::string entry;
  while (std::getline(entries, entry, ',')) {
    const auto at = entry.find("DNS:");
    if (at == std::string::npos) continue;
    std::string name = entry.substr(at + 4);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    names.push_back(std::move(name));
  }
  return names;
}

bool write_public_key(const std::filesystem::path& file,
                      const std::filesystem::path& public_key_file) {
  const Captured run =
      run_captured({"openssl", "x509", "-in", file.string(), "-noout", "-pubkey"}, kOpensslTimeout);
  if (run.exit_status != 0 || run.out.empty()) return false;
  std::ofstream(public_key_file) << run.out;
  return true;
}

}  // namespace lintel::conformance
