#include "tls_translation.h"

#include "graph/key_pair.h"
#include "graph/tls_secret.h"

namespace lintel::controller {

void PortTlsBuilder::add(const graph::ListenerNode& listener) {
  const bool catch_all = !listener.spec->has_hostname() || listener.spec->hostname().empty();
  // Listener hostnames are lower case by the CRD's pattern.
  context_.add_listener_hostnames(catch_all ? std::string() : listener.spec->hostname());
  for (std::size_t i = 0; i < listener.certificates.size(); ++i) {
    const core::v1::Secret& secret = *listener.certificates[i];
    const std::string* chain = graph::tls_secret_value(secret, "tls.crt");
    const std::string* key = graph::tls_secret_value(secret, "tls.key");
    if (!chain || !key) continue;  // the graph has checked; kept safe all the same
    if (catch_all && i == 0 && !has_catch_all_) {
      has_catch_all_ = true;
      context_.set_default_certificate(static_cast<std::uint32_t>(context_.certificates_size()));
    }
    snapshot::v1::TlsCertificate* certificate = context_.add_certificates();
    certificate->set_name(secret.metadata().namespace_() + "/" + secret.metadata().name());
    if (catch_all) {
      for (auto& name : graph::inspect_key_pair(*chain, *key).dns_names)
        certificate->add_server_names(std::move(name));
    } else {
      certificate->add_server_names(listener.spec->hostname());
    }
    certificate->set_certificate_chain_pem(*chain);
    certificate->set_private_key_pem(*key);
  }
}

}  // namespace lintel::controller
