#include "engine/trace/trace_reader.h"

#include <algorithm>
#include <unordered_set>

#include "engine/trace/block_json.h"
#include "engine/trace/id_list.h"

namespace rw {

namespace {

std::optional<bool> opt_bool(const Stmt& st, int col) { return st.is_null(col) ? std::nullopt : std::optional<bool>(st.i64(col) != 0); }

std::vector<std::pair<std::string, std::string>> json_pairs(Db& db, const std::string& json) {
  std::vector<std::pair<std::string, std::string>> out;
  Stmt st(db, "SELECT key, value FROM json_each(?) ORDER BY id");
  st.bind(1, json);
  while (st.step()) out.emplace_back(st.text(0), st.text(1));
  return out;
}

}  // namespace

std::vector<RunRow> TraceReader::runs() {
  std::vector<RunRow> out;
  Stmt st(db_, "SELECT id, command, program_path, program_text, options, engine_version, start_time_ns, end_time_ns, ok FROM runs ORDER BY id");
  while (st.step()) {
    RunRow r;
    r.id = st.i64(0);
    r.command = st.text(1);
    r.program_path = st.text(2);
    r.program_text = st.text(3);
    r.options = json_pairs(db_, st.text(4));
    r.engine_version = st.text(5);
    r.start_time_ns = st.i64(6);
    r.end_time_ns = st.opt_i64(7);
    r.ok = opt_bool(st, 8);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {
constexpr const char* kPassSelect =
    "SELECT p.id, p.run_id, p.parent_id, p.seq, n.text, k.text, p.depth, p.input_root, p.output_root, p.ok, p.error, "
    "CASE WHEN p.ok IS NULL THEN coalesce((SELECT s.last_step FROM step_blocks s WHERE s.pass_id = p.id ORDER BY s.first_step DESC LIMIT 1), 0) "
    "ELSE p.step_count END, "
    "p.begin_time_ns, p.end_time_ns FROM ";
constexpr const char* kPassNames = " JOIN strings n ON n.id = p.name JOIN strings k ON k.id = p.kind ";

// The passes `blocks` selects among `pass_blocks b` (records unpacked as `j`) and `open`
// among open_passes, as the table expression `p` with the columns of the view `passes`.
std::string passes_from(const std::string& blocks, const std::string& open) {
  return "(SELECT id, run_id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count, begin_time_ns, "
         "end_time_ns, rule_counts FROM open_passes WHERE " + open +
         " UNION ALL SELECT j.value ->> 0, b.run_id, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, "
         "j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9, j.value ->> 10, coalesce(r.start_time_ns, 0) + (j.value ->> 11), "
         "coalesce(r.start_time_ns, 0) + (j.value ->> 12), j.value ->> 13 "
         "FROM pass_blocks b LEFT JOIN runs r ON r.id = b.run_id, json_each(b.passes) j WHERE " + blocks + ") p";
}

PassRow pass_row(const Stmt& st) {
  PassRow p;
  p.id = st.i64(0);
  p.run_id = st.i64(1);
  p.parent_id = st.opt_i64(2);
  p.seq = st.i64(3);
  p.name = st.text(4);
  p.kind = st.text(5);
  p.depth = st.i64(6);
  p.input_root = st.opt_i64(7);
  p.output_root = st.opt_i64(8);
  p.ok = opt_bool(st, 9);
  p.error = st.text(10);
  p.step_count = st.i64(11);
  p.begin_time_ns = st.i64(12);
  p.end_time_ns = st.opt_i64(13);
  return p;
}
}  // namespace

std::string TraceReader::run_blocks_where(int64_t run_id) {
  std::string blocks = "b.run_id = " + std::to_string(run_id);
  Stmt st(db_, "SELECT first_pass, last_pass FROM runs WHERE id = ?");
  st.bind(1, run_id);
  if (st.step() && st.opt_i64(0)) {  // the index on the blocks' id ranges finds them
    blocks += " AND b.first_pass >= " + std::to_string(*st.opt_i64(0));
    if (auto last = st.opt_i64(1)) blocks += " AND b.first_pass <= " + std::to_string(*last);  // NULL: the run goes on
  }
  return blocks;
}

std::string TraceReader::run_passes(int64_t run_id) { return passes_from(run_blocks_where(run_id), "run_id = " + std::to_string(run_id)); }

std::string TraceReader::pass_by_id(int64_t pass_id) {
  const std::string id = std::to_string(pass_id);
  return passes_from("b.first_pass <= " + id + " AND b.last_pass >= " + id + " AND j.value ->> 0 = " + id, "id = " + id);
}

void TraceReader::append_pass_records(int64_t run_id, int64_t run_start_ns, const std::string& json, std::vector<PassRow>& out) {
  for (block_json::PassRecord& r : block_json::parse_passes(json, "pass_blocks of run " + std::to_string(run_id) + " in " + path_)) {
    PassRow& p = out.emplace_back();
    p.id = r.id;
    p.run_id = run_id;
    p.parent_id = r.parent_id;
    p.seq = r.seq;
    p.name = string_text(r.name);
    p.kind = string_text(r.kind);
    p.depth = r.depth;
    p.input_root = r.input_root;
    p.output_root = r.output_root;
    if (r.ok) p.ok = *r.ok != 0;
    p.error = std::move(r.error);
    p.step_count = r.step_count;
    p.begin_time_ns = run_start_ns + r.begin_time_ns;  // records hold times relative to the run's start
    if (r.end_time_ns) p.end_time_ns = run_start_ns + *r.end_time_ns;
  }
}

std::vector<PassRow> TraceReader::passes(int64_t run_id) {
  std::vector<PassRow> out;
  // Running passes from open_passes; ended ones from the run's pass blocks, decoded here
  // rather than by json_each (a run may have a hundred thousand passes).
  Stmt open(db_, std::string(kPassSelect) + "open_passes p" + kPassNames + "WHERE p.run_id = ?");
  open.bind(1, run_id);
  while (open.step()) out.push_back(pass_row(open));
  Stmt start(db_, "SELECT start_time_ns FROM runs WHERE id = ?");
  start.bind(1, run_id);
  const int64_t run_start_ns = start.step() ? start.i64(0) : 0;
  Stmt blocks(db_, "SELECT passes FROM pass_blocks b WHERE " + run_blocks_where(run_id));
  while (blocks.step()) append_pass_records(run_id, run_start_ns, blocks.text(0), out);
  std::sort(out.begin(), out.end(), [](const PassRow& a, const PassRow& b) { return a.seq < b.seq; });
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < out.size(); ++i) {
    index[out[i].id] = i;
    if (auto parent = out[i].parent_id; parent && index.count(*parent)) out[index[*parent]].children.push_back(out[i].id);
  }
  return out;
}

std::optional<std::pair<int64_t, block_json::PassRecord>> TraceReader::pass_record(int64_t pass_id) {
  Stmt st(db_, "SELECT run_id, passes FROM pass_blocks WHERE first_pass <= ?1 AND last_pass >= ?1");
  st.bind(1, pass_id);
  while (st.step())
    for (block_json::PassRecord& r : block_json::parse_passes(st.text(1), "pass_blocks of run " + std::to_string(st.i64(0)) + " in " + path_))
      if (r.id == pass_id) return std::pair(st.i64(0), std::move(r));
  return std::nullopt;
}

std::optional<PassRow> TraceReader::pass(int64_t pass_id) {
  std::optional<int64_t> run;
  Stmt open(db_, "SELECT run_id FROM open_passes WHERE id = ?");
  open.bind(1, pass_id);
  if (open.step()) run = open.i64(0);
  else if (auto rec = pass_record(pass_id)) run = rec->first;
  if (!run) return std::nullopt;
  // With its children, which only the run's whole pass list knows.
  for (PassRow& p : passes(*run))
    if (p.id == pass_id) return std::move(p);
  return std::nullopt;
}

const std::string& TraceReader::string_text(int64_t id) {
  auto it = strings_.find(id);
  if (it != strings_.end()) return it->second;
  Stmt st(db_, "SELECT text FROM strings WHERE id = ?");
  st.bind(1, id);
  if (!st.step())
    throw TraceError("trace " + path_ + " refers to string " + std::to_string(id) + " but does not store it; the file is damaged. Record the run again");
  return strings_.emplace(id, st.text(0)).first->second;
}

const std::string& TraceReader::rule_text(int64_t rule_id) {
  auto it = rule_texts_.find(rule_id);
  if (it != rule_texts_.end()) return it->second;
  Stmt st(db_, "SELECT t.text FROM rules r JOIN strings t ON t.id = r.text WHERE r.id = ?");
  st.bind(1, rule_id);
  return rule_texts_.emplace(rule_id, st.step() ? st.text(0) : std::string()).first->second;
}

std::vector<StepRow> TraceReader::decode_step_block(int64_t pass_id, const std::string& json) {
  auto recs = block_json::parse_steps(json, "step_blocks of pass " + std::to_string(pass_id) + " in " + path_);
  std::vector<StepRow> out;
  out.reserve(recs.size());
  for (auto& r : recs) {
    StepRow s;
    s.pass_id = pass_id;
    s.step = r.step;
    s.rule_id = r.rule_id;
    s.rule_text = rule_text(r.rule_id);
    s.matched = r.matched;
    s.replacement = r.replacement;
    for (auto& [name, node] : r.bound) s.bound.push_back({std::move(name), node});
    s.duration_ns = r.duration_ns;
    out.push_back(std::move(s));
  }
  if (!std::is_sorted(out.begin(), out.end(), [](const StepRow& a, const StepRow& b) { return a.step < b.step; }))
    std::sort(out.begin(), out.end(), [](const StepRow& a, const StepRow& b) { return a.step < b.step; });
  return out;
}

const std::vector<StepRow>* TraceReader::step_block(int64_t pass_id, int64_t step) {
  if (pass_id == step_block_pass_ && step >= step_block_first_ && step <= step_block_last_) return &step_block_rows_;
  // Blocks hold consecutive steps and never change once written: the one starting at or
  // before `step` holds it, if any does.
  Stmt st(db_, "SELECT first_step, last_step, steps FROM step_blocks WHERE pass_id = ? AND first_step <= ? ORDER BY first_step DESC LIMIT 1");
  st.bind(1, pass_id).bind(2, step);
  if (!st.step()) {  // none: a short pass may keep its steps in its record
    const std::string& json = inline_steps(pass_id);
    if (json.empty()) return nullptr;
    step_block_rows_ = decode_step_block(pass_id, json);
    if (step_block_rows_.empty()) return nullptr;
    step_block_pass_ = pass_id;
    step_block_first_ = step_block_rows_.front().step;
    step_block_last_ = step_block_rows_.back().step;
    return step >= step_block_first_ && step <= step_block_last_ ? &step_block_rows_ : nullptr;
  }
  if (st.i64(1) < step) return nullptr;
  step_block_rows_ = decode_step_block(pass_id, st.text(2));
  step_block_pass_ = pass_id;
  step_block_first_ = st.i64(0);
  step_block_last_ = st.i64(1);
  return &step_block_rows_;
}

const std::string& TraceReader::inline_steps(int64_t pass_id) {
  if (pass_id == inline_steps_pass_) return inline_steps_json_;
  inline_steps_json_.clear();
  if (auto rec = pass_record(pass_id)) {
    // A written record never changes: remembered. (A pass not found may still be running.)
    inline_steps_pass_ = pass_id;
    inline_steps_json_ = std::move(rec->second.steps);
  }
  return inline_steps_json_;
}

std::vector<StepRow> TraceReader::steps(int64_t pass_id, int64_t offset, int64_t limit) {
  std::vector<StepRow> out;
  offset = std::max<int64_t>(offset, 0);
  if (limit == 0) return out;
  // Steps are numbered 1..n without gaps: a page starts in the block holding step offset+1
  // (found by key), and reads the following blocks in order until it is full.
  Stmt st(db_, "SELECT first_step, last_step, steps FROM step_blocks WHERE pass_id = ?1 AND first_step >= "
               "coalesce((SELECT max(first_step) FROM step_blocks WHERE pass_id = ?1 AND first_step <= ?2), 0) ORDER BY first_step");
  st.bind(1, pass_id).bind(2, offset + 1);
  bool any_block = false;
  auto take = [&](std::vector<StepRow> rows) {
    for (StepRow& r : rows) {
      if (r.step <= offset) continue;
      out.push_back(std::move(r));
      if (limit >= 0 && int64_t(out.size()) >= limit) return false;
    }
    return true;
  };
  while (st.step()) {
    any_block = true;
    if (st.i64(1) <= offset) continue;
    std::vector<StepRow> rows;
    if (pass_id == step_block_pass_ && st.i64(0) == step_block_first_ && st.i64(1) == step_block_last_) rows = step_block_rows_;
    else rows = decode_step_block(pass_id, st.text(2));
    if (!take(std::move(rows))) return out;
  }
  if (!any_block)  // a short pass may keep its steps in its record
    if (const std::string& json = inline_steps(pass_id); !json.empty()) take(decode_step_block(pass_id, json));
  return out;
}

std::optional<StepRow> TraceReader::step(int64_t pass_id, int64_t step) {
  const std::vector<StepRow>* rows = step_block(pass_id, step);
  if (!rows) return std::nullopt;
  auto it = std::lower_bound(rows->begin(), rows->end(), step, [](const StepRow& r, int64_t s) { return r.step < s; });
  if (it == rows->end() || it->step != step) return std::nullopt;
  return *it;
}

std::vector<CheckpointRow> TraceReader::checkpoints(int64_t pass_id) {
  std::vector<CheckpointRow> out;
  Stmt st(db_, "SELECT step, root, node_count FROM checkpoints WHERE pass_id = ? ORDER BY step");
  st.bind(1, pass_id);
  while (st.step()) out.push_back({pass_id, st.i64(0), st.i64(1), st.i64(2)});
  return out;
}

std::vector<RuleRow> TraceReader::rules(int64_t run_id) {
  std::vector<RuleRow> out;
  Stmt st(db_, "SELECT id, run_id, text, pattern, family, file, line, source, fire_count FROM run_rules_v WHERE run_id = ? ORDER BY fire_count DESC, id");
  st.bind(1, run_id);
  while (st.step())
    out.push_back({st.i64(0), st.i64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.i64(6), st.text(7), st.i64(8)});
  return out;
}

int64_t TraceReader::data_version() {
  Stmt st(db_, "PRAGMA data_version");
  st.step();
  return st.i64(0);
}

void TraceReader::load_block_ranges(RunIndex& r, int64_t run_id, int64_t version) {
  std::unordered_map<int64_t, bool> decoded;
  for (const auto& b : r.blocks) decoded[b.first] = b.decoded;
  r.blocks.clear();
  Stmt st(db_, "SELECT first_id, last_id FROM uop_blocks WHERE run_id = ? ORDER BY first_id");
  st.bind(1, run_id);
  while (st.step()) {
    RunIndex::Block b{st.i64(0), st.i64(1), false};
    if (auto it = decoded.find(b.first); it != decoded.end()) b.decoded = it->second;
    r.blocks.push_back(b);
  }
  r.blocks_version = version;
}

void TraceReader::decode_node_block(RunIndex& r, int64_t run_id, RunIndex::Block& b) {
  // A block may name an earlier run whose block over the same ids has the same text (v8).
  Stmt st(db_, "SELECT coalesce(s.nodes, b.nodes) FROM uop_blocks b LEFT JOIN uop_blocks s ON s.run_id = b.same_as_run AND s.first_id = b.first_id "
               "WHERE b.run_id = ? AND b.first_id = ?");
  st.bind(1, run_id).bind(2, b.first);
  b.decoded = true;
  if (!st.step()) return;
  for (auto& rec : block_json::parse_nodes(st.text(0), "uop_blocks of run " + std::to_string(run_id) + " in " + path_)) {
    NodeRow n;
    n.id = rec.id;
    n.op = string_text(rec.op);
    n.dtype = string_text(rec.dtype);
    n.arg = std::move(rec.arg);
    n.tag = int32_t(rec.tag);
    n.srcs = std::move(rec.srcs);
    n.hash = rec.hash;
    n.vmin = rec.vmin;
    n.vmax = rec.vmax;
    n.provenance = std::move(rec.provenance);
    n.shape = std::move(rec.shape);
    r.nodes.try_emplace(n.id, std::move(n));
  }
}

const NodeRow* TraceReader::find_node(int64_t run_id, int64_t id) {
  RunIndex& r = run_index(run_id);
  for (int pass = 0; pass < 2; ++pass) {
    if (auto it = r.nodes.find(id); it != r.nodes.end()) return &it->second;
    // Blocks whose id range holds `id` (blocks written at different times may overlap).
    if (pass == 0 && r.blocks_version >= 0) {
      for (auto& b : r.blocks)
        if (!b.decoded && b.first <= id && id <= b.last) decode_node_block(r, run_id, b);
      continue;
    }
    int64_t v = data_version();
    if (v == r.blocks_version) break;  // nothing new was committed
    load_block_ranges(r, run_id, v);
    for (auto& b : r.blocks)
      if (!b.decoded && b.first <= id && id <= b.last) decode_node_block(r, run_id, b);
    if (auto it = r.nodes.find(id); it != r.nodes.end()) return &it->second;
    break;
  }
  return nullptr;
}

std::optional<NodeRow> TraceReader::node(int64_t run_id, int64_t id) {
  const NodeRow* n = find_node(run_id, id);
  if (!n) return std::nullopt;
  return *n;
}

std::vector<NodeRow> TraceReader::graph_nodes(int64_t run_id, int64_t root) {
  std::vector<NodeRow> out;
  std::unordered_set<int64_t> seen{root};
  std::vector<int64_t> todo{root};
  while (!todo.empty()) {
    int64_t id = todo.back();
    todo.pop_back();
    const NodeRow* n = find_node(run_id, id);
    if (!n) continue;
    out.push_back(*n);
    for (int64_t s : n->srcs)
      if (seen.insert(s).second) todo.push_back(s);
  }
  return out;
}

std::vector<DecisionRow> TraceReader::decisions(int64_t run_id) {
  std::vector<DecisionRow> out;
  Stmt st(db_, "SELECT id, run_id, pass_id, node, decision, reason, detail FROM decisions_v WHERE run_id = ? ORDER BY id");
  st.bind(1, run_id);
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.opt_i64(2), st.opt_i64(3), st.text(4), st.text(5), st.text(6)});
  return out;
}

