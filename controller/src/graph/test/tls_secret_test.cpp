#include "graph/tls_secret.h"

#include <gtest/gtest.h>

namespace lintel::controller::graph {
namespace {

constexpr const char* kCertificate =
    "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nQUJD+/09==\n-----END CERTIFICATE-----\n";
constexpr const char* kKey =
    "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n";

core::v1::Secret tls_secret(const std::string& crt, const std::string& key) {
  core::v1::Secret secret;
  secret.set_type("kubernetes.io/tls");
  (*secret.mutable_data())["tls.crt"] = crt;
  (*secret.mutable_data())["tls.key"] = key;
  return secret;
}

TEST(TlsSecret, AcceptsPemPairs) {
  EXPECT_EQ(tls_secret_problem(tls_secret(kCertificate, kKey)), std::nullopt);
  std::string ec_key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
  EXPECT_EQ(tls_secret_problem(tls_secret(kCertificate, ec_key)), std::nullopt);
  std::string chain = std::string(kCertificate) + kCertificate;
  EXPECT_EQ(tls_secret_problem(tls_secret(chain, kKey)), std::nullopt);
}

TEST(TlsSecret, ReadsStringData) {
  core::v1::Secret secret;
  secret.set_type("kubernetes.io/tls");
  (*secret.mutable_string_data())["tls.crt"] = kCertificate;
  (*secret.mutable_string_data())["tls.key"] = kKey;
  EXPECT_EQ(tls_secret_problem(secret), std::nullopt);
}

TEST(TlsSecret, RejectsWhatIsNotAKeyPair) {
  EXPECT_NE(tls_secret_problem(tls_secret("Hello world\n", "Hello world\n")), std::nullopt);
  EXPECT_NE(tls_secret_problem(tls_secret(kKey, kCertificate)), std::nullopt);
  std::string unterminated = "-----BEGIN CERTIFICATE-----\nMIIB\n";
  EXPECT_NE(tls_secret_problem(tls_secret(unterminated, kKey)), std::nullopt);
  std::string empty_body = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
  EXPECT_NE(tls_secret_problem(tls_secret(empty_body, kKey)), std::nullopt);
  std::string encrypted =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
  EXPECT_NE(tls_secret_problem(tls_secret(kCertificate, encrypted)), std::nullopt);

  core::v1::Secret opaque = tls_secret(kCertificate, kKey);
  opaque.set_type("Opaque");
  EXPECT_EQ(tls_secret_problem(opaque), "is of type Opaque, not kubernetes.io/tls");
  core::v1::Secret untyped = tls_secret(kCertificate, kKey);
  untyped.clear_type();
  EXPECT_NE(tls_secret_problem(untyped), std::nullopt);
  core::v1::Secret no_key = tls_secret(kCertificate, kKey);
  no_key.mutable_data()->erase("tls.key");
  EXPECT_EQ(tls_secret_problem(no_key), "has no tls.crt and tls.key");
}

}  // namespace
}  // namespace lintel::controller::graph
