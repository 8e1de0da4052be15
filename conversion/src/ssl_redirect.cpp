#include "ssl_redirect.h"

#include "annotations/ingress_nginx_annotations.h"

namespace lintel::conversion::detail {

bool ssl_redirect_wanted(const api::Ingress& ingress, const IngressNginxSettings& settings) {
  return ssl_redirect_annotation(ingress).value_or(settings.ssl_redirect);
}

}  // namespace lintel::conversion::detail
