#include "engine/trace/trace_reader.h"

#include <algorithm>

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
constexpr const char* kPassColumns =
    "SELECT p.id, p.run_id, p.parent_id, p.seq, n.text, k.text, p.depth, p.input_root, p.output_root, p.ok, p.error, "
    "CASE WHEN p.ok IS NULL THEN (SELECT count(*) FROM steps s WHERE s.pass_id = p.id) ELSE p.step_count END, "
    "p.begin_time_ns, p.end_time_ns FROM passes p JOIN strings n ON n.id = p.name JOIN strings k ON k.id = p.kind ";

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

std::vector<PassRow> TraceReader::passes(int64_t run_id) {
  std::vector<PassRow> out;
  std::unordered_map<int64_t, size_t> index;
  Stmt st(db_, std::string(kPassColumns) + "WHERE p.run_id = ? ORDER BY p.seq");
  st.bind(1, run_id);
  while (st.step()) {
    out.push_back(pass_row(st));
    index[out.back().id] = out.size() - 1;
    if (auto parent = out.back().parent_id; parent && index.count(*parent)) out[index[*parent]].children.push_back(out.back().id);
  }
  return out;
}

std::optional<PassRow> TraceReader::pass(int64_t pass_id) {
  Stmt st(db_, std::string(kPassColumns) + "WHERE p.id = ?");
  st.bind(1, pass_id);
  if (!st.step()) return std::nullopt;
  PassRow p = pass_row(st);
  Stmt ch(db_, "SELECT id FROM passes WHERE parent_id = ? ORDER BY seq");
  ch.bind(1, pass_id);
  while (ch.step()) p.children.push_back(ch.i64(0));
  return p;
}

namespace {
constexpr const char* kStepColumns =
    "SELECT s.step, s.rule_id, t.text, s.matched, s.replacement, s.bound, s.duration_ns FROM steps s "
    "JOIN rules r ON r.id = s.rule_id JOIN strings t ON t.id = r.text ";

StepRow step_row(Db& db, const Stmt& st, int64_t pass_id) {
  StepRow s;
  s.pass_id = pass_id;
  s.step = st.i64(0);
  s.rule_id = st.i64(1);
  s.rule_text = st.text(2);
  s.matched = st.i64(3);
  s.replacement = st.i64(4);
  for (auto& [name, node] : json_pairs(db, st.text(5))) s.bound.push_back({name, std::stoll(node)});
  s.duration_ns = st.i64(6);
  return s;
}
}  // namespace

std::vector<StepRow> TraceReader::steps(int64_t pass_id, int64_t offset, int64_t limit) {
  std::vector<StepRow> out;
  // Steps are numbered 1..n without gaps, so a page is a key range, not an OFFSET scan.
  Stmt st(db_, std::string(kStepColumns) + "WHERE s.pass_id = ? AND s.step > ? ORDER BY s.step LIMIT ?");
  st.bind(1, pass_id).bind(2, std::max<int64_t>(offset, 0)).bind(3, limit);
  while (st.step()) out.push_back(step_row(db_, st, pass_id));
  return out;
}

std::optional<StepRow> TraceReader::step(int64_t pass_id, int64_t step) {
  Stmt st(db_, std::string(kStepColumns) + "WHERE s.pass_id = ? AND s.step = ?");
  st.bind(1, pass_id).bind(2, step);
  if (!st.step()) return std::nullopt;
  return step_row(db_, st, pass_id);
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
  Stmt st(db_, "SELECT id, run_id, text, pattern, family, file, line, source, fire_count FROM rules_v WHERE run_id = ? ORDER BY fire_count DESC, id");
  st.bind(1, run_id);
  while (st.step())
    out.push_back({st.i64(0), st.i64(1), st.text(2), st.text(3), st.text(4), st.text(5), st.i64(6), st.text(7), st.i64(8)});
  return out;
}

namespace {
constexpr const char* kNodeColumns = "SELECT u.id, o.text, d.text, u.arg, u.tag, u.srcs, u.hash, u.vmin, u.vmax, u.provenance ";

NodeRow node_row(const Stmt& st) {
  NodeRow n;
  n.id = st.i64(0);
  n.op = st.text(1);
  n.dtype = st.text(2);
  n.arg = st.text(3);
  n.tag = int32_t(st.i64(4));
  n.srcs = parse_id_list(st.text(5));
  n.hash = uint64_t(st.i64(6));
  n.vmin = st.opt_i64(7);
  n.vmax = st.opt_i64(8);
  n.provenance = st.text(9);
  return n;
}
}  // namespace

std::optional<NodeRow> TraceReader::node(int64_t run_id, int64_t id) {
  // Called once per node when a graph is read: prepared once.
  if (!node_stmt_)
    node_stmt_ = std::make_unique<Stmt>(db_, std::string(kNodeColumns) +
                                                 "FROM uops u JOIN strings o ON o.id = u.op JOIN strings d ON d.id = u.dtype "
                                                 "WHERE u.run_id = ? AND u.id = ?");
  Stmt& st = *node_stmt_;
  st.bind(1, run_id).bind(2, id);
  std::optional<NodeRow> out;
  if (st.step()) out = node_row(st);
  st.reset();
  return out;
}

std::vector<NodeRow> TraceReader::graph_nodes(int64_t run_id, int64_t root) {
  // One query walks the whole graph inside SQLite instead of one query per node.
  Stmt st(db_, std::string("WITH RECURSIVE g(id) AS (SELECT ?2 UNION SELECT j.value FROM g JOIN uops u ON u.run_id = ?1 AND u.id = g.id, "
                           "json_each(u.srcs) j) ") +
                   kNodeColumns + "FROM g JOIN uops u ON u.run_id = ?1 AND u.id = g.id JOIN strings o ON o.id = u.op JOIN strings d ON d.id = u.dtype");
  st.bind(1, run_id).bind(2, root);
  std::vector<NodeRow> out;
  while (st.step()) out.push_back(node_row(st));
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
