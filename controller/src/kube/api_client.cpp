#include "api_client.h"

#include <cpprest/containerstream.h>
#include <cpprest/http_client.h>

#include <boost/asio/ssl.hpp>
#include <map>
#include <mutex>

#include "lintel/support/file.h"

namespace lintel::controller::kube {

namespace {

namespace http = web::http;
namespace client = web::http::client;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

}  // namespace

struct ApiClient::Impl {
  ClusterAccess access;
  std::mutex mutex;
  pplx::cancellation_token_source watches;
  // One client per timeout, kept: cpprestsdk pools its connections per client, so requests
  // reuse them (keep-alive) instead of connecting for each.
  std::map<long, std::shared_ptr<client::http_client>> clients;

  std::shared_ptr<client::http_client> client_for(std::chrono::milliseconds timeout) {
    std::lock_guard lock(mutex);
    auto& slot = clients[timeout.count()];
    if (!slot)
      slot = std::make_shared<client::http_client>(web::uri(access.server), config(timeout));
    return slot;
  }

  client::http_client_config config(std::chrono::milliseconds timeout) const {
    client::http_client_config out;
    out.set_timeout(timeout);
    out.set_validate_certificates(!access.insecure_skip_tls_verify);
    const ClusterAccess tls = access;
    out.set_ssl_context_callback([tls](boost::asio::ssl::context& context) {
      if (!tls.certificate_authority_pem.empty())
        context.add_certificate_authority(boost::asio::buffer(tls.certificate_authority_pem));
      if (!tls.client_certificate_pem.empty() && !tls.client_key_pem.empty()) {
        context.use_certificate_chain(boost::asio::buffer(tls.client_certificate_pem));
        context.use_private_key(boost::asio::buffer(tls.client_key_pem),
                                boost::asio::ssl::context::pem);
      }
    });
    return out;
  }

  http::http_request request(const http::method& method, const std::string& path) const {
    http::http_request out(method);
    out.set_request_uri(path);
    out.headers().add("Accept", "application/json");
    const std::string token =
        access.token_file.empty()
            ? access.token
            : trimmed(support::read_file(access.token_file).value_or(std::string()));
    if (!token.empty()) out.headers().add("Authorization", "Bearer " + token);
    return out;
  }

  ApiResponse send(http::http_request request, std::chrono::milliseconds timeout) {
    ApiResponse out;
    try {
      http::http_response response = client_for(timeout)->request(request).get();
      out.status = response.status_code();
      out.body = response.extract_utf8string(true).get();
    } catch (const std::exception& failure) {
      out.status = 0;
      out.body = failure.what();
    }
    return out;
  }
};

ApiClient::ApiClient(ClusterAccess access) : impl_(std::make_unique<Impl>()) {
  impl_->access = std::move(access);
}

ApiClient::~ApiClient() = default;

ApiResponse ApiClient::get(const std::string& path_and_query, std::chrono::milliseconds timeout) {
  return impl_->send(impl_->request(http::methods::GET, path_and_query), timeout);
}

ApiResponse ApiClient::put(const std::string& path, const std::string& json,
                           std::chrono::milliseconds timeout) {
  http::http_request request = impl_->request(http::methods::PUT, path);
  request.set_body(json, "application/json");
  return impl_->send(std::move(request), timeout);
}

ApiResponse ApiClient::post(const std::string& path, const std::string& json,
                            std::chrono::milliseconds timeout) {
  http::http_request request = impl_->request(http::methods::POST, path);
  request.set_body(json, "application/json");
  return impl_->send(std::move(request), timeout);
}

ApiResponse ApiClient::watch(const std::string& path_and_query,
                             const std::function<bool(const std::string& event)>& on_event,
                             std::chrono::seconds idle_timeout) {
  pplx::cancellation_token token = pplx::cancellation_token::none();
  {
    std::lock_guard lock(impl_->mutex);
    token = impl_->watches.get_token();
  }
  ApiResponse out;
  try {
    client::http_client http_client(web::uri(impl_->access.server), impl_->config(idle_timeout));
    http::http_response response =
        http_client.request(impl_->request(http::methods::GET, path_and_query), token).get();
    out.status = response.status_code();
    if (out.status != http::status_codes::OK) {
      out.body = response.extract_utf8string(true).get();
      return out;
    }
    // The response's task completes with the headers; the body streams in as events come.
    concurrency::streams::istream body = response.body();
    while (!token.is_canceled()) {
      concurrency::streams::container_buffer<std::string> line;
      const size_t read = body.read_line(line).get();
      if (read == 0 && body.is_eof()) break;
      const std::string& text = line.collection();
      if (text.empty()) continue;
      if (!on_event(text)) break;
    }
  } catch (const std::exception& failure) {
    out.status = 0;
    out.body = failure.what();
  }
  return out;
}

void ApiClient::cancel_watches() {
  std::lock_guard lock(impl_->mutex);
  impl_->watches.cancel();
  impl_->watches = pplx::cancellation_token_source();
}

}  // namespace lintel::controller::kube
