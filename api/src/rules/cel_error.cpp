#include "cel_error.h"

#include <algorithm>
#include <initializer_list>

#include "lintel/gateway/v1/backend_tls_policy.pb.h"
#include "lintel/gateway/v1/gateway.pb.h"

namespace lintel::api::detail {

namespace {

using gateway::v1::BackendTLSPolicyValidation;
using gateway::v1::Listener;
using gateway::v1::ListenerTLSConfig;
using gateway::v1::SubjectAltName;
using Listeners = google::protobuf::RepeatedPtrField<Listener>;

// field.Path.String() of a nil path: a rule on the root of a custom resource.
std::string printed(std::string path) {
  return path.empty() ? "<nil>" : path;
}

std::string quoted(std::string_view value) {
  return "\"" + std::string(value) + "\"";
}

bool is_one_of(std::string_view value, std::initializer_list<std::string_view> candidates) {
  return std::find(candidates.begin(), candidates.end(), value) != candidates.end();
}

// CEL's `list.exists_one(x, p)`.
template <typename List, typename Predicate>
bool exists_one(const List& list, Predicate predicate) {
  return std::count_if(list.begin(), list.end(), predicate) == 1;
}

// A rule written on a listener list as `self.all(l, ...)`, by its per-listener condition.
struct ListenerRule {
  const char* message;
  bool (*holds)(const Listener& listener);
};

constexpr ListenerRule kListenerRules[] = {
    {"tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
     [](const Listener& l) {
       return !is_one_of(l.protocol(), {"HTTP", "TCP", "UDP"}) || !l.has_tls();
     }},
    {"tls mode must be Terminate for protocol HTTPS",
     [](const Listener& l) {
       return !(l.protocol() == "HTTPS" && l.has_tls()) || l.tls().mode().empty() ||
              l.tls().mode() == "Terminate";
     }},
    {"tls mode must be set for protocol TLS",
     [](const Listener& l) {
       return l.protocol() != "TLS" ||
              (l.has_tls() && l.tls().has_mode() && !l.tls().mode().empty());
     }},
    {"hostname must not be specified for protocols ['TCP', 'UDP']",
     [](const Listener& l) {
       return !is_one_of(l.protocol(), {"TCP", "UDP"}) || !l.has_hostname() || l.hostname().empty();
     }},
};

bool names_unique(const Listeners& listeners) {
  return std::all_of(listeners.begin(), listeners.end(), [&](const Listener& a) {
    return exists_one(listeners, [&](const Listener& b) { return a.name() == b.name(); });
  });
}

bool same_endpoint(const Listener& a, const Listener& b) {
  bool same_hostname = a.has_hostname() && b.has_hostname()
                           ? a.hostname() == b.hostname()
                           : !a.has_hostname() && !b.has_hostname();
  return b.has_port() && a.port() == b.port() && a.protocol() == b.protocol() && same_hostname;
}

// The Gateway's rule requires a port on both sides, the ListenerSet's skips a listener without
// one; both schemas require the port, so the two rules agree on every object that reaches them.
bool endpoints_unique(const Listeners& listeners) {
  return std::all_of(listeners.begin(), listeners.end(), [&](const Listener& a) {
    return !a.has_port() ||
           exists_one(listeners, [&](const Listener& b) { return same_endpoint(a, b); });
  });
}

// `self.mode == 'Terminate' ? size(self.certificateRefs) > 0 || size(self.options) > 0 : true`
// reads both fields without has(). CEL's `||` gives true if either side is true, and otherwise
// the first side's evaluation error: an absent certificateRefs fails as "no such key", then an
// absent options; only when both are written (empty) is the answer the rule's own message.
void check_listener_tls(const ListenerTLSConfig& tls, const std::string& path,
                        std::vector<FieldError>& errors) {
  if (tls.mode() != "Terminate") return;
  if (tls.certificate_refs_size() > 0 || tls.options_size() > 0) return;
  constexpr const char* kMessage =
      "certificateRefs or options must be specified when mode is "
      "Terminate";
  if (!tls.certificate_refs_empty()) {
    errors.push_back(cel_eval_error(path, kJsonObject, "no such key: certificateRefs", kMessage));
  } else if (!tls.options_empty()) {
    errors.push_back(cel_eval_error(path, kJsonObject, "no such key: options", kMessage));
  } else {
    errors.push_back(cel_error(path, kJsonObject, kMessage));
  }
}

// The four rules on each subjectAltNames item: a type's own field is set, the other's is not.
void check_subject_alt_name(const SubjectAltName& name, const std::string& path,
                            std::vector<FieldError>& errors) {
  bool hostname = name.has_hostname() && !name.hostname().empty();
  bool uri = name.has_uri() && !name.uri().empty();
  auto fail = [&](const char* message) { errors.push_back(cel_error(path, kJsonObject, message)); };
  if (name.type() == "Hostname" && !hostname)
    fail("SubjectAltName element must contain Hostname, if Type is set to Hostname");
  if (name.type() != "Hostname" && hostname)
    fail("SubjectAltName element must not contain Hostname, if Type is not set to Hostname");
  if (name.type() == "URI" && !uri)
    fail("SubjectAltName element must contain URI, if Type is set to URI");
  if (name.type() != "URI" && uri)
    fail("SubjectAltName element must not contain URI, if Type is not set to URI");
}

}  // namespace

FieldError cel_error(std::string path, std::string_view json_type, std::string message) {
  return {printed(std::move(path)), "Invalid value", quoted(json_type) + ": " + message};
}

FieldError cel_eval_error(std::string path, std::string_view json_type, std::string_view cause,
                          std::string_view message) {
  return cel_error(std::move(path), json_type,
                   std::string(cause) + " evaluating rule: " + std::string(message));
}

FieldError cel_forbidden(std::string path, std::string message) {
  return {printed(std::move(path)), "Forbidden", std::move(message)};
}

FieldError cel_required(std::string path, std::string message) {
  return {printed(std::move(path)), "Required value", std::move(message)};
}

FieldError cel_duplicate(std::string path, std::string_view json_type) {
  return {printed(std::move(path)), "Duplicate value", quoted(json_type)};
}

std::string child(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

std::string index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string key(const std::string& path, std::string_view map_key) {
  return path + "[" + std::string(map_key) + "]";
}

void check_listeners(const Listeners& listeners, const std::string& path,
                     std::vector<FieldError>& errors) {
  for (const auto& rule : kListenerRules) {
    if (!std::all_of(listeners.begin(), listeners.end(), rule.holds))
      errors.push_back(cel_error(path, kJsonArray, rule.message));
  }
  if (!names_unique(listeners)) {
    errors.push_back(
        cel_error(path, kJsonArray, "Listener name must be unique within the Gateway"));
  }
  if (!endpoints_unique(listeners)) {
    errors.push_back(cel_error(path, kJsonArray,
                               "Combination of port, protocol and hostname must be unique for "
                               "each listener"));
  }
  for (int i = 0; i < listeners.size(); ++i) {
    if (listeners[i].has_tls())
      check_listener_tls(listeners[i].tls(), child(index(path, i), "tls"), errors);
  }
}

void check_tls_validation(const BackendTLSPolicyValidation& validation, const std::string& path,
                          std::vector<FieldError>& errors) {
  bool ca_refs = validation.ca_certificate_refs_size() > 0;
  bool well_known = validation.has_well_known_ca_certificates() &&
                    !validation.well_known_ca_certificates().empty();
  if (ca_refs && well_known) {
    errors.push_back(cel_error(
        path, kJsonObject, "must not contain both CACertificateRefs and WellKnownCACertificates"));
  }
  if (!ca_refs && !well_known) {
    errors.push_back(cel_error(path, kJsonObject,
                               "must specify either CACertificateRefs or WellKnownCACertificates"));
  }
  const std::string names = child(path, "subjectAltNames");
  for (int i = 0; i < validation.subject_alt_names_size(); ++i)
    check_subject_alt_name(validation.subject_alt_names(i), index(names, i), errors);
}

}  // namespace lintel::api::detail
