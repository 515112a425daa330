//===----------------------------------------------------------------------===//
// framework_share — share_node.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "share_base_filter.hpp"
#include "share_cell.hpp"
#include "share_tally.hpp"
#include "mltrend/sink.hpp"
#include "mltrend/status.hpp"

namespace mltrend::share {

//! What the sink keeps of one record so that lineage can be resolved and a
//! record refolded without reading it again: its own evidence, its bases,
//! where it counts and with what weights, and the signature it is counted
//! with now. Stored under NodeKey(source, LineageName(name)).
struct Node {
  std::string id;                  //!< the record's id (explain reads the record by it)
  Own own;                         //!< its own evidence, strongest grade
  std::vector<std::string> bases;  //!< BaseNames
  FileReason file_reason = FileReason::kNone;
  uint8_t format = 0;
  bool counted = true;      //!< false: kept for lineage only (official_only, lineage_only)
  std::string slice_label;  //!< SliceLabel of its cohort month, task and libraries
  Measure weights;
  Signature signature;      //!< what it contributes to the cells now
  //! Memory-only mode: a stand-in Find returns for nodes already streamed
  //! out (NodeStore::PutSettled), carrying only what they export as
  //! `own.set`. Never encoded, never solved.
  bool settled = false;

  //! The set its descendants inherit: its own, else what it inherited.
  FrameworkSet Exported() const { return own.set ? own.set : signature.set; }
  bool operator==(const Node&) const = default;
};

std::string EncodeNode(const Node& node);
//! Inverse of EncodeNode; false on malformed bytes.
bool DecodeNode(std::string_view bytes, Node& out);

//! "node/<source>\x1f<name>\x1f<id>" and
//! "edge/<source>\x1f<base>\x1f<child name>\x1f<child id>". The unit
//! separator (\x1f) occurs in no record name and keeps a name's '/'. The id
//! is part of the key because two records of one source may share a name
//! for a while (a repository deleted and created again before a refresh).
std::string NodeKey(std::string_view source, std::string_view name, std::string_view id);
//! The prefix of every node of `name` ("" name: of every node of `source`).
std::string NodeNamePrefix(std::string_view source, std::string_view name);
std::string EdgePrefix(std::string_view source, std::string_view base);
inline constexpr std::string_view kNodePrefix = "node/";
//! Ends the source and the name (or base) in node and edge keys.
inline constexpr char kKeySeparator = '\x1f';
inline constexpr std::string_view kEdgePrefix = "edge/";

//! The sink's nodes and reverse lineage edges (base -> children), read
//! through a SinkContext's state with the writes of the step in progress
//! held in memory until Write, so a fold chunk sees its own changes and
//! commits them with its cells. Without a context it is memory only: a
//! full recompute, which streams nodes out as they are final (Stream).
class NodeStore {
 public:
  //! With `bases` (a fold), Children skips the state seek for a base the
  //! filter has never seen, and Link adds the bases it links to it.
  explicit NodeStore(mltrend::SinkContext* ctx, BaseFilter* bases = nullptr) : ctx_(ctx), bases_(bases) {}

  //! Every node named `name` in `source` (usually one; none: no such
  //! record), in id order. Costs a prefix seek unless only pending writes hold it.
  mltrend::Status Find(std::string_view source, std::string_view name, std::vector<Node>& out);
  void Put(std::string_view source, std::string_view name, Node node);
  void Erase(std::string_view source, std::string_view name, std::string_view id);
  //! Distinct names of the records that name `base` as a base model.
  mltrend::Status Children(std::string_view source, std::string_view base, std::vector<std::string>& out);
  void Link(std::string_view source, std::string_view base, std::string_view child, std::string_view child_id,
            bool present);
  //! With a context (a fold): moves every pending write into `batch`
  //! (nodes encoded, erased nodes and unlinked edges deleted) and forgets them.
  void Write(mltrend::StateBatch& batch);

  //! Memory-only mode (a full recompute): from now on every edge, every
  //! PutSettled node and, at WriteRest, every other node go to `commit` in
  //! batches of at most `max_ops` puts as they come, so a million nodes are
  //! never all in memory, nor one batch. After a commit fails, nothing more
  //! is committed and every later call returns that failure.
  void Stream(size_t max_ops, std::function<mltrend::Status(mltrend::StateBatch&)> commit);
  //! A node whose contribution is final (nothing to solve), streamed out,
  //! keeping only its name's export for Find. The stream's status; only
  //! after Stream (an Internal error otherwise).
  mltrend::Status PutSettled(std::string_view source, std::string_view name, Node node);
  //! Streams every node and edge still held, then the last partial batch.
  //! Only after Stream (an Internal error otherwise).
  mltrend::Status WriteRest();
  //! The names of `source` with a node written in this step (memory-only
  //! mode: every node) that `keep` accepts, each once, in no set order.
  std::vector<std::string> WrittenNames(std::string_view source, const std::function<bool(const Node&)>& keep) const;

 private:
  //! The pending writes of one name: (id, node or erased), in id order.
  using Versions = std::vector<std::pair<std::string, std::optional<Node>>>;
  mltrend::SinkContext* ctx_;
  BaseFilter* bases_;
  //! By NodeNamePrefix(source, name): a hash lookup, not a string-ordered
  //! tree walk, since a full recompute puts every record here (the profile
  //! of a 100k recompute showed the ordered map's compares at a quarter).
  std::unordered_map<std::string, Versions> nodes_;
  //! By EdgePrefix(source, base): "<child name>\x1f<child id>" -> present.
  std::unordered_map<std::string, std::map<std::string, bool, std::less<>>> edges_;

  //! Hands every pending write to `emit` (key; the encoded node, "" for an
  //! edge, or nullopt to delete) and forgets it: Write's and WriteRest's walk.
  void Drain(const std::function<void(std::string, std::optional<std::string>)>& emit);
  //! Adds one write to the stream, committing the batch when it is full.
  void StreamOp(std::string key, std::optional<std::string> value);
  size_t stream_max_ = 0;  //!< 0: not streaming
  std::function<mltrend::Status(mltrend::StateBatch&)> stream_commit_;
  mltrend::StateBatch stream_;
  mltrend::Status stream_status_;
  //! By NodeNamePrefix: the union of what the streamed nodes of that name export.
  std::unordered_map<std::string, FrameworkSet> settled_;
};

}  // namespace mltrend::share
