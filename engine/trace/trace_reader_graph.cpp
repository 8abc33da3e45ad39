// graph_at: a pass's graph after any step, rebuilt from the nearest stored checkpoint.
#include <algorithm>
#include <climits>
#include <unordered_set>

#include "engine/ir/hash.h"
#include "engine/trace/block_json.h"
#include "engine/trace/id_list.h"
#include "engine/trace/id_rewrite.h"
#include "engine/trace/trace_reader.h"

namespace rw {

namespace {
// Identity of a stored node apart from its id, as text fields (what the arena interns on).
uint64_t row_key(const std::string& op, const std::string& dtype, const std::string& arg, int64_t tag, const std::string& srcs) {
  uint64_t h = hash_bytes(op);
  h = hash_combine(h, hash_bytes(dtype));
  h = hash_combine(h, hash_bytes(arg));
  h = hash_combine(h, uint64_t(tag));
  return hash_combine(h, hash_bytes(srcs));
}
}  // namespace

TraceReader::RunIndex& TraceReader::run_index(int64_t run_id) {
  auto& r = indexes_[run_id];
  if (!r) r = std::make_unique<RunIndex>();
  return *r;
}

const NodeRow& TraceReader::cached_node(int64_t run_id, int64_t id) {
  const NodeRow* n = find_node(run_id, id);
  if (!n)
    throw TraceError("trace " + path_ + " refers to node " + std::to_string(id) + " of run " + std::to_string(run_id) +
                     " but does not store it; the file is damaged or was cut short. Record the run again");
  return *n;
}

// The reader's IdGraph: stored nodes from the file, plus nodes synthesized for this snapshot.
class TraceReader::SnapshotGraph : public IdGraph {
 public:
  SnapshotGraph(TraceReader& r, int64_t run_id) : r_(r), run_id_(run_id), index_(r.run_index(run_id)) {}

  const NodeRow& row(int64_t id) {
    if (auto it = synth_.find(id); it != synth_.end()) return it->second;
    return r_.cached_node(run_id_, id);
  }

  std::vector<int64_t> srcs(int64_t id) override { return row(id).srcs; }

  int64_t rebuild(int64_t like_id, const std::vector<int64_t>& new_srcs) override {
    NodeRow want = row(like_id);
    want.srcs = new_srcs;
    std::string srcs_text = format_id_list(new_srcs);
    uint64_t key = row_key(want.op, want.dtype, want.arg, want.tag, srcs_text);
    if (auto it = synth_keys_.find(key); it != synth_keys_.end()) return it->second;
    if (auto found = find_stored(key, want)) return *found;
    int64_t id = next_synth_id();
    want.id = id;
    want.hash = 0;  // the reader cannot hash an argument it only has as text
    want.vmin = want.vmax = std::nullopt;
    want.provenance.clear();
    want.shape.reset();
    synth_.emplace(id, std::move(want));
    synth_keys_.emplace(key, id);
    return id;
  }

 private:
  bool same(const NodeRow& a, const NodeRow& b) { return a.op == b.op && a.dtype == b.dtype && a.arg == b.arg && a.tag == b.tag && a.srcs == b.srcs; }

  std::optional<int64_t> lookup(uint64_t key, const NodeRow& want) {
    std::optional<int64_t> found;
    auto [lo, hi] = index_.by_key.equal_range(key);
    for (auto it = lo; it != hi; ++it)
      if ((!found || it->second >= 0) && same(r_.cached_node(run_id_, it->second), want)) found = it->second;  // engine nodes beat stand-ins
    return found;
  }

  std::optional<int64_t> find_stored(uint64_t key, const NodeRow& want) {
    if (index_.keys_version >= 0)
      if (auto id = lookup(key, want)) return id;
    int64_t version = current_version();
    if (version == index_.keys_version) return std::nullopt;
    load_keys(version);  // first use, or the file grew since
    return lookup(key, want);
  }

  int64_t current_version() { return r_.data_version(); }

  // Every stored node of the run, decoded once (blocks are never rewritten), indexed by fields.
  void load_keys(int64_t version) {
    index_.by_key.clear();
    r_.load_block_ranges(index_, run_id_, version);
    for (auto& b : index_.blocks)
      if (!b.decoded) r_.decode_node_block(index_, run_id_, b);
    for (const auto& [id, n] : index_.nodes) index_.by_key.emplace(row_key(n.op, n.dtype, n.arg, n.tag, format_id_list(n.srcs)), id);
    index_.keys_version = version;
  }

  int64_t next_synth_id() {
    if (!min_known_) {
      Stmt st(r_.db_, "SELECT min(first_id) FROM uop_blocks WHERE run_id = ?");
      st.bind(1, run_id_);
      next_ = st.step() && !st.is_null(0) ? std::min<int64_t>(st.i64(0), 0) - 1 : -1;
      min_known_ = true;
    }
    return next_--;
  }

