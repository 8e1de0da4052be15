#include "http_expectation.h"

#include <algorithm>
#include <cctype>

#include "json_read.h"

namespace lintel::conformance {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string without_spaces(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  return text;
}

std::string excerpt(const std::string& body) {
  std::string text = body.substr(0, 160);
  std::replace(text.begin(), text.end(), '\n', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text.empty() ? "" : " (body: \"" + text + (body.size() > 160 ? "...\")" : "\")");
}

bool is_redirect(int status) {
  return (status >= 300 && status <= 305) || status == 307 || status == 308;
}

// The echoed request headers: name (case-insensitive) -> values joined with ",".
std::optional<std::string> echoed_header(const Value& reply, const std::string& name) {
  const std::string wanted = lower(name);
  for (const auto& [key, values] : reply["headers"].entries()) {
    if (lower(key) != wanted) continue;
    std::string joined;
    for (const auto& value : values.items()) joined += (joined.empty() ? "" : ",") + value.text();
    if (values.is_scalar()) joined = values.text();
    return joined;
  }
  return std::nullopt;
}

CheckResult mismatch(const std::string& category, const HttpRequest& sent,
                     const std::string& what) {
  return CheckResult::fail(category, describe(sent) + ": " + what);
}

struct Location {
  std::string scheme, host, port, path;
};

Location parse_location(const std::string& location, const HttpRequest& sent) {
  Location out;
  std::string rest = location;
  const size_t scheme_end = rest.find("://");
  if (scheme_end != std::string::npos) {
    out.scheme = rest.substr(0, scheme_end);
    rest = rest.substr(scheme_end + 3);
    const size_t slash = rest.find_first_of("/?");
    const std::string authority = rest.substr(0, slash);
    rest = slash == std::string::npos ? "" : rest.substr(slash);
    const size_t colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
      out.host = authority.substr(0, colon);
      out.port = authority.substr(colon + 1);
    } else {
      out.host = authority;
    }
  } else {
    // A relative Location resolves against the request, as Go's client does.
    out.scheme = sent.scheme;
    const std::string host = sent.host.value_or(sent.address);
    const size_t colon = host.rfind(':');
    out.host = colon == std::string::npos ? host : host.substr(0, colon);
    out.port = colon == std::string::npos ? "" : host.substr(colon + 1);
  }
  out.path = rest.substr(0, rest.find('?'));
  return out;
}

std::optional<CheckResult> compare_redirect(const Value& expected, const HttpRequest& sent,
                                            const HttpResponse& got) {
  const auto location = header_value(got.headers, "Location");
  if (!location) return mismatch("redirect Location differs", sent, "no Location header");
  const Location actual = parse_location(*location, sent);
  auto differs = [&](const std::string& what, const std::string& want, const std::string& have) {
    return mismatch(
        "redirect Location differs", sent,
        "Location " + *location + ": " + what + " \"" + have + "\", expected \"" + want + "\"");
  };
  if (actual.scheme != expected.str("scheme"))
    return differs("scheme", expected.str("scheme"), actual.scheme);
  if (!expected["host"].is_null() && actual.host != expected.str("host"))
    return differs("host", expected.str("host"), actual.host);
  if (expected["port"].is_null()) {
    const std::string default_port = actual.scheme == "https" ? "443" : "80";
    if (!actual.port.empty() && actual.port != default_port)
      return differs("port", "", actual.port);
  } else if (actual.port != expected["port"].text()) {
    return differs("port", expected["port"].text(), actual.port);
  }
  if (actual.path != expected.str("path"))
    return differs("path", expected.str("path"), actual.path);
  return std::nullopt;
}

std::optional<CheckResult> compare_backend_request(const Value& expected, const Value& reply,
                                                   const HttpRequest& sent,
                                                   const std::string& backend_path) {
  const char* category = "request seen by the backend differs";
  if (expected.find("path") && reply.str("path") != backend_path) {
    return mismatch(
        category, sent,
        "backend saw path \"" + reply.str("path") + "\", expected \"" + backend_path + "\"");
  }
  if (!expected["method"].is_null() && reply.str("method") != expected.str("method")) {
    return mismatch(
        category, sent,
        "backend saw method " + reply.str("method") + ", expected " + expected.str("method"));
  }
  if (!expected["host"].is_null() && reply.str("host") != expected.str("host")) {
    return mismatch(category, sent,
                    "backend saw Host \"" + reply.str("host") + "\", expected \"" +
                        expected.str("host") + "\"");
  }
  for (const auto& [name, value] : expected["headers"].entries()) {
    const auto actual = echoed_header(reply, name);
    if (!actual) return mismatch(category, sent, "backend did not get header " + name);
    if (*actual != value.text()) {
      return mismatch(
          category, sent,
          "backend got " + name + ": \"" + *actual + "\", expected \"" + value.text() + "\"");
    }
  }
  for (const auto& name : expected["absentHeaders"].items()) {
    if (echoed_header(reply, name.text()))
      return mismatch(category, sent, "backend got header " + name.text() + ", expected none");
  }
  if (!expected["sni"].is_null() && reply["tls"].str("serverName") != expected.str("sni")) {
    return mismatch(category, sent,
                    "backend saw SNI \"" + reply["tls"].str("serverName") + "\", expected \"" +
                        expected.str("sni") + "\"");
  }
  if (!expected["clientCertificate"].is_null() && reply["tls"]["peerCertificates"].size() == 0) {
    return mismatch(
        category, sent,
        "backend saw no client certificate, expected " + expected.str("clientCertificate"));
  }
  if (!expected["httpPort"].is_null() && reply.str("httpPort") != expected["httpPort"].text()) {
    return mismatch(category, sent, "backend httpPort " + reply.str("httpPort"));
  }
  return std::nullopt;
}

std::optional<CheckResult> compare_response_headers(const Value& expected, const HttpRequest& sent,
                                                    const HttpResponse& got) {
  const char* category = "response headers differ";
  const bool ignore_spaces = expected["ignoreWhitespace"].as_bool();
  auto same = [&](const std::string& a, const std::string& b) {
    return ignore_spaces ? without_spaces(a) == without_spaces(b) : a == b;
  };
  for (const auto& [name, value] : expected["headers"].entries()) {
    const auto actual = header_value(got.headers, name);
    if (!actual) return mismatch(category, sent, "no response header " + name);
    if (!same(*actual, value.text())) {
      return mismatch(
          category, sent,
          "response " + name + ": \"" + *actual + "\", expected \"" + value.text() + "\"");
    }
  }
  for (const auto& [name, allowed] : expected["validHeaderValues"].entries()) {
    const auto actual = header_value(got.headers, name);
    if (!actual) return mismatch(category, sent, "no response header " + name);
    bool found = false;
    for (const auto& value : allowed.items()) found = found || same(*actual, value.text());
    if (!found) {
      return mismatch(
          category, sent,
          "response " + name + ": \"" + *actual + "\" is not one of " + allowed.to_json());
    }
  }
  for (const auto& name : expected["absentHeaders"].items()) {
    if (header_value(got.headers, name.text()))
      return mismatch(category, sent, "response has header " + name.text() + ", expected none");
  }
  return std::nullopt;
}

}  // namespace

