#pragma once

#include "lintel/api/networking.h"
#include "lintel/conversion/ingress_nginx_settings.h"

namespace lintel::conversion::detail {

// Whether plain-HTTP requests for the Ingress's TLS hosts are redirected to HTTPS: ingress-nginx
// does so by default (ssl-redirect "true"), the ConfigMap may turn it off globally, and the
// Ingress's own nginx.ingress.kubernetes.io/ssl-redirect annotation (read by the annotations
// module) decides for that Ingress.
bool ssl_redirect_wanted(const api::Ingress& ingress, const IngressNginxSettings& settings);

}  // namespace lintel::conversion::detail
