//===----------------------------------------------------------------------===//
// framework_share — share_folder.cpp
//===----------------------------------------------------------------------===//
#include "share_folder.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "share_evidence.hpp"
#include "share_period.hpp"
#include "share_slice.hpp"

namespace mltrend::share {
namespace {

using mltrend::Status;

// The month part of a SliceLabel ("2024-07|text-generation|transformers"):
// a view into `label`, or into `unescaped` for an escaped month (a source's
// own period label), which is rare, so the common case allocates nothing.
std::string_view MonthOfSlice(std::string_view label, std::string& unescaped) {
  const std::string_view month = label.substr(0, label.find('|'));
  if (month.find('%') == std::string_view::npos) return month;
  SliceKey key;
  if (!ParseSliceLabel(label, key)) return month;
  unescaped = std::move(key.month);
  return unescaped;
}

bool Inherits(const Node& node) { return node.own.set == 0 && !node.settled; }

//! How a record that inherited nothing counts: unknown, with why its own
//! files and its bases settle nothing.
Signature UnknownSignature(const Node& node, BaseReason base_reason) {
  return {Grade::kNone, 0, node.file_reason, base_reason,
          node.file_reason == FileReason::kFormatOnly ? node.format : uint8_t{0}};
}

}  // namespace

Node Folder::BuildNode(const mltrend::Record& record) const {
  const OwnEvidence evidence = ReadOwnEvidence(classifier_, record);
  Node node;
  node.id = record.id;
  node.own = evidence.own;
  node.bases = evidence.bases;
  node.file_reason = evidence.file_reason;
  node.format = evidence.format;
  auto attr = [&](const char* key) {
    auto it = record.attrs.find(key);
    return it == record.attrs.end() ? std::string_view{} : std::string_view(it->second);
  };
  node.counted = attr("lineage_only") != "true" && (!official_only_ || attr("is_official") == "true");
  node.slice_label = SliceLabelOf(CohortMonth(record), record);
  node.weights = WeightsOf(record);
  node.signature = {node.own.grade, node.own.set, {}, {}, 0};
  return node;
}

void Folder::Contribute(std::string_view source, const Node& node, int sign) {
  if (!node.counted) return;
  std::string unescaped;
  cells_.Apply(source, MonthOfSlice(node.slice_label, unescaped), node.signature, node.weights, sign);
  slices_.Apply(source, node.slice_label, node.signature, node.weights, sign);
}

Status Folder::Change(std::string_view source, std::string_view id, const mltrend::Record* before,
                      const mltrend::Record* after) {
  std::vector<std::string> roots;
  // Whether the record's own node is left without evidence of its own:
  // then its name is solved again. Other nodes of its names need no solving
  // for this change (their sets follow their bases, and one based on these
  // names is a child, found below), so no state read is spent on them.
  bool solve_after = false;
  std::vector<Node> found;
  if (before) {
    const std::string name = LineageName(before->name);
    if (Status s = nodes_.Find(source, name, found); !s.ok()) return s;
    auto old = std::find_if(found.begin(), found.end(), [&](const Node& n) { return n.id == id; });
    if (old == found.end())
      return Status::Internal("framework_share: no lineage node for record '" + before->name + "' of source " +
                              std::string(source) + " (the next start recomputes)");
    Contribute(source, *old, -1);
    for (const auto& base : old->bases) nodes_.Link(source, base, name, id, false);
    nodes_.Erase(source, name, id);
    roots.push_back(name);
  }
  if (after) {
    const std::string name = LineageName(after->name);
    Node node = BuildNode(*after);
    for (const auto& base : node.bases) nodes_.Link(source, base, name, id, true);
    solve_after = Inherits(node);
    if (solve_after) fresh_.insert(NodeKey(source, name, id));
    else Contribute(source, node, 1);
    nodes_.Put(source, name, std::move(node));
    if (roots.empty() || roots.front() != name) roots.push_back(name);
  }
  std::vector<std::string> names;
  if (solve_after) names.push_back(roots.back());
  if (Status s = Inheritors(source, roots, names); !s.ok()) return s;
  return Solve(source, names);
}

Status Folder::Inheritors(std::string_view source, const std::vector<std::string>& roots,
                          std::vector<std::string>& out) {
  std::unordered_set<std::string> seen(out.begin(), out.end());
  std::vector<std::string> queue, children;
  std::vector<Node> found;
  // A root's children move with it, whatever the root's evidence.
  for (const auto& root : roots) queue.push_back(root);
  while (!queue.empty()) {
    const std::string name = std::move(queue.back());
    queue.pop_back();
    if (Status s = nodes_.Children(source, name, children); !s.ok()) return s;
    for (auto& child : children) {
      if (seen.contains(child)) continue;
      if (Status s = nodes_.Find(source, child, found); !s.ok()) return s;
      if (!std::any_of(found.begin(), found.end(), Inherits)) continue;
      seen.insert(child);
      out.push_back(child);
      queue.push_back(std::move(child));
    }
  }
  return Status::Ok();
}

Status Folder::Solve(std::string_view source, const std::vector<std::string>& names) {
  if (names.empty()) return Status::Ok();
  struct Solving {
    std::string name;
    Node node;
    FrameworkSet inherited = 0;
  };
  // The nodes to solve, by node key, and the keys of each solved name.
  std::map<std::string, Solving> solving;
  std::map<std::string, std::vector<Solving*>, std::less<>> by_name;
  std::vector<Node> found;
  for (const auto& name : names) {
    if (Status s = nodes_.Find(source, name, found); !s.ok()) return s;
    for (Node& node : found) {
      if (!Inherits(node)) continue;
      std::string key = NodeKey(source, name, node.id);
      Solving& entry = solving[std::move(key)];
      entry = {name, std::move(node), 0};
      by_name[name].push_back(&entry);
    }
  }
  // Per base name: what its nodes outside the solved set export, and
  // whether any node of that name is stored at all.
  struct Base {
    FrameworkSet fixed = 0;
    bool stored = false;
  };
  std::map<std::string, Base, std::less<>> bases;
  for (const auto& [key, entry] : solving)
    for (const auto& base : entry.node.bases) {
      if (bases.contains(base)) continue;
      if (Status s = nodes_.Find(source, base, found); !s.ok()) return s;
      Base& b = bases[base];
      b.stored = !found.empty();
      const bool solved_name = by_name.contains(base);
      for (const Node& node : found)
        if (!solved_name || !Inherits(node)) b.fixed |= node.Exported();
    }
  // Least fixed point: every inherited set starts empty and only grows.
  for (bool moved = true; moved;) {
    moved = false;
    for (auto& [key, entry] : solving) {
      FrameworkSet set = 0;
      for (const auto& base : entry.node.bases) {
        set |= bases[base].fixed;
        if (auto it = by_name.find(base); it != by_name.end())
          for (const Solving* other : it->second) set |= other->inherited;
      }
      if (set != entry.inherited) {
        entry.inherited = set;
        moved = true;
      }
    }
  }
  for (auto& [key, entry] : solving) {
    Node& node = entry.node;
    Signature signature;
    if (entry.inherited) {
      signature = {Grade::kLineage, entry.inherited, {}, {}, 0};
    } else {
      const bool any_stored = std::any_of(node.bases.begin(), node.bases.end(),
                                          [&](const std::string& base) { return bases[base].stored; });
      signature = UnknownSignature(node, node.bases.empty() ? BaseReason::kNoBase
                                                            : (any_stored ? BaseReason::kBaseUnknown
                                                                          : BaseReason::kBaseNotStored));
    }
    const bool fresh = fresh_.erase(key) > 0;
    if (!fresh && signature == node.signature) continue;
    if (!fresh) Contribute(source, node, -1);
    node.signature = signature;
    Contribute(source, node, 1);
    nodes_.Put(source, entry.name, std::move(node));
  }
  return Status::Ok();
}

Status Folder::Stage(std::string_view source, const mltrend::Record& record) {
  const std::string name = LineageName(record.name);
  Node node = BuildNode(record);
  for (const auto& base : node.bases) nodes_.Link(source, base, name, record.id, true);
  if (std::find(staged_sources_.begin(), staged_sources_.end(), source) == staged_sources_.end())
    staged_sources_.emplace_back(source);
  if (Inherits(node) && !node.bases.empty()) {  // solved once every record is staged
    fresh_.insert(NodeKey(source, name, record.id));
    nodes_.Put(source, name, std::move(node));
    return Status::Ok();
  }
  // Its own evidence, or no base to inherit from: final already.
  if (Inherits(node)) node.signature = UnknownSignature(node, BaseReason::kNoBase);
  Contribute(source, node, 1);
  return nodes_.PutSettled(source, name, std::move(node));
}

Status Folder::ResolveStaged() {
  for (const std::string& source : staged_sources_) {
    const std::vector<std::string> names = nodes_.WrittenNames(source, Inherits);
    if (Status s = Solve(source, names); !s.ok()) return s;
  }
  staged_sources_.clear();
  return Status::Ok();
}

}  // namespace mltrend::share
