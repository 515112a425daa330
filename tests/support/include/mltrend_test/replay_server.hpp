//===----------------------------------------------------------------------===//
// tests — replay_server.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mltrend_test {

//! One recorded HTTP exchange: a request to match and the response to send.
//! `{{base_url}}` in header values and body is replaced by the server's own
//! base URL ("http://127.0.0.1:PORT"), so recorded `Link` cursors point back
//! at the replay server. `{{now}}`, `{{now+N}}` and `{{now-N}}` in header
//! values become the Unix epoch seconds at serving time (plus or minus N), so
//! recorded `x-ratelimit-reset` epochs can lie a known distance in the future.
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
  //! Send the body gzip-compressed (with `Content-Encoding: gzip`) when the
  //! request's Accept-Encoding allows it, as the Hub and GitHub do.
  bool gzip = false;
  //! When set, the exchange answers only a request whose header `first`
  //! (case-insensitive) equals `second` exactly, e.g. If-None-Match with a
  //! weak ETag for a 304. Such exchanges are tried before the unconditional
  //! ones of the same method+target, and do not advance their order.
  std::optional<std::pair<std::string, std::string>> when_header;
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
//! A 200 answer honours a single `Range: bytes=a-b` (also `a-`, `-n`) as a
//! static file server does: 206 with Content-Range and the slice, 416 when
//! the range starts past the end (replay/render.hpp, ApplyRange).
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
  //! (a string) or body_file (a path relative to `dir`). Optional keys:
  //! behaviour ("normal", "never_answer", "dribble", "close_early"),
  //! dribble_interval_ms, gzip (bool), when_header ([name, value]: answer only
  //! requests carrying that header value). Only target is required; blank lines
  //! are skipped. Throws std::runtime_error naming the file and line of the
  //! first malformed entry.
  void LoadDirectory(const std::filesystem::path& dir);

  //! Binds and starts serving on a background thread; Port() is valid after.
  //! Throws std::system_error when the port cannot be bound or the TLS files
  //! cannot be loaded.
  void Start();
  //! Stops serving and closes every open connection; idempotent.
  void Stop();
  uint16_t Port() const;
  //! "http://127.0.0.1:PORT" (or https://localhost:PORT with tls).
  std::string BaseUrl() const;

  //! Every request received so far, in arrival order.
  std::vector<RecordedRequest> Requests() const;
  size_t RequestCount(const std::string& target) const;
  //! Blocks until at least `n` requests have arrived (counted when a request
  //! has been read, before it is answered) or `deadline` passes; true when
  //! they arrived. Tests wait on this instead of sleeping.
  bool WaitForRequests(size_t n, std::chrono::milliseconds deadline) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mltrend_test
