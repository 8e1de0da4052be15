#pragma once

#include <string>
#include <string_view>

#include "asio_beast.h"

namespace lintel::dataplane {

// Who the echo server says it is; fixed for the server's life.
struct EchoIdentity {
  std::string namespace_;
  std::string ingress;
  std::string service;
  std::string pod;
  std::string http_port;
};

// The JSON body echo-basic answers with: the request as received (path with query, Host,
// method, protocol, headers by canonical Go name with Host left out) and the identity.
std::string echo_json_body(const http::request_header<>& request, const EchoIdentity& identity);

// Adds the response headers an `X-Echo-Set-Header: Name:value,Name2:value2` request asks for;
// a repeated name gets its values joined with ",".
void apply_echo_set_header(const http::request_header<>& request,
                           http::response_header<>& response);

// The value of query parameter `name` in `target` (percent-decoded), or nullopt-like false.
bool find_query_parameter(std::string_view target, std::string_view name, std::string& value);

}  // namespace lintel::dataplane
