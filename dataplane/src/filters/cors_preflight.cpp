#include "filters/cors_preflight.h"

namespace lintel::dataplane::filters {

http::response<http::empty_body> cors_preflight_answer(const Cors& cors,
                                                       const PreflightRequest& request,
                                                       unsigned version, bool keep_alive,
                                                       const HeaderModifier& response_headers) {
  http::response<http::empty_body> answer{http::status::no_content, version == 10 ? 10u : 11u};
  if (cors.allows(request.origin)) {
    cors.add_preflight_headers(request.origin, request.request_method, request.request_headers,
                               answer.base());
  }
  answer.insert(http::field::vary, "Origin");
  response_headers.apply(answer.base());
  answer.keep_alive(keep_alive);
  answer.prepare_payload();
  return answer;
}

}  // namespace lintel::dataplane::filters
