#include "not_served_filters.h"

#include "header_rules.h"

namespace lintel::controller {

std::string indexed(const std::string& field, int i) {
  return field + "[" + std::to_string(i) + "]";
}

namespace {

namespace gv1 = gateway::v1;

// Entries the translator leaves out of a header filter (header_rules.h).
void skipped_headers(const gv1::HTTPHeaderFilter& filter, const std::string& where,
                     std::vector<std::string>& out) {
  auto check = [&](const auto& headers, const char* list) {
    for (int i = 0; i < headers.size(); ++i) {
      const auto& header = headers.Get(i);
      auto problem = header_name_problem(header.name());
      if (!problem) problem = header_value_problem(header.value());
      if (problem)
        out.push_back(where + "." + indexed(list, i) + " " + header.name() + ": " + *problem);
    }
  };
  check(filter.set(), "set");
  check(filter.add(), "add");
  for (int i = 0; i < filter.remove_size(); ++i) {
    if (auto problem = header_name_problem(filter.remove(i)))
      out.push_back(where + "." + indexed("remove", i) + " " + filter.remove(i) + ": " + *problem);
  }
}

// The header filters' entries that are skipped; true when the filter was one of them.
bool header_filter_lines(const gv1::HTTPRouteFilter& filter, const std::string& where,
                         std::vector<std::string>& out) {
  if (filter.type() == "RequestHeaderModifier")
    skipped_headers(filter.request_header_modifier(), where + ".requestHeaderModifier", out);
  else if (filter.type() == "ResponseHeaderModifier")
    skipped_headers(filter.response_header_modifier(), where + ".responseHeaderModifier", out);
  else
    return false;
  return true;
}

// Filters that cannot be skipped without letting requests through unfiltered.
bool fails_closed(const gv1::HTTPRouteFilter& filter) {
  return filter.type() == "ExternalAuth" || filter.type() == "ExtensionRef";
}

}  // namespace

void not_served_rule_filters(const RouteFilters& filters, const std::string& where,
                             std::vector<std::string>& out) {
  for (int i = 0; i < filters.size(); ++i) {
    const gv1::HTTPRouteFilter& filter = filters.Get(i);
    std::string field = indexed(where, i);
    if (header_filter_lines(filter, field, out)) continue;
    if (fails_closed(filter))
      out.push_back(field + ": " + filter.type() + " (the rule answers 500)");
  }
}

void not_served_backend_filters(const RouteFilters& filters, const std::string& where,
                                std::vector<std::string>& out) {
  for (int i = 0; i < filters.size(); ++i) {
    const gv1::HTTPRouteFilter& filter = filters.Get(i);
    std::string field = indexed(where, i);
    if (header_filter_lines(filter, field, out)) continue;
    if (fails_closed(filter))
      out.push_back(field + ": " + filter.type() + " (this backend's share answers 500)");
    else
      out.push_back(field + ": " + filter.type());
  }
}

}  // namespace lintel::controller
