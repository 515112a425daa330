//===----------------------------------------------------------------------===//
// tests — replay/replay_server.cpp
//===----------------------------------------------------------------------===//
#include "mltrend_test/replay_server.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "render.hpp"
#include "session.hpp"

namespace mltrend_test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string RecordedRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() != name.size()) continue;
    bool same = std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    if (same) return value;
  }
  return "";
}

struct ReplayServer::Impl final : replay_detail::ExchangeSource {
  explicit Impl(Options opts) : options(std::move(opts)) {}

  Exchange Answer(RecordedRequest request) override {
    std::lock_guard lock(mutex);
    std::string key = request.method + " " + request.target;
    Exchange answer;
    auto it = exchanges.find(key);
    const Exchange* chosen = it == exchanges.end() ? nullptr : Choose(it->second, key, request);
    if (!chosen) {
      answer = replay_detail::NotFoundExchange(request.method, request.target);
    } else {
      answer = *chosen;
      const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      for (auto& header : answer.headers) {
        header.second = replay_detail::SubstituteNow(replay_detail::SubstituteBaseUrl(header.second, base_url), now);
      }
      answer.body = replay_detail::SubstituteBaseUrl(answer.body, base_url);
    }
    requests.push_back(std::move(request));
    requests_changed.notify_all();
    return answer;
  }

  //! A `when_header` exchange the request satisfies, else the next of the
  //! unconditional ones in order (the last repeating); nullptr when none.
  const Exchange* Choose(const std::vector<Exchange>& candidates, const std::string& key,
                         const RecordedRequest& request) {
    std::vector<const Exchange*> plain;
    for (const Exchange& e : candidates) {
      if (!e.when_header) {
        plain.push_back(&e);
      } else if (request.Header(e.when_header->first) == e.when_header->second &&
                 !request.Header(e.when_header->first).empty()) {
        return &e;
      }
    }
    if (plain.empty()) return nullptr;
    size_t& next = served[key];
    const Exchange* e = plain[std::min(next, plain.size() - 1)];
    ++next;
    return e;
  }

  void Accept() {
    acceptor->async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
      if (!ec) {
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        if (tls) {
          replay_detail::StartTlsSession(std::move(socket), *tls, *this);
        } else {
          replay_detail::StartPlainSession(std::move(socket), *this);
        }
      }
      Accept();
    });
  }

  Options options;
  mutable std::mutex mutex;
  mutable std::condition_variable requests_changed;
  //! Keyed by "METHOD target"; served in order, the last one repeating.
  std::map<std::string, std::vector<Exchange>> exchanges;
  std::map<std::string, size_t> served;
  std::vector<RecordedRequest> requests;
  std::string base_url;  //!< set once before the I/O thread starts
  uint16_t port = 0;

  // Declared after everything the sessions touch, so they die first.
  std::unique_ptr<asio::ssl::context> tls;
  std::unique_ptr<asio::io_context> ioc;
  std::optional<tcp::acceptor> acceptor;
  std::thread thread;
};

ReplayServer::ReplayServer() : ReplayServer(Options{}) {}

ReplayServer::ReplayServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

ReplayServer::~ReplayServer() { Stop(); }

void ReplayServer::Add(Exchange exchange) {
  std::lock_guard lock(impl_->mutex);
  std::string key = exchange.method + " " + exchange.target;
  impl_->exchanges[key].push_back(std::move(exchange));
}

void ReplayServer::Start() {
  if (impl_->ioc) throw std::logic_error("ReplayServer::Start called twice");
  if (impl_->options.tls) {
    impl_->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(impl_->options.cert_chain.string());
    impl_->tls->use_private_key_file(impl_->options.private_key.string(), asio::ssl::context::pem);
  }
  impl_->ioc = std::make_unique<asio::io_context>(1);
  auto& acceptor = impl_->acceptor.emplace(*impl_->ioc);
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), impl_->options.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen();
  impl_->port = acceptor.local_endpoint().port();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->base_url = BaseUrl();
  }
  impl_->Accept();
  impl_->thread = std::thread([impl = impl_.get()] {
    auto guard = asio::make_work_guard(*impl->ioc);
    impl->ioc->run();
  });
}

void ReplayServer::Stop() {
  if (!impl_->ioc) return;
  impl_->ioc->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  // Destroying the io_context destroys the pending handlers, and with them
  // the sessions they keep alive: every connection closes here.
  impl_->acceptor.reset();
  impl_->ioc.reset();
}

uint16_t ReplayServer::Port() const { return impl_->port; }

std::string ReplayServer::BaseUrl() const {
  return (impl_->options.tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(impl_->port);
}

std::vector<RecordedRequest> ReplayServer::Requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

size_t ReplayServer::RequestCount(const std::string& target) const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<size_t>(std::count_if(impl_->requests.begin(), impl_->requests.end(),
                                           [&](const RecordedRequest& r) { return r.target == target; }));
}

bool ReplayServer::WaitForRequests(size_t n, std::chrono::milliseconds deadline) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->requests_changed.wait_for(lock, deadline, [&] { return impl_->requests.size() >= n; });
}

}  // namespace mltrend_test
