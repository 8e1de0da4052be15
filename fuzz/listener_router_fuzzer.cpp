// Any request line and Host against a fixed route table with every match kind: routing must
// never crash and must be deterministic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lintel/dataplane/router.h"

namespace {

namespace sv1 = lintel::snapshot::v1;

struct FuzzHeaders : lintel::dataplane::RouteRequest::HeaderSource {
  std::string_view value;
  bool find(std::string_view, std::string& out) const override {
    out.assign(value);
    return !value.empty();
  }
};

const sv1::Listener& listener() {
  static const sv1::Listener built = [] {
    sv1::Listener l;
    auto add_host = [&](const char* domain, sv1::WildcardMode mode) {
      auto* v = l.add_virtual_hosts();
      v->add_domains(domain);
      v->set_wildcard_mode(mode);
      return v;
    };
    auto add_route = [](sv1::VirtualHost* v, sv1::PathMatch::Type type, const char* path) {
      auto* r = v->add_routes();
      r->mutable_path()->set_type(type);
      r->mutable_path()->set_value(path);
      return r;
    };
    auto* exact = add_host("a.example.com", sv1::WILDCARD_MODE_SUFFIX);
    add_route(exact, sv1::PathMatch::EXACT, "/x");
    add_route(exact, sv1::PathMatch::PREFIX, "/x/y/");
    auto* header = add_route(exact, sv1::PathMatch::PREFIX, "/")->add_headers();
    header->set_name("x-h");
    header->set_type(sv1::HeaderMatch::REGULAR_EXPRESSION);
    header->set_value("v[0-9]+");
    auto* wild = add_host("*.example.com", sv1::WILDCARD_MODE_SINGLE_LABEL);
    auto* query =
        add_route(wild, sv1::PathMatch::REGULAR_EXPRESSION, "/r/[a-z]*")->add_query_params();
    query->set_name("q");
    query->set_value("1");
    add_route(add_host("*", sv1::WILDCARD_MODE_SUFFIX), sv1::PathMatch::PREFIX, "/any");
    return l;
  }();
  return built;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto router = [] {
    std::string error;
    auto r = lintel::dataplane::ListenerRouter::compile(listener(), error);
    if (!r) std::abort();
    return r;
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // "host\ntarget\nheader value": missing parts are empty.
  auto take = [&input]() {
    size_t newline = input.find('\n');
    std::string_view part = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    return part;
  };
  std::string_view host = take();
  std::string_view target = take();
  FuzzHeaders headers;
  headers.value = input;
  lintel::dataplane::RouteRequest request{"GET", host, target, &headers};
  const sv1::Route* first = router->match(request);
  if (router->match(request) != first) std::abort();
  (void)lintel::dataplane::normalize_host(host);
  return 0;
}
