//===----------------------------------------------------------------------===//
// tests — replay/render.cpp
//===----------------------------------------------------------------------===//
#include "render.hpp"

#include <zlib.h>

#include <boost/beast/http/status.hpp>
#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace mltrend_test::replay_detail {
namespace {

bool IsFramingHeader(std::string_view name) {
  auto eq = [&](std::string_view other) {
    if (name.size() != other.size()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(name[i])) != other[i]) return false;
    }
    return true;
  };
  return eq("content-length") || eq("transfer-encoding") || eq("connection");
}

// JSON string escaping for the 404 body; targets are printable ASCII in practice.
std::string JsonEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string SubstituteBaseUrl(std::string_view text, const std::string& base_url) {
  static constexpr std::string_view kPlaceholder = "{{base_url}}";
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = text.find(kPlaceholder, pos);
    out.append(text.substr(pos, hit - pos));
    if (hit == std::string_view::npos) return out;
    out += base_url;
    pos = hit + kPlaceholder.size();
  }
}

std::string SubstituteNow(std::string_view text, int64_t now_epoch) {
  static constexpr std::string_view kOpen = "{{now";
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = text.find(kOpen, pos);
    if (hit == std::string_view::npos) {
      out.append(text.substr(pos));
      return out;
    }
    out.append(text.substr(pos, hit - pos));
    size_t close = text.find("}}", hit);
    std::string_view inner =
        close == std::string_view::npos ? std::string_view{} : text.substr(hit + kOpen.size(), close - hit - kOpen.size());
    int64_t offset = 0;
    bool ok = close != std::string_view::npos;
    if (ok && !inner.empty()) {
      ok = (inner[0] == '+' || inner[0] == '-') && inner.size() > 1 && inner.size() < 12;
      for (size_t i = 1; ok && i < inner.size(); ++i) ok = inner[i] >= '0' && inner[i] <= '9';
      if (ok) offset = std::stoll(std::string(inner.substr(1))) * (inner[0] == '-' ? -1 : 1);
    }
    if (!ok) {
      out.append(kOpen);
      pos = hit + kOpen.size();
      continue;
    }
    out += std::to_string(now_epoch + offset);
    pos = close + 2;
  }
}

std::string GzipCompress(std::string_view body) {
  z_stream zs{};
  // 16 + MAX_WBITS: write the gzip wrapper rather than raw zlib.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("cannot initialise zlib deflate");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(body.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip compression did not finish");
  return out;
}

std::string RenderResponse(const Exchange& exchange, bool keep_alive, bool accepts_gzip) {
  bool gzip = exchange.gzip && accepts_gzip;
  std::string body = gzip ? GzipCompress(exchange.body) : exchange.body;
  std::string reason(boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(exchange.status)));
  std::string out = "HTTP/1.1 " + std::to_string(exchange.status) + " " + reason + "\r\n";
  for (const auto& [name, value] : exchange.headers) {
    if (!IsFramingHeader(name)) out += name + ": " + value + "\r\n";
  }
  if (gzip) out += "Content-Encoding: gzip\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  out += "\r\n";
  out += body;
  return out;
}

namespace {

// A decimal without sign; nullopt when empty, not digits, or too long.
std::optional<uint64_t> ParseBytePos(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

Exchange ApplyRange(Exchange exchange, std::string_view range) {
  static constexpr std::string_view kUnit = "bytes=";
  if (range.empty() || exchange.status != 200 || !range.starts_with(kUnit)) return exchange;
  std::string_view spec = range.substr(kUnit.size());
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return exchange;
  const uint64_t size = exchange.body.size();
  std::optional<uint64_t> first = ParseBytePos(spec.substr(0, dash));
  std::optional<uint64_t> last = ParseBytePos(spec.substr(dash + 1));
  if (dash > 0 && !first) return exchange;  // "bytes=x-3"
  uint64_t from = 0;
  uint64_t to = 0;
  bool satisfiable = true;
  if (first) {
    if (dash + 1 < spec.size() && !last) return exchange;
    if (last && *last < *first) return exchange;
    from = *first;
    to = last ? std::min(*last, size == 0 ? 0 : size - 1) : size - 1;
    satisfiable = *first < size;
  } else {
    if (!last) return exchange;  // "bytes=-" or garbage
    satisfiable = *last > 0 && size > 0;
    from = size - std::min(*last, size);
    to = size - 1;
  }
  exchange.gzip = false;
  std::erase_if(exchange.headers, [](const auto& header) {
    std::string lower = header.first;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "content-range";
  });
  if (!satisfiable) {
    exchange.status = 416;
    exchange.body.clear();
    exchange.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
    return exchange;
  }
  exchange.status = 206;
  exchange.body = exchange.body.substr(from, to - from + 1);
  exchange.headers.emplace_back("Content-Range",
                                "bytes " + std::to_string(from) + "-" + std::to_string(to) + "/" + std::to_string(size));
  return exchange;
}

Exchange NotFoundExchange(const std::string& method, const std::string& target) {
  Exchange exchange;
  exchange.method = method;
  exchange.target = target;
  exchange.status = 404;
  exchange.headers = {{"Content-Type", "application/json"}};
  exchange.body = "{\"error\":\"no recorded exchange for " + JsonEscape(method) + " " + JsonEscape(target) + "\"}";
  return exchange;
}

}  // namespace mltrend_test::replay_detail
