#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asio_beast.h"
#include "filters/cors_origin.h"
#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane::filters {

// Gateway API's CORS filter, compiled once per route: the origin patterns parsed and every
// header value that does not depend on the request joined in advance.
class Cors {
 public:
  // Fails on an allowOrigins entry that is not an origin pattern.
  static bool compile(const snapshot::v1::CorsPolicy& spec, Cors& out, std::string& error);

  // A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method.
  static bool is_preflight(std::string_view method, bool has_origin, bool has_request_method);

  // Whether `origin` (an Origin header's value) may share the route's responses.
  bool allows(std::string_view origin) const;

  // The preflight answer's CORS headers for an allowed `origin`; `request_method` and
  // `request_headers` are the Access-Control-Request-* values ("" when absent).
  void add_preflight_headers(std::string_view origin, std::string_view request_method,
                             std::string_view request_headers, http::fields& out) const;

  // An ordinary response's CORS headers for an allowed `origin`.
  void add_response_headers(std::string_view origin, http::fields& out) const;

 private:
  std::vector<OriginPattern> origins_;
  bool credentials_ = false;
  bool any_method_ = false;
  bool any_header_ = false;
  std::string methods_;         // joined with ", "; "" when none are listed
  std::string headers_;         // likewise
  std::string expose_headers_;  // likewise; "" too for "*" with credentials, which may not use it
  std::string max_age_;         // "" when not sent
};

// What one request's Origin makes of a route's CORS filter, decided before the request goes
// upstream (the request head is gone by the time the answer arrives).
class CorsResponse {
 public:
  CorsResponse() = default;
  CorsResponse(const Cors& cors, std::optional<std::string_view> origin);

  // Adds the CORS headers when the origin was allowed, and "Vary: Origin" whenever the request
  // had one: another Origin could have got another answer.
  void apply(http::fields& fields) const;

 private:
  const Cors* cors_ = nullptr;
  std::string origin_;
  bool allowed_ = false;
};

}  // namespace lintel::dataplane::filters
