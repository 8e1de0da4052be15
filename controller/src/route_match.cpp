#include "route_match.h"

namespace lintel::controller {

namespace gv1 = gateway::v1;
namespace sv1 = snapshot::v1;

namespace {

sv1::PathMatch::Type path_type_of(const std::string& type) {
  if (type == "Exact") return sv1::PathMatch::EXACT;
  if (type == "RegularExpression") return sv1::PathMatch::REGULAR_EXPRESSION;
  return sv1::PathMatch::PREFIX;
}

}  // namespace

const gv1::HTTPRouteMatch& default_match() {
  static const gv1::HTTPRouteMatch match = [] {
    gv1::HTTPRouteMatch out;
    out.mutable_path()->set_type("PathPrefix");
    out.mutable_path()->set_value("/");
    return out;
  }();
  return match;
}

void set_match(const gv1::HTTPRouteMatch& match, sv1::Route& route) {
  route.mutable_path()->set_type(path_type_of(match.path().type()));
  route.mutable_path()->set_value(match.path().value());
  for (const auto& header : match.headers()) {
    auto* h = route.add_headers();
    h->set_name(header.name());
    h->set_value(header.value());
    h->set_type(header.type() == "RegularExpression" ? sv1::HeaderMatch::REGULAR_EXPRESSION
                                                     : sv1::HeaderMatch::EXACT);
  }
  for (const auto& param : match.query_params()) {
    auto* q = route.add_query_params();
    q->set_name(param.name());
    q->set_value(param.value());
    q->set_type(param.type() == "RegularExpression" ? sv1::QueryParamMatch::REGULAR_EXPRESSION
                                                    : sv1::QueryParamMatch::EXACT);
  }
  if (match.has_method()) route.set_method(match.method());
}

}  // namespace lintel::controller
