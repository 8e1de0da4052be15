#pragma once

#include "graph/graph.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::controller {

// Gathers the certificates of the HTTPS listeners that share one port into its TlsContext.
// A listener with a hostname serves that name with its certificates; one without serves the
// names its certificates carry (subjectAltName DNS names). The port's default certificate is
// the first of the first listener without a hostname (the catch-all), else the very first one.
class PortTlsBuilder {
 public:
  // `listener` is served and HTTPS, so every certificate of it resolved and was checked.
  void add(const graph::ListenerNode& listener);
  snapshot::v1::TlsContext take() { return std::move(context_); }

 private:
  snapshot::v1::TlsContext context_;
  bool has_catch_all_ = false;
};

}  // namespace lintel::controller
