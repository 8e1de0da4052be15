#include "ssl_redirect.h"

namespace lintel::conversion::detail {

bool ssl_redirect_wanted(const api::Ingress& /*ingress*/, const IngressNginxSettings& settings) {
  return settings.ssl_redirect;
}

}  // namespace lintel::conversion::detail
