#include "listener_tls.h"

#include <ctime>

#include "key_pair.h"
#include "protocols.h"
#include "reference_grants.h"
#include "tls_secret.h"

namespace lintel::controller::graph {

namespace {

namespace gw = gateway::v1;

struct CertificateRef {
  const core::v1::Secret* secret = nullptr;
  std::optional<Problem> problem;
};

CertificateRef resolve_certificate(const ReferenceFrom& referrer,
                                   const gw::SecretObjectReference& ref, const Lookup& lookup) {
  std::string ns = ref.has_namespace_() ? ref.namespace_() : referrer.namespace_;
  std::string name = object_name(ns, ref.name());
  auto fail = [](const char* reason, std::string message) {
    return CertificateRef{nullptr, Problem{reason, std::move(message)}};
  };
  if (ref.group() != "" || ref.kind() != "Secret")
    return fail("InvalidCertificateRef", "certificateRef " + name + " is of kind " +
                                             kind_name(ref.group(), ref.kind()) +
                                             "; Lintel reads certificates from Secrets only");
  if (!reference_permitted(lookup.reference_grants(), referrer, {"", "Secret", ns, ref.name()}))
    return fail("RefNotPermitted", "Secret " + name +
                                       " is in another namespace and no ReferenceGrant there "
                                       "allows " +
                                       referrer.kind + "s from " + referrer.namespace_ +
                                       " to use it");
  const core::v1::Secret* secret = lookup.secret(ns, ref.name());
  if (!secret) return fail("InvalidCertificateRef", "Secret " + name + " does not exist");
  if (auto problem = tls_secret_problem(*secret)) {
    std::string message = "Secret " + name + " " + *problem;
    if (const core::v1::Secret* last = lookup.last_usable_secret(ns, ref.name()))
      return CertificateRef{
          last, Problem{"InvalidCertificateRef", message + "; its last usable version is served"}};
    return fail("InvalidCertificateRef", std::move(message));
  }
  return CertificateRef{secret, std::nullopt};
}

std::string utc_time(std::int64_t seconds) {
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::optional<std::string> expiry_note(const core::v1::Secret& secret,
                                       std::int64_t certificate_time) {
  if (certificate_time == 0) return std::nullopt;
  const std::string* chain = tls_secret_value(secret, "tls.crt");
  const std::string* key = tls_secret_value(secret, "tls.key");
  if (!chain || !key) return std::nullopt;
  const KeyPair pair = inspect_key_pair(*chain, *key);
  if (pair.problem || pair.not_after >= certificate_time) return std::nullopt;
  return "the certificate of Secret " + secret.metadata().namespace_() + "/" +
         secret.metadata().name() + " expired at " + utc_time(pair.not_after) +
         " (it is served all the same)";
}

}  // namespace

ListenerTls check_listener_tls(const gw::Gateway& gateway, const ReferenceFrom& referrer,
                               const gw::Listener& listener, const Lookup& lookup,
                               std::int64_t certificate_time) {
  ListenerTls out;
  // Serving without the client certificate validation the Gateway asks for would let in
  // clients it means to keep out.
  if (gateway.spec().tls().has_frontend()) {
    out.unsupported = Problem{"UnsupportedValue",
                              "Client certificate validation (spec.tls.frontend) is not supported"};
    return out;
  }
  const gw::ListenerTLSConfig& tls = listener.tls();
  if (tls.has_mode() && tls.mode() != "Terminate") {
    out.unsupported = Problem{"UnsupportedValue", "TLS mode " + tls.mode() +
                                                      " is not supported on HTTPS listeners; "
                                                      "Lintel terminates TLS (mode Terminate)"};
    return out;
  }
  if (tls.certificate_refs().empty())
    out.ref_problems.push_back({"InvalidCertificateRef", "HTTPS listener has no certificateRefs"});
  out.servable = !tls.certificate_refs().empty();
  for (const auto& ref : tls.certificate_refs()) {
    CertificateRef certificate = resolve_certificate(referrer, ref, lookup);
    if (certificate.problem) out.ref_problems.push_back(std::move(*certificate.problem));
    if (certificate.secret) {
      out.certificates.push_back(certificate.secret);
      if (auto note = expiry_note(*certificate.secret, certificate_time))
        out.notes.push_back(std::move(*note));
    } else {
      out.servable = false;
    }
  }
  return out;
}

}  // namespace lintel::controller::graph
