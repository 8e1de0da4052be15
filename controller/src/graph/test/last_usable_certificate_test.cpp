// A Secret that stops being a usable key pair: its listener reports why (ResolvedRefs False,
// InvalidCertificateRef) and serves the last usable version when there is one. An expired
// certificate is served, and said to be expired.
#include <gtest/gtest.h>

#include "graph/graph.h"
#include "test_key_pair.h"
#include "text_format.h"

namespace lintel::controller::graph {
namespace {

core::v1::Secret secret(const std::string& crt, const std::string& key) {
  core::v1::Secret out;
  out.mutable_metadata()->set_name("certificate");
  out.mutable_metadata()->set_namespace_("default");
  out.set_type("kubernetes.io/tls");
  (*out.mutable_data())["tls.crt"] = crt;
  (*out.mutable_data())["tls.key"] = key;
  return out;
}

struct Built {
  gw::GatewayClass gateway_class = parse<gw::GatewayClass>(
      R"(metadata { name: "lintel" } spec { controller_name: "lintel.io/gateway-controller" })");
  gw::Gateway gateway = parse<gw::Gateway>(R"(
    metadata { name: "gw" namespace: "default" generation: 1 }
    spec {
      gateway_class_name: "lintel"
      listeners {
        name: "https" port: 443 protocol: "HTTPS"
        tls { certificate_refs { group: "" kind: "Secret" name: "certificate" } }
      }
    })");
  Graph graph;

  Built(const core::v1::Secret& current, const core::v1::Secret* last_usable,
        GraphOptions options = {}) {
    GraphInput input;
    input.gateway_classes = {&gateway_class};
    input.gateways = {&gateway};
    input.secrets = {&current};
    if (last_usable) input.last_usable_secrets = {last_usable};
    graph = build_graph(input, options);
  }
  const ListenerNode& listener() const { return graph.gateways.at(0).listeners.at(0); }
  const meta::v1::Condition& condition(const std::string& type) const {
    for (const auto& each : graph.gateways.at(0).status.listeners(0).conditions())
      if (each.type() == type) return each;
    ADD_FAILURE() << "no condition " << type;
    static const meta::v1::Condition none;
    return none;
  }
};

TEST(LastUsableCertificate, AnUnusableSecretServesItsLastUsableVersion) {
  TestKeyPair good = make_test_key_pair({"example.com"});
  TestKeyPair other = make_test_key_pair({"example.com"});
  core::v1::Secret last = secret(good.certificate_pem, good.key_pem);
  core::v1::Secret broken = secret(good.certificate_pem, other.key_pem);

  Built built(broken, &last);
  EXPECT_TRUE(built.listener().programmed);
  ASSERT_EQ(built.listener().certificates.size(), 1u);
  EXPECT_EQ(built.listener().certificates[0], &last);
  EXPECT_EQ(built.condition("ResolvedRefs").status(), "False");
  EXPECT_EQ(built.condition("ResolvedRefs").reason(), "InvalidCertificateRef");
  EXPECT_EQ(built.condition("ResolvedRefs").message(),
            "Secret default/certificate is not a usable key pair: tls.key is not the private key "
            "of the first certificate in tls.crt; its last usable version is served");
  EXPECT_EQ(built.condition("Programmed").status(), "True");
}

TEST(LastUsableCertificate, WithoutOneTheListenerIsNotProgrammed) {
  TestKeyPair good = make_test_key_pair({"example.com"});
  TestKeyPair other = make_test_key_pair({"example.com"});
  Built built(secret(good.certificate_pem, other.key_pem), nullptr);
  EXPECT_FALSE(built.listener().programmed);
  EXPECT_TRUE(built.listener().certificates.empty());
  EXPECT_EQ(built.condition("ResolvedRefs").reason(), "InvalidCertificateRef");
  EXPECT_EQ(built.condition("Programmed").status(), "False");
}

TEST(CertificateExpiry, AnExpiredCertificateIsServedAndSaidToBe) {
  TestKeyPair expired = make_test_key_pair({"example.com"}, -10, -1);
  const core::v1::Secret current = secret(expired.certificate_pem, expired.key_pem);
  GraphOptions options;
  options.certificate_time = static_cast<std::int64_t>(time(nullptr));
  Built built(current, nullptr, options);
  EXPECT_TRUE(built.listener().programmed);
  EXPECT_EQ(built.condition("ResolvedRefs").status(), "True");
  const std::string& message = built.condition("ResolvedRefs").message();
  EXPECT_EQ(message.rfind("All references are resolved; the certificate of Secret "
                          "default/certificate expired at 20",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find("Z (it is served all the same)"), std::string::npos) << message;

  Built unjudged(current, nullptr);
  EXPECT_EQ(unjudged.condition("ResolvedRefs").message(), "All references are resolved");
}

}  // namespace
}  // namespace lintel::controller::graph
