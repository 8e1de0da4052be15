#pragma once

#include <optional>
#include <string>

#include "asio_beast.h"
#include "filters/path_modifier.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane::filters {

// Gateway API's URLRewrite, compiled once per route: the Host and path sent upstream.
class UrlRewrite {
 public:
  static bool compile(const snapshot::v1::URLRewrite& spec, const snapshot::v1::PathMatch& match,
                      UrlRewrite& out, std::string& error);

  void apply(http::request_header<>& request) const;

 private:
  std::string hostname_;
  std::optional<PathModifier> path_;
};

}  // namespace lintel::dataplane::filters
