//===----------------------------------------------------------------------===//
// mltrendd — http/beast_http_client.cpp
//===----------------------------------------------------------------------===//
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <utility>

#include "exchange.hpp"
#include "gzip.hpp"
#include "mltrendd/http/http_client.hpp"
#include "mltrendd/secrets/secrets.hpp"

#ifndef MLTREND_VERSION
#error "MLTREND_VERSION must be defined by the build (the project version)"
#endif

namespace mltrendd {
namespace {

namespace asio = boost::asio;
namespace beast_http = boost::beast::http;
using http_detail::BeastRequest;
using http_detail::BeastResponse;
using mltrend::Status;

std::string_view View(boost::beast::string_view text) { return {text.data(), text.size()}; }

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string Trimmed(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

// Headers the client owns: the caller's values would contradict the
// connection or the body actually sent.
bool IsClientOwned(std::string_view name) {
  using mltrend::Headers;
  return Headers::EqualsIgnoreCase(name, "Host") || Headers::EqualsIgnoreCase(name, "Content-Length") ||
         Headers::EqualsIgnoreCase(name, "Transfer-Encoding") || Headers::EqualsIgnoreCase(name, "Connection");
}

// Credentials meant for one origin never follow a redirect to another.
bool IsCredential(std::string_view name) {
  using mltrend::Headers;
  return Headers::EqualsIgnoreCase(name, "Authorization") || Headers::EqualsIgnoreCase(name, "Cookie") ||
         Headers::EqualsIgnoreCase(name, "Proxy-Authorization");
}

bool IsBodyHeader(std::string_view name) {
  using mltrend::Headers;
  return Headers::EqualsIgnoreCase(name, "Content-Type") || Headers::EqualsIgnoreCase(name, "Content-Encoding");
}

//! What the next hop of a redirect chain sends.
struct Hop {
  std::string method;
  Url url;
  mltrend::Headers headers;
  std::string body;
};

BeastRequest BuildRequest(const Hop& hop, const std::string& user_agent) {
  BeastRequest request;
  request.version(11);
  beast_http::verb verb = beast_http::string_to_verb(hop.method);
  if (verb == beast_http::verb::unknown) {
    request.method_string(hop.method);
  } else {
    request.method(verb);
  }
  request.target(hop.url.target);
  std::string host = hop.url.Origin().substr(hop.url.scheme.size() + 3);
  request.set(beast_http::field::host, host);
  request.set(beast_http::field::user_agent, user_agent);
  request.set(beast_http::field::accept_encoding, "gzip");
  // One connection per request: saying so lets the server close at once.
  request.set(beast_http::field::connection, "close");
  for (const auto& [name, value] : hop.headers.Items()) {
    if (IsClientOwned(name)) continue;
    if (mltrend::Headers::EqualsIgnoreCase(name, "User-Agent") ||
        mltrend::Headers::EqualsIgnoreCase(name, "Accept-Encoding")) {
      request.set(name, value);
    } else {
      request.insert(name, value);
    }
  }
  if (!hop.body.empty() || hop.method == "POST" || hop.method == "PUT" || hop.method == "PATCH") {
    request.body() = hop.body;
    request.prepare_payload();
  }
  return request;
}

// Rewrites `hop` to follow a redirect, as browsers and curl do: 303 (and 301/302
// after a POST) become a body-less GET; leaving the origin drops credentials.
void FollowRedirect(Hop& hop, int status, Url next) {
  bool to_get = status == 303 ? hop.method != "HEAD" : (status == 301 || status == 302) && hop.method == "POST";
  bool other_origin = next.Origin() != hop.url.Origin();
  mltrend::Headers kept;
  for (const auto& [name, value] : hop.headers.Items()) {
    if (other_origin && IsCredential(name)) continue;
    if (to_get && IsBodyHeader(name)) continue;
    kept.Add(name, value);
  }
  hop.headers = std::move(kept);
  if (to_get) {
    hop.method = "GET";
    hop.body.clear();
  }
  hop.url = std::move(next);
}

}  // namespace

struct BeastHttpClient::Impl {
  HttpClientOptions options;
  const mltrend::CancelToken* cancel;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  //! Why https cannot be used (an unreadable ca_file), reported on every https request.
  Status tls_setup;

  Status Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response);
  //! Copies a final (non-redirect) response out, gunzipping its body.
  Status Finish(const std::string& what, const Url& url, BeastResponse& beast_response,
                mltrend::HttpResponse& response) const;
  //! Gunzips (or moves) the body of a final response into `response`.
  Status FinishBody(const std::string& what, BeastResponse& beast_response, mltrend::HttpResponse& response) const;
  //! Copies status, headers and URL (the body already went to on_body).
  Status FinishHeaders(const Url& url, const BeastResponse& beast_response, mltrend::HttpResponse& response) const;
};

BeastHttpClient::BeastHttpClient(HttpClientOptions options, const mltrend::CancelToken* cancel)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->cancel = cancel;
  if (impl_->options.user_agent.empty()) impl_->options.user_agent = "mltrend/" MLTREND_VERSION;
  SSL_CTX_set_min_proto_version(impl_->tls.native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  impl_->tls.set_default_verify_paths(ec);
  if (ec) impl_->tls_setup = Status::IoError("cannot load the system CA store: " + ec.message());
  if (!impl_->options.ca_file.empty()) {
    impl_->tls.load_verify_file(impl_->options.ca_file.string(), ec);
    if (ec) {
      impl_->tls_setup =
          Status::IoError("cannot load ca_file " + impl_->options.ca_file.string() + ": " + ec.message());
    }
  }
  impl_->tls.set_verify_mode(impl_->options.verify_peer ? asio::ssl::verify_peer : asio::ssl::verify_none);
}

BeastHttpClient::~BeastHttpClient() = default;

Status BeastHttpClient::Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response) {
  response = mltrend::HttpResponse{};
  Status status = impl_->Send(request, response);
  if (!status.ok()) response = mltrend::HttpResponse{};
  return status;
}

