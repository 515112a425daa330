//===----------------------------------------------------------------------===//
// bench — load_client.cpp: GET load over the daemon's Unix socket
//===----------------------------------------------------------------------===//
// `mltrend-bench-load --socket PATH --target /v1/trends --clients C
// --seconds S` runs C threads, each with one keep-alive HTTP/1.1 connection,
// sending GETs back to back for S seconds (common HTTP load tools do not
// speak Unix sockets). Every answer must be a 200; the latency of each is
// kept, and one key=value line gives throughput and p50/p99/p999.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int Connect(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    ::close(fd);
    return -1;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

//! Reads one answer (Content-Length framed) from `fd`; `buffer` keeps what
//! arrived beyond it. False on a closed connection or a non-200 status.
bool ReadAnswer(int fd, std::string& buffer) {
  char chunk[65536];
  size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  bool ok = buffer.compare(0, 12, "HTTP/1.1 200") == 0;
  size_t length = 0;
  std::string head = buffer.substr(0, head_end);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  if (size_t at = head.find("content-length:"); at != std::string::npos) length = std::stoul(head.substr(at + 15));
  const size_t total = head_end + 4 + length;
  while (buffer.size() < total) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  buffer.erase(0, total);
  return ok;
}

struct Worker {
  std::vector<double> latencies_us;
  size_t errors = 0;
};

void Run(const std::string& socket, const std::string& request, Clock::time_point end, Worker& worker) {
  int fd = Connect(socket);
  std::string buffer;
  while (Clock::now() < end) {
    if (fd < 0) {
      ++worker.errors;
      fd = Connect(socket);
      if (fd < 0) std::this_thread::yield();
      continue;
    }
    auto start = Clock::now();
    bool ok = SendAll(fd, request) && ReadAnswer(fd, buffer);
    auto took = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    if (!ok) {
      ++worker.errors;
      ::close(fd);
      fd = -1;
      buffer.clear();
      continue;
    }
    worker.latencies_us.push_back(took);
  }
  if (fd >= 0) ::close(fd);
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t at = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string socket, target = "/v1/trends";
  int clients = 1;
  double seconds = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--socket") socket = argv[i + 1];
    else if (flag == "--target") target = argv[i + 1];
    else if (flag == "--clients") clients = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  if (socket.empty()) {
    std::cerr << "usage: mltrend-bench-load --socket PATH [--target T] [--clients C] [--seconds S]\n";
    return 2;
  }
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  std::vector<Worker> workers(static_cast<size_t>(clients));
  std::vector<std::thread> threads;
  auto start = Clock::now();
  auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (auto& worker : workers) threads.emplace_back(Run, socket, request, end, std::ref(worker));
  for (auto& thread : threads) thread.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  size_t errors = 0;
  for (const auto& worker : workers) {
    all.insert(all.end(), worker.latencies_us.begin(), worker.latencies_us.end());
    errors += worker.errors;
  }
  std::sort(all.begin(), all.end());
  std::printf("clients=%d requests=%zu errors=%zu rps=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f\n",
              clients, all.size(), errors, static_cast<double>(all.size()) / elapsed, Percentile(all, 0.5),
              Percentile(all, 0.99), Percentile(all, 0.999), all.empty() ? 0.0 : all.back());
  return all.empty() ? 1 : 0;
}
