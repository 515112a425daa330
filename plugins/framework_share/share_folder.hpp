//===----------------------------------------------------------------------===//
// framework_share — share_folder.hpp
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "share_cell_table.hpp"
#include "share_classifier.hpp"
#include "share_node.hpp"
#include "mltrend/record.hpp"
#include "mltrend/status.hpp"

namespace mltrend::share {

//! Turns records into cell contributions, lineage included.
//!
//! A record with evidence of its own counts with its strongest grade. One
//! without inherits the union of its bases' sets (grade lineage), where a
//! base's set is its own, else what it inherits in turn: the least fixed
//! point of that rule over the base-model graph, so any depth is followed,
//! a cycle adds nothing of its own, and the result does not depend on the
//! order records arrive in. That is what makes an incremental fold equal a
//! full recompute: a change re-solves exactly the records whose set can
//! depend on it (the changed record and its descendants without evidence
//! of their own), starting them from nothing, and refolds those whose
//! signature moved.
class Folder {
 public:
  Folder(const Classifier& classifier, bool official_only, NodeStore& nodes, CellTable& cells, CellTable& slices)
      : classifier_(classifier), official_only_(official_only), nodes_(nodes), cells_(cells), slices_(slices) {}

  //! Folds one change-log entry: `before` (nullptr: new) out, `after`
  //! (nullptr: deleted) in, and every descendant whose set moves with it.
  //! Costs a few state reads plus one per affected descendant.
  mltrend::Status Change(std::string_view source, std::string_view id, const mltrend::Record* before,
                         const mltrend::Record* after);

  //! Full recompute, step 1 (the NodeStore streams): records one stored
  //! record. One whose count depends on no other record is counted and
  //! streamed out at once; the rest wait for ResolveStaged. Fails only with
  //! the stream's failed commit.
  mltrend::Status Stage(std::string_view source, const mltrend::Record& record);
  //! Full recompute, step 2: solves every staged source's lineage at once
  //! and adds every record to the cells.
  mltrend::Status ResolveStaged();

 private:
  Node BuildNode(const mltrend::Record& record) const;
  //! Adds (1) or takes back (-1) what `node` counts for.
  void Contribute(std::string_view source, const Node& node, int sign);
  //! Re-solves the nodes without own evidence named `names` from nothing,
  //! reading every other node as stored, and refolds what moved.
  mltrend::Status Solve(std::string_view source, const std::vector<std::string>& names);
  //! Appends to `out` the descendants of `roots` with a node that has no
  //! evidence of its own (descent stops at names without such a node),
  //! each once and none already in `out`; the roots themselves only if a
  //! descendant names them as a base.
  mltrend::Status Inheritors(std::string_view source, const std::vector<std::string>& roots,
                             std::vector<std::string>& out);

  const Classifier& classifier_;
  bool official_only_;
  NodeStore& nodes_;
  CellTable& cells_;
  CellTable& slices_;
  //! Node keys whose contribution is not in the cells yet.
  std::unordered_set<std::string> fresh_;
  std::vector<std::string> staged_sources_;
};

}  // namespace mltrend::share
