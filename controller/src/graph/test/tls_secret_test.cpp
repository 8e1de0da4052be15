#include "graph/tls_secret.h"

#include <gtest/gtest.h>

#include "graph/key_pair.h"
#include "test_key_pair.h"

namespace lintel::controller::graph {
namespace {

core::v1::Secret tls_secret(const std::string& crt, const std::string& key) {
  core::v1::Secret secret;
  secret.set_type("kubernetes.io/tls");
  (*secret.mutable_data())["tls.crt"] = crt;
  (*secret.mutable_data())["tls.key"] = key;
  return secret;
}

bool starts_with(const std::optional<std::string>& text, const std::string& prefix) {
  return text && text->rfind(prefix, 0) == 0;
}

TEST(TlsSecret, AcceptsKeyPairsAndChains) {
  TestKeyPair leaf = make_test_key_pair({"example.com"});
  TestKeyPair other = make_test_key_pair({"other.example"});
  EXPECT_EQ(tls_secret_problem(tls_secret(leaf.certificate_pem, leaf.key_pem)), std::nullopt);
  EXPECT_EQ(
      tls_secret_problem(tls_secret(leaf.certificate_pem + other.certificate_pem, leaf.key_pem)),
      std::nullopt);
}

TEST(TlsSecret, ReadsStringData) {
  TestKeyPair pair = make_test_key_pair({"example.com"});
  core::v1::Secret secret;
  secret.set_type("kubernetes.io/tls");
  (*secret.mutable_string_data())["tls.crt"] = pair.certificate_pem;
  (*secret.mutable_string_data())["tls.key"] = pair.key_pem;
  EXPECT_EQ(tls_secret_problem(secret), std::nullopt);
}

TEST(TlsSecret, RejectsWhatIsNotAKeyPair) {
  TestKeyPair pair = make_test_key_pair({"example.com"});
  TestKeyPair other = make_test_key_pair({"example.com"});
  EXPECT_EQ(tls_secret_problem(tls_secret("Hello world\n", pair.key_pem)),
            "is not a usable key pair: tls.crt holds no PEM certificate");
  EXPECT_TRUE(starts_with(tls_secret_problem(tls_secret(pair.certificate_pem, "Hello world\n")),
                          "is not a usable key pair: tls.key holds no usable PEM private key"));
  EXPECT_EQ(tls_secret_problem(tls_secret(pair.certificate_pem, other.key_pem)),
            "is not a usable key pair: tls.key is not the private key of the first certificate "
            "in tls.crt");
  // The PEM framing of a certificate around a body that is not one.
  std::string fake =
      "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nQUJD+/09==\n-----END CERTIFICATE-----\n";
  EXPECT_TRUE(starts_with(tls_secret_problem(tls_secret(fake, pair.key_pem)),
                          "is not a usable key pair: tls.crt holds a PEM block that is not a "
                          "valid certificate"));
  EXPECT_TRUE(starts_with(tls_secret_problem(tls_secret(pair.key_pem, pair.certificate_pem)),
                          "is not a usable key pair: tls.crt"));

  core::v1::Secret opaque = tls_secret(pair.certificate_pem, pair.key_pem);
  opaque.set_type("Opaque");
  EXPECT_EQ(tls_secret_problem(opaque), "is of type Opaque, not kubernetes.io/tls");
  core::v1::Secret no_key = tls_secret(pair.certificate_pem, pair.key_pem);
  no_key.mutable_data()->erase("tls.key");
  EXPECT_EQ(tls_secret_problem(no_key), "has no tls.crt and tls.key");
}

TEST(KeyPair, ReportsNamesAndServesExpiredCertificates) {
  TestKeyPair expired = make_test_key_pair({"Example.COM", "*.example.com"}, -10, -1);
  KeyPair pair = inspect_key_pair(expired.certificate_pem, expired.key_pem);
  EXPECT_EQ(pair.problem, std::nullopt);
  EXPECT_EQ(pair.dns_names, (std::vector<std::string>{"example.com", "*.example.com"}));
  EXPECT_GT(pair.not_after, 0);
  EXPECT_LT(pair.not_after, static_cast<long long>(time(nullptr)));
}

}  // namespace
}  // namespace lintel::controller::graph