Status BeastHttpClient::Impl::Send(const mltrend::HttpRequest& request, mltrend::HttpResponse& response) {
  Hop hop{request.method, {}, request.headers, request.body};
  if (auto s = ParseUrl(request.url, hop.url); !s.ok()) {
    return Status::Invalid("cannot send " + request.method + ": " + s.message());
  }
  http_detail::ExchangeLimits limits{options.connect_timeout,
                                     options.read_timeout,
                                     options.total_timeout,
                                     std::chrono::steady_clock::now() + options.total_timeout,
                                     options.max_body_bytes,
                                     options.verify_peer,
                                     cancel};
  // A streamed dump may take hours on a slow link, and the source commits
  // pages from inside on_body: only silence (read_timeout) bounds it.
  if (request.on_body) limits.total_deadline = std::chrono::steady_clock::time_point::max();
  for (int redirects = 0;; ++redirects) {
    std::string what = hop.method + " " + hop.url.ToString();
    if (cancel && cancel->Cancelled()) return Status::Cancelled(what + " was cancelled");
    bool https = hop.url.scheme == "https";
    if (https && !tls_setup.ok()) return Status::IoError(what + " failed: " + tls_setup.message());
    BeastResponse beast_response;
    bool streamed = false;
    Status s = request.on_body
                   ? http_detail::RunStreamingExchange(hop.url, https ? &tls : nullptr,
                                                       BuildRequest(hop, options.user_agent), limits, what,
                                                       request.on_body, beast_response, streamed)
                   : http_detail::RunExchange(hop.url, https ? &tls : nullptr, BuildRequest(hop, options.user_agent),
                                              limits, what, beast_response);
    if (!s.ok()) return s;
    if (streamed) return FinishHeaders(hop.url, beast_response, response);
    int status = beast_response.result_int();
    auto location = beast_response.find(beast_http::field::location);
    if (!IsRedirect(status) || location == beast_response.end()) return Finish(what, hop.url, beast_response, response);

    std::string location_text = Trimmed(View(location->value()));
    // A secret never travels in a URL: not to another origin, which must
    // not learn it, nor back into a response URL a source may keep.
    if (ContainsSecret(location_text)) {
      return Status::Invalid(what + " answered " + std::to_string(status) + " with a Location carrying a secret (" +
                             Redact(location_text) + "); not following it");
    }
    if (redirects >= options.max_redirects) {
      return Status::IoError(what + " was redirected more than max_redirects (" +
                             std::to_string(options.max_redirects) + ") times; the last Location was " + location_text);
    }
    std::string next_text;
    Url next;
    if (auto r = ResolveUrl(hop.url, location_text, next_text); !r.ok()) {
      return Status::Invalid(what + " answered " + std::to_string(status) + " with an unusable Location: " + r.message());
    }
    if (auto r = ParseUrl(next_text, next); !r.ok()) {
      return Status::Invalid(what + " answered " + std::to_string(status) + " with an unusable Location: " +
                             r.message());
    }
    FollowRedirect(hop, status, std::move(next));
  }
}

Status BeastHttpClient::Impl::FinishHeaders(const Url& url, const BeastResponse& beast_response,
                                            mltrend::HttpResponse& response) const {
  response.status = beast_response.result_int();
  for (const auto& field : beast_response) {
    response.headers.Add(std::string(field.name_string()), std::string(field.value()));
  }
  response.url = url.ToString();
  return Status::Ok();
}

Status BeastHttpClient::Impl::Finish(const std::string& what, const Url& url, BeastResponse& beast_response,
                                     mltrend::HttpResponse& response) const {
  (void)FinishHeaders(url, beast_response, response);
  Status s = FinishBody(what, beast_response, response);
  // An error body ends up in a status message, often cut short: redacted
  // whole here, a secret it echoes cannot be left half-visible by the cut.
  if (s.ok() && (response.status < 200 || response.status >= 300)) response.body = Redact(response.body);
  return s;
}

Status BeastHttpClient::Impl::FinishBody(const std::string& what, BeastResponse& beast_response,
                                         mltrend::HttpResponse& response) const {
  std::string& body = beast_response.body();
  std::string encoding = Trimmed(View(beast_response[beast_http::field::content_encoding]));
  bool gzip = mltrend::Headers::EqualsIgnoreCase(encoding, "gzip") ||
              mltrend::Headers::EqualsIgnoreCase(encoding, "x-gzip");
  if (gzip && !body.empty()) {
    if (auto s = http_detail::GunzipBody(body, options.max_body_bytes, response.body); !s.ok()) {
      return Status::IoError(what + " failed: " + s.message());
    }
    return Status::Ok();
  }
  if (!gzip && !encoding.empty() && !mltrend::Headers::EqualsIgnoreCase(encoding, "identity")) {
    return Status::IoError(what + " failed: the server sent Content-Encoding '" + encoding +
                           "', which was not asked for");
  }
  response.body = std::move(body);
  return Status::Ok();
}

}  // namespace mltrendd