  TraceReader& r_;
  int64_t run_id_;
  RunIndex& index_;
  std::unordered_map<int64_t, NodeRow> synth_;
  std::unordered_map<uint64_t, int64_t> synth_keys_;
  bool min_known_ = false;
  int64_t next_ = -1;
};

TraceReader::PassRewrites& TraceReader::pass_rewrites(int64_t pass_id, int64_t up_to_step) {
  PassRewrites& r = pass_rewrites_[pass_id];
  if (r.loaded_to >= up_to_step) return r;
  // Only the steps not read yet (a live pass grows), block by block up to `up_to_step`.
  Stmt st(db_, "SELECT last_step, steps FROM step_blocks WHERE pass_id = ?1 AND first_step >= "
               "coalesce((SELECT max(first_step) FROM step_blocks WHERE pass_id = ?1 AND first_step <= ?2), 0) ORDER BY first_step");
  st.bind(1, pass_id).bind(2, r.loaded_to + 1);
  const std::string what = "step_blocks of pass " + std::to_string(pass_id) + " in " + path_;
  auto add = [&](std::vector<block_json::StepRecord> recs) {
    std::sort(recs.begin(), recs.end(), [](const auto& a, const auto& b) { return a.step < b.step; });
    for (const auto& s : recs) {
      if (s.step <= r.loaded_to) continue;
      r.by_matched[s.matched].emplace_back(s.step, s.replacement);
      r.loaded_to = s.step;
    }
  };
  bool any_block = false;
  while (st.step()) {
    any_block = true;
    if (st.i64(0) <= r.loaded_to) continue;
    add(block_json::parse_steps(st.text(1), what));
    // Later blocks wait until a later step is asked for: an early snapshot of a long pass
    // reads only the first blocks.
    if (r.loaded_to >= up_to_step) break;
  }
  if (!any_block && r.loaded_to == 0)  // a short pass may keep its steps in its record
    if (const std::string& json = inline_steps(pass_id); !json.empty()) add(block_json::parse_steps(json, "the record of pass " + std::to_string(pass_id) + " in " + path_));
  return r;
}

// The rewrites of the first `step` steps of a pass: for a node matched more than once, the
// latest replacement at or before `step` wins.
class TraceReader::StepRewrites : public IdRewrites {
 public:
  StepRewrites(const PassRewrites& r, int64_t step) : r_(r), step_(step) {}
  std::optional<int64_t> find(int64_t matched) const override {
    auto it = r_.by_matched.find(matched);
    if (it == r_.by_matched.end()) return std::nullopt;
    const auto& v = it->second;
    auto after = std::upper_bound(v.begin(), v.end(), std::pair<int64_t, int64_t>(step_, INT64_MAX));
    if (after == v.begin()) return std::nullopt;
    return std::prev(after)->second;
  }

 private:
  const PassRewrites& r_;
  int64_t step_;
};

GraphAt TraceReader::graph_at(int64_t pass_id, int64_t step) {
  auto p = pass(pass_id);
  if (!p) throw TraceError("trace " + path_ + " has no pass " + std::to_string(pass_id) + ". List the passes with `rewind report " + path_ + "`");
  if (!p->input_root)
    throw TraceError("pass " + std::to_string(pass_id) + " (" + p->name + ") in " + path_ + " has no input graph, so it has no snapshots");
  if (step < 0 || step > p->step_count)
    throw TraceError("step " + std::to_string(step) + " is out of range for pass " + std::to_string(pass_id) + " (" + p->name + ") in " +
                     path_ + ": it has steps 0.." + std::to_string(p->step_count));
  GraphAt g;
  g.pass_id = pass_id;
  g.step = step;
  int64_t base = *p->input_root;
  {
    Stmt st(db_, "SELECT step, root FROM checkpoints WHERE pass_id = ? AND step <= ? ORDER BY step DESC LIMIT 1");
    st.bind(1, pass_id).bind(2, step);
    if (st.step()) {
      g.from_checkpoint_step = st.i64(0);
      base = st.i64(1);
    }
  }
  if (step > 0) {
    if (auto s = this->step(pass_id, step)) {
      g.matched = s->matched;
      g.replacement = s->replacement;
      g.rule_id = s->rule_id;
    }
  }
  // Nodes are read a block at a time as the rebuild meets them (see find_node).
  SnapshotGraph graph(*this, p->run_id);
  const PassRewrites& all = pass_rewrites(pass_id, step);
  // Applied even at a checkpoint's own step: a checkpoint may hold stand-ins (negative ids)
  // for nodes stored after it was written, and applying resolves them to those nodes.
  g.root = apply_rewrites_by_id(base, StepRewrites(all, step), graph);
  for (int64_t id : toposort_by_id(g.root, graph)) g.nodes.push_back(graph.row(id));
  return g;
}

}  // namespace rw
