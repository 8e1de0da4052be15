#include "tls_listener_plan.h"

#include <algorithm>

#include "host_names.h"

namespace lintel::conversion::detail {

std::vector<std::string> TlsListenerPlan::add(const api::Ingress& ingress,
                                              std::vector<ConversionNote>& notes) {
  const std::string& namespace_ = ingress.metadata().namespace_();
  const std::string key = namespace_ + "/" + ingress.metadata().name();
  bool used = false;
  for (int i = 0; i < ingress.spec().tls_size(); ++i) {
    const auto& tls = ingress.spec().tls(i);
    const std::string field = "spec.tls[" + std::to_string(i) + "]";
    if (tls.secret_name().empty()) {
      notes.push_back({key, field + ".secretName",
                       "no Secret named: Lintel has no default certificate, so these hosts are "
                       "served over plain HTTP only",
                       "", Outcome::unsupported});
      continue;
    }
    std::vector<std::string> hosts(tls.hosts().begin(), tls.hosts().end());
    if (hosts.empty()) hosts.push_back("");
    for (const auto& host : hosts) {
      auto [found, inserted] =
          hosts_.try_emplace(host, TlsHost{namespace_, tls.secret_name(), key});
      const TlsHost& holder = found->second;
      if (!inserted &&
          (holder.secret_namespace != namespace_ || holder.secret_name != tls.secret_name())) {
        notes.push_back({key, field,
                         "host " + (host.empty() ? std::string("(any)") : host) +
                             " already has the certificate of Secret " + holder.secret_namespace +
                             "/" + holder.secret_name + " from Ingress " + holder.owner +
                             ", which takes precedence; Secret " + tls.secret_name() +
                             " is not used for it",
                         "", Outcome::approximated});
        continue;
      }
      used = true;
      std::pair<std::string, std::string> secret{namespace_, tls.secret_name()};
      if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end())
        secrets_.push_back(std::move(secret));
    }
  }
  if (!used) return {};
  return {kHttpsListenerName};
}

bool TlsListenerPlan::is_tls_host(const std::string& host) const {
  for (const auto& [hostname, holder] : hosts_) {
    if (!hostname.empty() && host_covers(hostname, host)) return true;
  }
  return false;
}

}  // namespace lintel::conversion::detail
