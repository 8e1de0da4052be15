#include "tls_listener_plan.h"

#include <algorithm>

#include "host_names.h"

namespace lintel::conversion::detail {

std::vector<std::string> TlsListenerPlan::add(const api::Ingress& ingress,
                                              std::vector<ConversionNote>& notes) {
  const std::string& namespace_ = ingress.metadata().namespace_();
  const std::string key = namespace_ + "/" + ingress.metadata().name();
  std::vector<std::string> names;
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
      auto [found, inserted] = by_hostname_.try_emplace(host);
      TlsListener& listener = found->second;
      if (inserted) {
        listener = {host.empty() ? "https" : "https-" + host_slug(host), host, namespace_,
                    tls.secret_name(), key};
      } else if (listener.secret_namespace != namespace_ ||
                 listener.secret_name != tls.secret_name()) {
        notes.push_back({key, field,
                         "host " + (host.empty() ? std::string("(any)") : host) +
                             " already has the certificate of Secret " + listener.secret_namespace +
                             "/" + listener.secret_name + " from Ingress " + listener.owner +
                             ", which takes precedence; Secret " + tls.secret_name() +
                             " is not used",
                         "", Outcome::approximated});
        continue;
      }
      if (std::find(names.begin(), names.end(), listener.name) == names.end())
        names.push_back(listener.name);
    }
  }
  return names;
}

std::vector<std::string> TlsListenerPlan::listeners_for(const std::string& host) const {
  std::vector<std::string> names;
  for (const auto& [hostname, listener] : by_hostname_) {
    // A wildcard route also serves the exact hosts it covers.
    if (hostname.empty() || host_covers(hostname, host) || host_covers(host, hostname))
      names.push_back(listener.name);
  }
  return names;
}

bool TlsListenerPlan::is_tls_host(const std::string& host) const {
  for (const auto& [hostname, listener] : by_hostname_) {
    if (!hostname.empty() && host_covers(hostname, host)) return true;
  }
  return false;
}

}  // namespace lintel::conversion::detail
