#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lintel/api/core.h"
#include "lintel/conversion/migration_report.h"
#include "lintel/core/v1/secret.pb.h"

namespace lintel::cmd {

// The converted Gateway API objects as the data plane routes them: translated to a snapshot
// and compiled by the data plane's own router, just as `lintel run` would serve them once
// committed. Services the manifests do not hold are assumed to exist (a cluster has them), so
// that only the conversion's own differences show.
class ConvertedRouter {
 public:
  ConvertedRouter(const conversion::ConversionResult& committed,
                  const std::vector<const api::Service*>& services,
                  const std::vector<const core::v1::Secret*>& secrets);
  ~ConvertedRouter();
  ConvertedRouter(const ConvertedRouter&) = delete;
  ConvertedRouter& operator=(const ConvertedRouter&) = delete;

  conversion::RoutedRequest route(const conversion::IngressRequest& request) const;
  // False when no HTTPS listener could be served (its Secret is not in the manifests), so that
  // HTTPS requests cannot be verified.
  bool serves_https() const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

// Every sample request (IngressSemantics::sample_requests) routed both ways and compared.
conversion::VerifyResult verify_migration(const conversion::IngressSemantics& semantics,
                                          const ConvertedRouter& router);

}  // namespace lintel::cmd
