//===----------------------------------------------------------------------===//
// tests — replay_server.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mltrend_test {

//! One recorded HTTP exchange: a request to match and the response to send.
//! `{{base_url}}` in header values and body is replaced by the server's own
//! base URL ("http://127.0.0.1:PORT"), so recorded `Link` cursors point back
//! at the replay server.
struct Exchange {
  std::string method = "GET";
  //! Path and query to match exactly (query parameter order matters).
  std::string target;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  //! How a misbehaving server behaves instead of answering at once.
  enum class Behaviour {
    kNormal,
    kNeverAnswer,  //!< accept, read the request, never write
    kDribble,      //!< write the response one byte every `dribble_interval`
    kCloseEarly,   //!< write half the body, then close (truncated response)
  } behaviour = Behaviour::kNormal;
  std::chrono::milliseconds dribble_interval{1000};
};

struct RecordedRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  //! The value of a request header (case-insensitive), "" when absent.
  std::string Header(std::string_view name) const;
};

//! A real HTTP/1.1 (or HTTPS) server on 127.0.0.1 serving recorded
//! exchanges, for testing every network path of the daemon without the
//! internet. Exchanges for the same method+target are served in the order
//! added; the last one repeats. An unknown target gets a 404 JSON error.
class ReplayServer {
 public:
  struct Options {
    bool tls = false;
    std::filesystem::path cert_chain;  //!< PEM, used when tls
    std::filesystem::path private_key;  //!< PEM, used when tls
    uint16_t port = 0;                  //!< 0: any free port
  };
  ReplayServer();
  explicit ReplayServer(Options options);
  ~ReplayServer();  //!< stops the server

  void Add(Exchange exchange);
  //! Loads `exchanges.jsonl` from `dir`: one JSON object a line with keys
  //! method, target, status, headers ([[name, value], ...]) and either body
  //! (a string) or body_file (a path relative to `dir`).
  void LoadDirectory(const std::filesystem::path& dir);

  //! Binds and starts serving on a background thread; Port() is valid after.
  void Start();
  void Stop();
  uint16_t Port() const;
  //! "http://127.0.0.1:PORT" (or https://localhost:PORT with tls).
  std::string BaseUrl() const;

  //! Every request received so far, in arrival order.
  std::vector<RecordedRequest> Requests() const;
  size_t RequestCount(const std::string& target) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltrend_test
