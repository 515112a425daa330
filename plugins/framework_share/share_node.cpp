//===----------------------------------------------------------------------===//
// framework_share — share_node.cpp
//===----------------------------------------------------------------------===//
#include "share_node.hpp"

#include <algorithm>
#include <cstdint>

#include "mltrend/varint.hpp"

namespace mltrend::share {
namespace {

constexpr char kSeparator = kKeySeparator;
constexpr uint8_t kNodeVersion = 1;

using mltrend::PutVarint;
using mltrend::UnZigZag;
using mltrend::ZigZag;

void PutString(std::string& out, std::string_view s) { mltrend::PutLengthPrefixed(out, s); }

// Reads front to back; any failure makes every later read fail too.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool Varint(uint64_t& v) {
    if (ok_ && mltrend::ReadVarint(bytes_, pos_, v) == mltrend::VarintError::kNone) return true;
    return ok_ = false;
  }
  bool Small(uint8_t& v, uint64_t max) {
    uint64_t x = 0;
    if (!Varint(x) || x > max) return ok_ = false;
    v = static_cast<uint8_t>(x);
    return true;
  }
  bool String(std::string& s) {
    uint64_t n = 0;
    if (!Varint(n) || n > bytes_.size() - pos_) return ok_ = false;
    s.assign(bytes_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool Done() const { return ok_ && pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void PutSignature(std::string& out, const Signature& s) {
  PutVarint(out, static_cast<uint64_t>(s.grade));
  PutVarint(out, s.set);
  PutVarint(out, static_cast<uint64_t>(s.file_reason));
  PutVarint(out, static_cast<uint64_t>(s.base_reason));
  PutVarint(out, s.format);
}

bool ReadSignature(Reader& r, Signature& s) {
  uint8_t grade = 0, file_reason = 0, base_reason = 0;
  const bool ok = r.Small(grade, 3) && r.Varint(s.set) &&
                  r.Small(file_reason, static_cast<uint64_t>(FileReason::kUnmatched)) &&
                  r.Small(base_reason, static_cast<uint64_t>(BaseReason::kBaseUnknown)) && r.Small(s.format, 63);
  s.grade = static_cast<Grade>(grade);
  s.file_reason = static_cast<FileReason>(file_reason);
  s.base_reason = static_cast<BaseReason>(base_reason);
  return ok;
}

}  // namespace

std::string NodeNamePrefix(std::string_view source, std::string_view name) {
  std::string key(kNodePrefix);
  key.append(source).push_back(kSeparator);
  if (!name.empty()) key.append(name).push_back(kSeparator);
  return key;
}

std::string NodeKey(std::string_view source, std::string_view name, std::string_view id) {
  return NodeNamePrefix(source, name).append(id);
}

std::string EdgePrefix(std::string_view source, std::string_view base) {
  std::string key(kEdgePrefix);
  key.append(source).push_back(kSeparator);
  key.append(base).push_back(kSeparator);
  return key;
}

std::string EncodeNode(const Node& node) {
  std::string out;
  // Every field but the strings takes at most a few bytes.
  size_t strings = node.id.size() + node.slice_label.size();
  for (const auto& base : node.bases) strings += base.size() + 2;
  out.reserve(strings + 64 + 10 * node.weights.v.size());
  out.push_back(static_cast<char>(kNodeVersion));
  PutString(out, node.id);
  PutVarint(out, static_cast<uint64_t>(node.own.grade));
  PutVarint(out, node.own.set);
  PutVarint(out, node.bases.size());
  for (const auto& base : node.bases) PutString(out, base);
  PutVarint(out, static_cast<uint64_t>(node.file_reason));
  PutVarint(out, node.format);
  PutVarint(out, node.counted ? 1 : 0);
  PutString(out, node.slice_label);
  for (int64_t w : node.weights.v) PutVarint(out, ZigZag(w));
  PutSignature(out, node.signature);
  return out;
}

bool DecodeNode(std::string_view bytes, Node& out) {
  out = Node{};
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kNodeVersion) return false;
  Reader r(bytes.substr(1));
  uint8_t grade = 0, file_reason = 0, counted = 0;
  uint64_t bases = 0;
  if (!r.String(out.id) || !r.Small(grade, 2) || !r.Varint(out.own.set) || !r.Varint(bases) || bases > bytes.size())
    return false;
  out.own.grade = static_cast<Grade>(grade);
  out.bases.resize(bases);
  for (auto& base : out.bases)
    if (!r.String(base)) return false;
  if (!r.Small(file_reason, static_cast<uint64_t>(FileReason::kUnmatched)) || !r.Small(out.format, 63) ||
      !r.Small(counted, 1) || !r.String(out.slice_label))
    return false;
  out.file_reason = static_cast<FileReason>(file_reason);
  out.counted = counted == 1;
  for (int64_t& w : out.weights.v) {
    uint64_t z = 0;
    if (!r.Varint(z)) return false;
    w = UnZigZag(z);
  }
  return ReadSignature(r, out.signature) && r.Done();
}

mltrend::Status NodeStore::Find(std::string_view source, std::string_view name, std::vector<Node>& out) {
  out.clear();
  const std::string prefix = NodeNamePrefix(source, name);
  const auto pending = nodes_.find(prefix);
  if (!ctx_) {
    if (pending != nodes_.end())
      for (const auto& [id, node] : pending->second)
        if (node) out.push_back(*node);
    if (auto settled = settled_.find(prefix); settled != settled_.end()) {
      Node& stand_in = out.emplace_back();
      stand_in.own.set = settled->second;
      stand_in.settled = true;
    }
    return mltrend::Status::Ok();
  }
  std::map<std::string, std::optional<Node>, std::less<>> found;  // by id
  bool unreadable = false;
  auto s = ctx_->ScanState(prefix, [&](std::string_view key, std::string_view value) {
    Node node;
    if (!DecodeNode(value, node)) unreadable = true;
    else found.emplace(key.substr(prefix.size()), std::move(node));
  });
  if (!s.ok()) return s;
  if (unreadable)
    return mltrend::Status::Internal("framework_share: a lineage node of '" + std::string(name) + "' in source " +
                                     std::string(source) + " is unreadable (the next start recomputes)");
  if (pending != nodes_.end())
    for (const auto& [id, node] : pending->second) found[id] = node;
  for (auto& [id, node] : found)
    if (node) out.push_back(std::move(*node));
  return mltrend::Status::Ok();
}

namespace {

//! The entry for `id` in `versions` (kept in id order), made if absent.
std::optional<Node>& VersionOf(std::vector<std::pair<std::string, std::optional<Node>>>& versions,
                               std::string_view id) {
  auto it = std::lower_bound(versions.begin(), versions.end(), id,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it == versions.end() || it->first != id) it = versions.emplace(it, std::string(id), std::nullopt);
  return it->second;
}

}  // namespace

void NodeStore::Put(std::string_view source, std::string_view name, Node node) {
  std::string id = node.id;
  VersionOf(nodes_[NodeNamePrefix(source, name)], id) = std::move(node);
}

void NodeStore::Erase(std::string_view source, std::string_view name, std::string_view id) {
  VersionOf(nodes_[NodeNamePrefix(source, name)], id) = std::nullopt;
}

mltrend::Status NodeStore::Children(std::string_view source, std::string_view base, std::vector<std::string>& out) {
  out.clear();
  const std::string prefix = EdgePrefix(source, base);
  std::map<std::string, bool, std::less<>> found;  // "<child>\x1f<id>" -> present
  if (ctx_ && (!bases_ || bases_->MayHave(prefix))) {
    auto s = ctx_->ScanState(prefix, [&](std::string_view key, std::string_view) {
      found.emplace(key.substr(prefix.size()), true);
    });
    if (!s.ok()) return s;
  }
  if (auto pending = edges_.find(prefix); pending != edges_.end())
    for (const auto& [rest, present] : pending->second) found[rest] = present;
  for (const auto& [rest, present] : found) {
    if (!present) continue;
    const std::string_view child = std::string_view(rest).substr(0, rest.find(kSeparator));
    if (out.empty() || out.back() != child) out.emplace_back(child);
  }
  return mltrend::Status::Ok();
}

void NodeStore::Link(std::string_view source, std::string_view base, std::string_view child,
                     std::string_view child_id, bool present) {
  std::string rest(child);
  rest.push_back(kSeparator);
  rest.append(child_id);
  std::string prefix = EdgePrefix(source, base);
  if (bases_ && present) bases_->Add(prefix);
  // A recompute only ever adds edges and never reads them back: streamed out.
  if (stream_max_ && present) return StreamOp(prefix.append(rest), "");
  edges_[std::move(prefix)][std::move(rest)] = present;
}

std::vector<std::string> NodeStore::WrittenNames(std::string_view source,
                                                 const std::function<bool(const Node&)>& keep) const {
  const std::string prefix = NodeNamePrefix(source, "");
  std::vector<std::string> names;
  for (const auto& [name_prefix, versions] : nodes_) {
    if (!name_prefix.starts_with(prefix)) continue;
    if (std::none_of(versions.begin(), versions.end(), [&](const auto& v) { return v.second && keep(*v.second); }))
      continue;
    // NodeNamePrefix ends in the separator after the name.
    names.emplace_back(std::string_view(name_prefix).substr(prefix.size(), name_prefix.size() - prefix.size() - 1));
  }
  return names;
}

void NodeStore::Drain(const std::function<void(std::string, std::optional<std::string>)>& emit) {
  for (auto it = nodes_.begin(); it != nodes_.end(); it = nodes_.erase(it))
    for (const auto& [id, node] : it->second)
      emit(it->first + id, node ? std::optional<std::string>(EncodeNode(*node)) : std::nullopt);
  for (auto it = edges_.begin(); it != edges_.end(); it = edges_.erase(it))
    for (const auto& [rest, present] : it->second)
      emit(it->first + rest, present ? std::optional<std::string>("") : std::nullopt);
}

void NodeStore::Write(mltrend::StateBatch& batch) {
  Drain([&](std::string key, std::optional<std::string> value) {
    batch.ops.emplace_back(std::move(key), std::move(value));
  });
}

void NodeStore::Stream(size_t max_ops, std::function<mltrend::Status(mltrend::StateBatch&)> commit) {
  stream_max_ = std::max<size_t>(1, max_ops);
  stream_commit_ = std::move(commit);
}

void NodeStore::StreamOp(std::string key, std::optional<std::string> value) {
  if (!stream_status_.ok()) return;
  stream_.ops.emplace_back(std::move(key), std::move(value));
  if (stream_.ops.size() < stream_max_) return;
  stream_status_ = stream_commit_(stream_);
  stream_.ops.clear();
}

mltrend::Status NodeStore::PutSettled(std::string_view source, std::string_view name, Node node) {
  if (!stream_max_) return mltrend::Status::Internal("framework_share: PutSettled called before Stream");
  std::string prefix = NodeNamePrefix(source, name);
  settled_[prefix] |= node.Exported();
  StreamOp(prefix.append(node.id), EncodeNode(node));
  return stream_status_;
}

mltrend::Status NodeStore::WriteRest() {
  if (!stream_max_) return mltrend::Status::Internal("framework_share: WriteRest called before Stream");
  Drain([&](std::string key, std::optional<std::string> value) { StreamOp(std::move(key), std::move(value)); });
  if (stream_status_.ok() && !stream_.ops.empty()) stream_status_ = stream_commit_(stream_);
  stream_.ops.clear();
  return stream_status_;
}

}  // namespace mltrend::share