std::vector<KernelRow> TraceReader::kernels(int64_t run_id) {
  std::vector<KernelRow> out;
  Stmt st(db_, "SELECT id, run_id, pass_id, name, ast_root, linear, c_source, llvm_ir, compile_ms, flops, bytes, computes FROM kernels_v WHERE run_id = ? ORDER BY id");
  st.bind(1, run_id);
  while (st.step())
    out.push_back({st.i64(0), st.i64(1), st.opt_i64(2), st.text(3), st.opt_i64(4), st.text(5), st.text(6), st.text(7), st.f64(8),
                   st.i64(9), st.i64(10), parse_id_list(st.text(11))});
  return out;
}

std::vector<TimingRow> TraceReader::timings(int64_t run_id) {
  std::vector<TimingRow> out;
  Stmt st(db_, "SELECT id, run_id, kernel, iterations, min_us, median_us FROM timings_v WHERE run_id = ? ORDER BY id");
  st.bind(1, run_id);
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.text(2), st.i64(3), st.f64(4), st.f64(5)});
  return out;
}

std::vector<CheckRow> TraceReader::checks(int64_t run_id) {
  std::vector<CheckRow> out;
  Stmt st(db_, "SELECT id, run_id, kernel, buffer, ok, max_abs_err, max_rel_err, mismatches, first_bad_index, got, want, detail FROM checks_v WHERE run_id = ? ORDER BY id");
  st.bind(1, run_id);
  while (st.step())
    out.push_back({st.i64(0), st.i64(1), st.text(2), st.text(3), st.i64(4) != 0, st.f64(5), st.f64(6), st.i64(7), st.i64(8), st.f64(9),
                   st.f64(10), st.text(11)});
  return out;
}

std::vector<LogRow> TraceReader::logs(int64_t run_id) {
  std::vector<LogRow> out;
  Stmt st(db_, "SELECT id, run_id, pass_id, level, text, time_ns FROM logs WHERE run_id = ? ORDER BY id");
  st.bind(1, run_id);
  while (st.step()) out.push_back({st.i64(0), st.i64(1), st.opt_i64(2), st.text(3), st.text(4), st.i64(5)});
  return out;
}

std::vector<BufferRow> TraceReader::buffers(int64_t run_id) {
  std::vector<BufferRow> out;
  Stmt st(db_, "SELECT id, run_id, name, role, dtype, shape, size_bytes, data, path, sha256 FROM buffers WHERE run_id = ? ORDER BY id");
  st.bind(1, run_id);
  while (st.step()) {
    BufferRow b{st.i64(0), st.i64(1), st.text(2), st.text(3), st.text(4), parse_id_list(st.text(5)), st.i64(6), std::nullopt, st.text(8), st.text(9)};
    if (!st.is_null(7)) b.data = st.blob(7);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace rw
