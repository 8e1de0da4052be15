#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lintel::conformance {

// Upstream's suite checks an HTTPS server's name with Go's crypto/x509, which lets a wildcard
// stand for the first label over any suffix ("*.org" matches "example.org"); curl and OpenSSL
// refuse wildcards over fewer than two labels, so a certificate the suite trusts for a host can
// fail curl's check. These let the runner check the name as Go does.

// Whether `host` matches one of the certificate's DNS names by Go's rules: case-insensitive,
// the same number of labels, and "*" as the whole first label matches any one label.
bool go_hostname_matches(const std::vector<std::string>& dns_names, std::string_view host);

// The subjectAltName DNS names of the PEM certificate in `file` (read with openssl x509), or
// nullopt when it cannot be read.
std::optional<std::vector<std::string>> certificate_dns_names(const std::filesystem::path& file);

// Writes the public key of the PEM certificate in `file` to `public_key_file`, for curl's
// --pinnedpubkey; false when openssl cannot read it.
bool write_public_key(const std::filesystem::path& file,
                      const std::filesystem::path& public_key_file);

}  // namespace lintel::conformance
