#include "filters/url_rewrite.h"

#include "filters/valid_hostname.h"

namespace lintel::dataplane::filters {

bool UrlRewrite::compile(const snapshot::v1::URLRewrite& spec, const snapshot::v1::PathMatch& match,
                         UrlRewrite& out, std::string& error) {
  if (!is_valid_hostname(spec.hostname())) {
    error = "URLRewrite hostname \"" + spec.hostname() + "\" is not a hostname";
    return false;
  }
  out.hostname_ = spec.hostname();
  if (spec.has_path()) {
    PathModifier path;
    if (!PathModifier::compile(spec.path(), match, path, error)) return false;
    out.path_ = std::move(path);
  }
  return true;
}

void UrlRewrite::apply(http::request_header<>& request) const {
  if (!hostname_.empty()) request.set(http::field::host, hostname_);
  if (path_) {
    const auto target = request.target();
    request.target(path_->apply(to_std(target)));
  }
}

}  // namespace lintel::dataplane::filters