std::string describe(const HttpRequest& request) {
  return request.method + " " + request.scheme + "://" + request.host.value_or(request.address) +
         request.path;
}

std::optional<CheckResult> compare_http(const Value& check, const HttpRequest& sent,
                                        const HttpResponse& got, const std::string& backend_path) {
  if (!got.transport_ok) {
    return CheckResult::fail(
        "no HTTP response",
        describe(sent) + " (port " + std::to_string(sent.port) + "): " + got.transport_error);
  }
  const Value& codes = check["response"]["statusCodes"];
  bool expected_status = false;
  bool timeouts_ok = false;
  for (const auto& code : codes.items()) {
    expected_status = expected_status || code.as_long() == got.status;
    timeouts_ok = timeouts_ok || code.as_long() == 408 || code.as_long() == 504;
  }
  if (timeouts_ok && (got.status == 408 || got.status == 504)) expected_status = true;
  if (!expected_status) {
    return mismatch(
        "unexpected status code", sent,
        "got " + std::to_string(got.status) + ", expected " + codes.to_json() + excerpt(got.body));
  }
  if (got.status == 200 || got.status == 204) {
    Value reply = Value::map();
    const auto content_type = header_value(got.headers, "Content-Type");
    if (content_type && *content_type == "application/json") {
      std::string error;
      if (!parse_json(got.body, reply, error))
        return mismatch("backend reply unreadable", sent, "echo reply is not JSON: " + error);
    } else {
      reply.set("method", Value::string(sent.method));
    }
    if (const Value* backend = check.find("backend")) {
      const std::string pod = reply.str("pod");
      if (pod.rfind(backend->str("name"), 0) != 0) {
        return mismatch("wrong backend", sent,
                        "answered by pod \"" + pod + "\", expected " + backend->str("name") + "-*");
      }
      if (reply.str("namespace") != backend->str("namespace")) {
        return mismatch("wrong backend", sent,
                        "answered from namespace \"" + reply.str("namespace") + "\", expected \"" +
                            backend->str("namespace") + "\"");
      }
    }
    if (const Value* expected = check.find("backendRequest")) {
      if (auto failure = compare_backend_request(*expected, reply, sent, backend_path))
        return failure;
    }
    if (auto failure = compare_response_headers(check["response"], sent, got)) return failure;
  }
  if (is_redirect(got.status)) {
    if (const Value* redirect = check.find("redirect")) {
      if (auto failure = compare_redirect(*redirect, sent, got)) return failure;
    }
  }
  return std::nullopt;
}

}  // namespace lintel::conformance
