#include "filters/redirect.h"

#include "filters/valid_hostname.h"
#include "lintel/dataplane/router.h"

namespace lintel::dataplane::filters {
namespace {

std::uint32_t well_known_port(std::string_view scheme) {
  if (scheme == "http") return 80;
  if (scheme == "https") return 443;
  return 0;
}

bool is_redirect_status(std::uint32_t status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

bool Redirect::compile(const snapshot::v1::RedirectAction& spec,
                       const snapshot::v1::PathMatch& match, Redirect& out, std::string& error) {
  if (!is_valid_hostname(spec.hostname())) {
    error = "RequestRedirect hostname \"" + spec.hostname() + "\" is not a hostname";
    return false;
  }
  if (!spec.scheme().empty() && spec.scheme() != "http" && spec.scheme() != "https") {
    error = "RequestRedirect scheme \"" + spec.scheme() + "\" is neither http nor https";
    return false;
  }
  out.scheme_ = spec.scheme();
  out.hostname_ = spec.hostname();
  out.port_ = spec.port() <= 65535 ? spec.port() : 0;
  out.status_ = is_redirect_status(spec.status_code()) ? spec.status_code() : 302;
  if (spec.has_path()) {
    PathModifier path;
    if (!PathModifier::compile(spec.path(), match, path, error)) return false;
    out.path_ = std::move(path);
  }
  return true;
}

std::string Redirect::location(const RedirectRequest& request) const {
  const std::string_view scheme = scheme_.empty() ? request.scheme : std::string_view(scheme_);
  std::uint32_t port = port_;
  if (port == 0) {
    port = scheme_.empty() ? request.listener_port : well_known_port(scheme_);
  }
  std::string out(scheme);
  out.append("://");
  out.append(hostname_.empty() ? normalize_host(request.host) : hostname_);
  if (port != 0 && port != well_known_port(scheme)) {
    out.push_back(':');
    out.append(std::to_string(port));
  }
  out.append(path_ ? path_->apply(request.target) : std::string(request.target));
  return out;
}

}  // namespace lintel::dataplane::filters
