#include "engine/trace/trace_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>

#include "engine/ir/hash.h"
#include "engine/rewrite/rule_source.h"
#include "engine/trace/batched_insert.h"
#include "engine/trace/flat_index.h"
#include "engine/trace/id_list.h"
#include "engine/trace/int_text.h"
#include "engine/trace/json_writer.h"
#include "engine/trace/sha256.h"

namespace rw::trace_detail {

int64_t CheckpointPolicy::spacing(int64_t last_checkpoint_nodes) const {
  return std::max<int64_t>(std::max<int64_t>(min_spacing, 1), last_checkpoint_nodes / std::max<int64_t>(divisor, 1));
}

namespace {

uint64_t pack_dtype(const DType& d) {
  return uint64_t(d.scalar) | uint64_t(d.count) << 8 | uint64_t(d.ptr) << 16 | uint64_t(d.size) << 20;
}

std::vector<int64_t> src_ids(UOpPtr n) {
  std::vector<int64_t> out;
  out.reserve(n->src.size());
  for (UOpPtr s : n->src) out.push_back(s->id);
  return out;
}

// The hottest function of the writer (every id, count and hash of every record): digits
// from a table of pairs, written backwards, then one append; std::to_chars would first count
// the digits with divisions of its own.
void append_int(std::string& out, int64_t v) {
  if (uint64_t(v) < 10) {  // step numbers, counts, small ids: the commonest case by far
    out.push_back(char('0' + v));
    return;
  }
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char buf[24];
  char* const end = buf + sizeof buf;
  char* p = end;
  uint64_t u = v < 0 ? 0 - uint64_t(v) : uint64_t(v);
  while (u >= 100) {
    const uint64_t q = u / 100;
    p -= 2;
    std::memcpy(p, kPairs + 2 * (u - q * 100), 2);
    u = q;
  }
  if (u >= 10) {
    p -= 2;
    std::memcpy(p, kPairs + 2 * u, 2);
  } else {
    *--p = char('0' + u);
  }
  if (v < 0) *--p = '-';
  out.append(p, size_t(end - p));
}

// The argument as a JSON string, written in place. None is stored as empty text, so the
// column reads naturally in sqlite3; integers (most arguments) are formatted without a
// temporary string.
// `scratch` holds the argument's text before it is escaped: reused, so nothing is allocated.
void append_arg(std::string& out, const Arg& a, std::string& scratch) {
  if (const int64_t* v = a.get_if<int64_t>()) {
    out += '"';
    append_int(out, *v);
    out += '"';
  } else if (a.is_none()) {
    out += "\"\"";
  } else {
    scratch.clear();
    a.append_text(scratch);
    append_json_string(out, scratch);
  }
}

// A JSON array of ids, `[1,2]`, appended to out.
template <class It, class F> void append_id_list(std::string& out, It begin, It end, F&& id) {
  out += '[';
  for (It i = begin; i != end; ++i) {
    if (i != begin) out += ',';
    append_int(out, id(*i));
  }
  out += ']';
}

const char* level_name(LogLevel l) {
  switch (l) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "info";
}

}  // namespace

// The nodes of one run the trace has stored, and the id-level view of them used to compute
// checkpoints. Nodes the writer has to invent for a checkpoint (a rebuilt parent the run
// never reported) are stored too, with negative ids.
struct TraceWriter::RunNodes : IdGraph {
  struct Synth {
    UOpPtr like;  // a real node with the same op, dtype, arg and tag
    std::vector<int64_t> srcs;
    uint64_t hash;
  };
  TraceWriter* w;
  int64_t run_id;
  Arena* arena = nullptr;
  std::vector<UOpPtr> by_id;  // stored engine nodes by arena id (nullptr: not stored)
  std::vector<Synth> synth;   // id -(i+1)
  FlatIndex by_hash;          // structural hash -> stored ids, to find rebuilt parents
  // Stored ids not in by_hash yet: it is only needed to compute a checkpoint, which most
  // (short) passes never do, so nodes are indexed when the first rebuild needs them.
  std::vector<uint32_t> unindexed;
  Block passes;            // records of the run's ended passes not written yet
  NodeBuffer nodes;        // engine nodes not written yet
  NodeBuffer synth_nodes;  // stand-ins (negative ids) not written yet, in their own blocks
  // runs.rule_fires: how often the run's steps used each rule (-1: the run never used it)
  // and the rules it used in first-use order.
  std::vector<int64_t> fires;
  std::vector<uint32_t> used_rules;
  bool row_dirty = false;  // a written row is behind: rule counts moved, or the first pass began
  // The run's passes have the ids first_pass..last_pass (0: none yet): runs are traced one at
  // a time. The last is written when the run ends; until then readers take every pass from
  // the first on that belongs to the run.
  int64_t first_pass = 0, last_pass = 0;
  // The run's row, like a pass's: inserted whole when the run ends in the batch it began in
  // (most short runs), else when its first batch ends (a live reader sees it running), and
  // completed when it ends.
  bool row_written = false;
  RunInfo info;
  std::string options_json;
  int64_t start_time_ns = 0;
  // Kernels of the run that have a row (by name string id): a later record completes it.
  std::unordered_set<int64_t> kernels;

  RunNodes(TraceWriter* w, int64_t run_id) : w(w), run_id(run_id) {}

  bool is_stored(UOpPtr n) const { return n->id < by_id.size() && by_id[n->id]; }
  void mark_stored(UOpPtr n) {
    if (n->id >= by_id.size()) by_id.resize(std::max<size_t>(n->id + 1, by_id.size() * 2), nullptr);
    by_id[n->id] = n;
    unindexed.push_back(n->id);
  }
  void index_stored() {
    for (uint32_t id : unindexed) by_hash.insert(by_id[id]->hash, id);
    unindexed.clear();
  }
  UOpPtr like_of(int64_t id) const { return id >= 0 ? by_id[size_t(id)] : synth[size_t(-id - 1)].like; }
  uint64_t hash_of(int64_t id) const { return id >= 0 ? by_id[size_t(id)]->hash : synth[size_t(-id - 1)].hash; }

  std::vector<int64_t> srcs(int64_t id) override { return id >= 0 ? src_ids(by_id[size_t(id)]) : synth[size_t(-id - 1)].srcs; }

  int64_t rebuild(int64_t like_id, const std::vector<int64_t>& new_srcs) override {
    index_stored();
    UOpPtr like = like_of(like_id);
    std::vector<uint64_t> child_hashes;
    for (int64_t s : new_srcs) child_hashes.push_back(hash_of(s));
    uint64_t hash = structural_hash(like->op, like->dtype, like->arg, like->tag, child_hashes);
    std::optional<int64_t> found;
    by_hash.for_each(hash, [&](int64_t id) {
      if (found && *found >= 0) return;  // a stored engine node beats a stand-in
      UOpPtr c = like_of(id);
      if (c->op == like->op && c->dtype == like->dtype && c->tag == like->tag && c->arg == like->arg && srcs(id) == new_srcs) found = id;
    });
    if (found) return *found;
    int64_t id = -int64_t(synth.size()) - 1;
    synth.push_back({like, new_srcs, hash});
    by_hash.insert(hash, id);
    NodeBuffer& b = synth_nodes;
    b.begin();
    std::string& j = b.json;
    j += '[';
    append_int(j, id);
    j += ',';
    append_int(j, w->op_string(like->op));
    j += ',';
    append_int(j, w->dtype_string(like->dtype));
    j += ',';
    append_arg(j, like->arg, w->arg_text_);
    j += ',';
    append_int(j, int64_t(like->tag));
    j += ',';
    append_id_list(j, new_srcs.begin(), new_srcs.end(), [](int64_t v) { return v; });
    j += ',';
    append_int(j, int64_t(hash));
    j += ']';  // no range, no provenance, no shape: trailing nulls are left out
    b.end(id);
    if (b.recs.size() >= kNodeBufferRecords) w->flush_node_block(run_id, b);
    return id;
  }
};

struct TraceWriter::PassState {
  int64_t pass_id;
  int64_t run_id;
  int64_t input = -1;  // -1: the pass had no input graph, so it gets no checkpoints
  FlatIdMap rewrites;  // matched -> replacement for every step so far (later steps win)
  int64_t last_checkpoint_root = -1;   // the pass input until the first checkpoint
  int64_t last_checkpoint_nodes = -1;  // counted at the first step
  int64_t steps_since_checkpoint = 0;
  // The record's fields known at the beginning. A pass that ends in the batch it began in
  // only gets its record in its run's pass block; one still open when a batch ends also gets
  // a row in open_passes then (so a live reader sees it), deleted when it ends.
  int64_t input_root = -1;  // -1: none
  int64_t parent_id = 0, seq = 0, name = 0, kind = 0, depth = 0, begin_time_ns = 0;
  bool row_written = false;
  Block steps;  // steps not written yet

  // Back to the state of a fresh pass, keeping the buffers' capacity.
  void reset() {
    input = last_checkpoint_root = last_checkpoint_nodes = input_root = -1;
    rewrites.clear();
    steps_since_checkpoint = parent_id = seq = name = kind = depth = begin_time_ns = 0;
    row_written = false;
    steps.count = 0;
    if (steps.json.capacity() > (1u << 20)) steps.json = std::string();
  }
};

// A rule's source lines, looked up once per (file, line): a matcher rebuilt per call announces
// new rules with the same locations.
const std::string& TraceWriter::rule_source(const std::string& file, int line) {
  auto [it, inserted] = rule_sources_.try_emplace({file, line});
  if (inserted) it->second = rule_source_lines(file, line);
  return it->second;
}

TraceWriter::TraceWriter(Db& db, CheckpointPolicy policy)
    : db_(db),
      policy_(policy),
      ins_open_pass_(db, "open_passes(id, run_id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count, begin_time_ns, end_time_ns, rule_counts)", 15, 16),
      ins_pass_block_(db, "pass_blocks(run_id, first_pass, last_pass, passes)", 4, 16),
      ins_step_block_(db, "step_blocks(pass_id, first_step, last_step, steps)", 4, 64),
      ins_rule_(db, "rules(id, text, pattern, family, file, line, source)", 7, 32),
      ins_node_block_(db, "uop_blocks(run_id, first_id, last_id, nodes, same_as_run)", 5, 16),
      ins_run_(db, "runs(id, command, program_path, program_text, options, engine_version, start_time_ns, end_time_ns, ok, rule_fires, first_pass, last_pass)", 12, 16),
      ins_decision_(db, "decisions(run_id, pass_id, node, decision, reason, detail)", 6, 16),
      ins_kernel_(db, "kernels(run_id, pass_id, name, ast_root, linear, c_source, llvm_ir, compile_ms, flops, bytes, computes)", 11, 16),
      ins_string_(db, "INSERT INTO strings(id, text) VALUES (?, ?)"),
      ins_checkpoint_(db, "INSERT INTO checkpoints(pass_id, step, root, node_count) VALUES (?,?,?,?)"),
      end_run_(db, "UPDATE runs SET end_time_ns = ?, ok = ?, rule_fires = ?, first_pass = ?, last_pass = ? WHERE id = ?"),
      run_fires_(db, "UPDATE runs SET rule_fires = ?, first_pass = ? WHERE id = ?"),
      del_open_pass_(db, "DELETE FROM open_passes WHERE id = ?"),
      // A kernel is announced by the scheduler (AST, what it computes) and completed by codegen
      // (sources, compile time): a second record for the same name fills in what it carries.
      upd_kernel_(db, "UPDATE kernels SET pass_id = COALESCE(pass_id, ?2), ast_root = COALESCE(?4, ast_root), "
                      "linear = CASE WHEN ?5 <> '' THEN ?5 ELSE linear END, c_source = CASE WHEN ?6 <> '' THEN ?6 ELSE c_source END, "
                      "llvm_ir = CASE WHEN ?7 <> '' THEN ?7 ELSE llvm_ir END, compile_ms = CASE WHEN ?8 <> 0 THEN ?8 ELSE compile_ms END, "
                      "flops = CASE WHEN ?9 <> 0 THEN ?9 ELSE flops END, bytes = CASE WHEN ?10 <> 0 THEN ?10 ELSE bytes END, "
                      "computes = CASE WHEN ?11 <> '[]' THEN ?11 ELSE computes END WHERE run_id = ?1 AND name = ?3"),
      ins_timing_(db, "INSERT INTO timings(run_id, kernel, iterations, min_us, median_us) VALUES (?,?,?,?,?)"),
      ins_check_(db, "INSERT INTO checks(run_id, kernel, buffer, ok, max_abs_err, max_rel_err, mismatches, first_bad_index, got, want, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
      ins_buffer_(db, "INSERT INTO buffers(run_id, name, role, dtype, shape, size_bytes, data, path, sha256) VALUES (?,?,?,?,?,?,?,?,?)"),
      ins_log_(db, "INSERT INTO logs(run_id, pass_id, level, text, time_ns) VALUES (?,?,?,?,?)") {}

TraceWriter::~TraceWriter() = default;

int64_t TraceWriter::intern(std::string_view s) {
  auto it = strings_.find(s);
  if (it != strings_.end()) return it->second;
  int64_t id = int64_t(strings_.size()) + 1;
  strings_.emplace(std::string(s), id);
  ins_string_.bind(1, id).bind(2, s);
  ins_string_.run();
  return id;
}

int64_t TraceWriter::op_string(Op op) {
  int64_t& id = op_strings_[size_t(op)];
  if (!id) id = intern(op_name(op));
  return id;
}

int64_t TraceWriter::dtype_string(const DType& d) {
  const uint64_t key = pack_dtype(d);
  DTypeSlot& slot = dtype_slots_[(key ^ key >> 8 ^ key >> 16) & (dtype_slots_.size() - 1)];
  if (slot.key == key) return slot.id;
  auto [it, inserted] = dtype_strings_.try_emplace(key, 0);
  if (inserted) it->second = intern(to_string(d));
  slot = {key, it->second};
  return it->second;
}

TraceWriter::RunNodes& TraceWriter::run_nodes(int64_t run_id) {
  // Asked for every node stored, nearly always for the same run as the time before.
  if (last_run_ && last_run_->run_id == run_id) return *last_run_;
  auto& r = runs_[run_id];
  if (!r) r = std::make_unique<RunNodes>(this, run_id);
  last_run_ = r.get();
  return *r;
}

int64_t TraceWriter::store(int64_t run_id, UOpPtr node) {
  RunNodes& r = run_nodes(run_id);
  if (!r.arena) r.arena = node->arena;
  // Ids are per arena, so a node of another arena could pass for a stored one: check first.
  auto check_arena = [&](UOpPtr n) {
    if (n->arena != r.arena)
      throw TraceError("a traced run used nodes from two arenas (node " + n->summary() + "); one run must build all its nodes in one Arena");
  };
  check_arena(node);
  if (r.is_stored(node)) return node->id;
  // Strings are interned as nodes are met, in event order: rows are written at the end of a
  // batch, and batch boundaries depend on timing, which string ids must not.
  auto mark = [&](UOpPtr n) {
    r.mark_stored(n);
    op_string(n->op);
    dtype_string(n->dtype);
  };
  // Children first, so every stored node's sources are stored before it.
  std::vector<std::pair<UOpPtr, size_t>>& stack = dfs_stack_;
  stack.assign(1, {node, 0});
  mark(node);
  while (!stack.empty()) {
    auto& [n, next] = stack.back();
    if (next < n->src.size()) {
      UOpPtr c = n->src[next++];
      if (!r.is_stored(c)) {
        check_arena(c);
        mark(c);  // on push: a shared child is visited once
        stack.emplace_back(c, 0);
      }
      continue;
    }
    pending_nodes_.emplace_back(run_id, n);
    stack.pop_back();
  }
  // Rows are made while the nodes just walked are still in this core's cache.
  if (pending_nodes_.size() >= 256) write_pending_nodes();
  return node->id;
}

// Rows for the nodes stored during a batch, written together: provenance is read from each
// arena under one lock per batch rather than one per node, so the writer does not contend
// with the engine creating nodes.
void TraceWriter::write_pending_nodes() {
  size_t i = 0;
  while (i < pending_nodes_.size()) {
    size_t j = i;
    Arena* arena = pending_nodes_[i].second->arena;
    node_span_.clear();
    while (j < pending_nodes_.size() && pending_nodes_[j].second->arena == arena) node_span_.push_back(pending_nodes_[j++].second);
    arena->provenance(node_span_, provenance_);
    for (size_t k = i; k < j; ++k) insert_node(pending_nodes_[k].first, pending_nodes_[k].second, provenance_[k - i]);
    i = j;
  }
  pending_nodes_.clear();
}

void TraceWriter::insert_node(int64_t run_id, UOpPtr n, const SourceLoc* loc) {
  RunNodes& r = run_nodes(run_id);
  NodeBuffer& b = r.nodes;
  b.begin();
  if (!records_.append(n, loc, b.json)) {
    format_node(n, loc, b.json);
    records_.remember(n, loc, std::string_view(b.json).substr(b.start));
  }
  b.end(int64_t(n->id));
  if (b.recs.size() >= kNodeBufferRecords) flush_node_block(run_id, b);
}

void TraceWriter::format_node(UOpPtr n, const SourceLoc* loc, std::string& j) {
  const int64_t op = op_string(n->op), dtype = dtype_string(n->dtype);
  const int64_t* int_arg = n->arg.get_if<int64_t>();
  // A range that is the whole dtype's says nothing: null keeps the record small, and trailing
  // nulls are left out altogether (most nodes have no provenance, index nodes no shape).
  VRange full = dtype_range(n->dtype);
  const bool has_range = n->vmin != full.min || n->vmax != full.max;
  const bool has_shape = n->shape.has_value();
  {
    TextSpan t(j, 6 + 4 * kMaxIntChars);
    t.ch('[').num(int64_t(n->id)).ch(',').num(op).ch(',').num(dtype).ch(',');
    if (int_arg) t.ch('"').num(*int_arg).ch('"');  // as append_arg writes it, without a call
  }
  if (!int_arg) append_arg(j, n->arg, arg_text_);
  {
    TextSpan t(j, 16 + 4 * kMaxIntChars + (kMaxIntChars + 1) * n->src.size());
    t.ch(',').num(int64_t(n->tag)).lit(",[");
    for (size_t i = 0; i < n->src.size(); ++i) {
      if (i) t.ch(',');
      t.num(int64_t(n->src[i]->id));
    }
    t.lit("],").num(int64_t(n->hash));
    if (has_range || loc || has_shape) {
      if (has_range) t.ch(',').num(n->vmin).ch(',').num(n->vmax);
      else t.lit(",null,null");
    }
  }
  if (has_range || loc || has_shape) {
    if (loc) {
      // "file:line:col", as SourceLoc::to_string() spells it, without building that string.
      j += ',';
      append_json_string(j, loc->file);
      j.pop_back();  // the closing quote, written again after the numbers
      TextSpan t(j, 4 + 2 * kMaxIntChars);
      t.ch(':').num(loc->line).ch(':').num(loc->col).ch('"');
    } else if (has_shape) {
      j += ",null";
    }
  }
  {
    const size_t dims = has_shape ? n->shape->size() : 0;
    TextSpan t(j, 3 + (kMaxIntChars + 1) * dims);
    if (has_shape) {
      t.lit(",[");
      for (size_t i = 0; i < dims; ++i) {
        if (i) t.ch(',');
        t.num((*n->shape)[i]);
      }
      t.ch(']');
    }
    t.ch(']');
  }
}

// Node records by id. A run's nodes are stored once each, so ids in a buffer are distinct,
// and they are mostly close together (the nodes one stretch of a run made): placed by id
// into a table the size of their range, they come out sorted in linear time. A comparison
// sort took a twelfth of the writer on long runs.
void TraceWriter::sort_by_id(std::vector<NodeBuffer::Rec>& recs) {
  if (recs.size() < 2) return;
  auto [lo, hi] = std::minmax_element(recs.begin(), recs.end(), [](const NodeBuffer::Rec& x, const NodeBuffer::Rec& y) { return x.id < y.id; });
  const int64_t first = lo->id;
  const uint64_t range = uint64_t(hi->id - first) + 1;
  if (range > 4 * recs.size()) {
    std::sort(recs.begin(), recs.end(), [](const NodeBuffer::Rec& x, const NodeBuffer::Rec& y) { return x.id < y.id; });
    return;
  }
  slot_of_id_.assign(range, UINT32_MAX);
  for (uint32_t i = 0; i < recs.size(); ++i) slot_of_id_[size_t(recs[i].id - first)] = i;
  sorted_recs_.clear();
  for (uint32_t i : slot_of_id_)
    if (i != UINT32_MAX) sorted_recs_.push_back(recs[i]);
  if (sorted_recs_.size() != recs.size()) {  // an id twice: not expected, but never lose a record
    std::stable_sort(recs.begin(), recs.end(), [](const NodeBuffer::Rec& x, const NodeBuffer::Rec& y) { return x.id < y.id; });
    return;
  }
  recs.swap(sorted_recs_);
}

void TraceWriter::flush_node_block(int64_t run_id, NodeBuffer& b) {
  if (b.recs.empty()) return;
  sort_by_id(b.recs);
  for (size_t i = 0, end = 0; i < b.recs.size(); i = end) {
    // Up to kBlockRecords records and kNodeBlockBytes of text (at least one record).
    size_t bytes = b.recs[i].size + 2;
    for (end = i + 1; end < b.recs.size() && end - i < size_t(kBlockRecords) && bytes + b.recs[end].size + 1 <= kNodeBlockBytes; ++end)
      bytes += b.recs[end].size + 1;
    std::string& t = block_text_;
    t.assign(1, '[');
    for (size_t k = i; k < end; ++k) {
      if (k != i) t += ',';
      t.append(b.json, b.recs[k].offset, b.recs[k].size);
    }
    t += ']';
    const int64_t first = b.recs[i].id, last = b.recs[end - 1].id;
    ins_node_block_.add(run_id).add(first).add(last);
    if (auto holder = shared_blocks_.holder(first, last, t)) {
      ins_node_block_.add(std::string_view()).add(*holder);  // the same text as an earlier run's block
    } else {
      ins_node_block_.add(std::string_view(t)).add_null();
      shared_blocks_.remember(first, last, run_id, t);
    }
    ins_node_block_.end_row();
  }
  b.recs.clear();
  b.json.clear();
}

// Every block not written yet: nodes after steps would do too (one transaction), but nodes
// first keeps every committed step's nodes committed with it in any order of reading.
void TraceWriter::flush_blocks() {
  for (auto& [run_id, r] : runs_) {
    flush_node_block(run_id, r->nodes);
    flush_node_block(run_id, r->synth_nodes);
    r->passes.flush(ins_pass_block_, run_id);
  }
  for (auto& st : passes_) st->steps.flush(ins_step_block_, st->pass_id);
}

void TraceWriter::write(Batch& b) {
  batch_ = &b;
  // The engine made these nodes on another core, so each first look at one is a cache miss:
  // ask for the nodes of later steps ahead, and for their sources' arrays a little later.
  constexpr size_t kNodesAhead = 8, kSrcsAhead = 4;
  auto prefetch_nodes = [&](const StepRec& s) {
    __builtin_prefetch(s.matched);
    __builtin_prefetch(s.replacement);
    for (uint32_t k = 0; k < s.bound_count; ++k) __builtin_prefetch(b.bound[s.bound_begin + k].node);
  };
  auto prefetch_srcs = [&](const StepRec& s) {
    __builtin_prefetch(s.matched->src.data());
    __builtin_prefetch(s.replacement->src.data());
  };
  for (size_t i = 0; i < std::min(kNodesAhead, b.steps.size()); ++i) prefetch_nodes(b.steps[i]);
  size_t next_event = 0, next_pass = 0;
  for (size_t i = 0; i <= b.steps.size(); ++i) {
    // Events and pass marks that came before step i, in the order they were reported.
    for (;;) {
      bool event_here = next_event < b.events.size() && b.events[next_event].first == i;
      bool pass_here = next_pass < b.passes.size() && b.passes[next_pass].at_step == i;
      if (pass_here && (!event_here || b.passes[next_pass].at_event <= next_event)) write_pass_mark(b.passes[next_pass++]);
      else if (event_here) write_event(b.events[next_event++].second);
      else break;
    }
    if (i < b.steps.size()) {
      if (i + kNodesAhead < b.steps.size()) prefetch_nodes(b.steps[i + kNodesAhead]);
      if (i + kSrcsAhead < b.steps.size()) prefetch_srcs(b.steps[i + kSrcsAhead]);
      write_step(b, b.steps[i]);
    }
  }
  write_pending_nodes();
  // Passes still open get their row now, completed when they end.
  for (auto& st : passes_) {
    if (st->row_written) continue;
    add_open_pass_row(*st);
    st->row_written = true;
  }
  flush_blocks();
  flush_rules();
  for (auto& [run_id, r] : runs_) write_run_row(*r, nullptr);
  // Rows gathered many to a statement: every one is written before the batch commits, and a
  // row a later batch updates (a run's) exists by then.
  for (BatchedInsert* ins : {&ins_open_pass_, &ins_pass_block_, &ins_step_block_, &ins_node_block_, &ins_run_, &ins_decision_, &ins_kernel_}) ins->flush();
}

// Interned in event order (at the name's first use by a pass or decision): string ids must
// not depend on batching.
int64_t TraceWriter::name_string(uint32_t id) {
  int64_t& sid = name_strings_.at(id);
  if (!sid) sid = intern(names_[id]);
  return sid;
}

void TraceWriter::write_pass_mark(const PassMark& m) {
  if (!m.begin) {
    end_pass(m.pass_id, m.node, m.ok, {}, m.e.step_count, m.time_ns, StatsRange{m.e.stats_begin, m.e.stats_count});
    return;
  }
  int64_t name = name_string(m.b.name_id);
  int64_t kind = name_string(m.b.kind_id);
  begin_pass(m.pass_id, m.b.run_id, m.parent_id(), m.b.seq, m.b.depth, name, kind, m.node, m.time_ns);
}

void TraceWriter::begin_pass(int64_t pass_id, int64_t run_id, int64_t parent_id, int64_t seq, int64_t depth, int64_t name, int64_t kind,
                             UOpPtr input, int64_t time_ns) {
  std::unique_ptr<PassState> st;
  if (spare_passes_.empty()) {
    st = std::make_unique<PassState>();
  } else {
    st = std::move(spare_passes_.back());
    spare_passes_.pop_back();
  }
  st->pass_id = pass_id;
  st->run_id = run_id;
  RunNodes& run = run_nodes(run_id);
  if (!run.first_pass) {
    run.first_pass = pass_id;
    run.row_dirty = true;  // a row written before the run's first pass gets it
  }
  run.last_pass = std::max(run.last_pass, pass_id);
  if (input) st->input = st->input_root = st->last_checkpoint_root = store(run_id, input);
  st->parent_id = parent_id;
  st->seq = seq;
  st->name = name;
  st->kind = kind;
  st->depth = depth;
  st->begin_time_ns = time_ns;
  passes_.push_back(std::move(st));
}

TraceWriter::PassState* TraceWriter::find_pass(int64_t pass_id) {
  // Steps nearly always belong to the innermost open pass: search from the back.
  for (auto it = passes_.rbegin(); it != passes_.rend(); ++it)
    if ((*it)->pass_id == pass_id) return it->get();
  return nullptr;
}

// passes.rule_counts: [[rule_id, tries, hits, ns], ...] by rule id, a rule that appears twice
// in a matcher counted once; null when the pass reported none.
const std::string* TraceWriter::rule_counts_text(StatsRange range, RunNodes& run) {
  if (!range.count) return nullptr;
  auto by_rule = [](const RuleStatRec& a, const RuleStatRec& b) { return a.rule_id < b.rule_id; };
  std::span<const RuleStatRec> recs(batch_->rule_stats.data() + range.begin, range.count);
  // Records that come sorted (a pass whose rules were first used in matcher order) are
  // formatted where they are, without the copy and the sort.
  if (!std::is_sorted(recs.begin(), recs.end(), by_rule)) {
    stats_.assign(recs.begin(), recs.end());
    // A few dozen records at most, usually: insertion sort is the cheapest there.
    if (stats_.size() <= 64) {
      for (size_t i = 1; i < stats_.size(); ++i) {
        const RuleStatRec r = stats_[i];
        size_t k = i;
        for (; k > 0 && by_rule(r, stats_[k - 1]); --k) stats_[k] = stats_[k - 1];
        stats_[k] = r;
      }
    } else {
      std::sort(stats_.begin(), stats_.end(), by_rule);
    }
    recs = stats_;
  }
  std::string& j = stats_text_;
  j.assign(1, '[');
  for (size_t i = 0; i < recs.size();) {
    RuleStatRec sum = recs[i];
    for (++i; i < recs.size() && recs[i].rule_id == sum.rule_id; ++i) {
      sum.tries += recs[i].tries;
      sum.hits += recs[i].hits;
      sum.ns += recs[i].ns;
    }
    count_rule_use(run, sum.rule_id, 0);  // a rule tried and never fired is still one the run used
    TextSpan t(j, 6 + 4 * kMaxIntChars);  // a span per record: small enough to fill on the stack
    if (j.size() > 1) t.ch(',');
    t.ch('[').num(int64_t(sum.rule_id)).ch(',').num(sum.tries).ch(',').num(sum.hits).ch(',').num(sum.ns).ch(']');
  }
  j += ']';
  return &j;
}

void TraceWriter::end_pass(int64_t pass_id, UOpPtr output, bool ok, std::string_view error, int64_t step_count, int64_t time_ns,
                           StatsRange stats) {
  PassState* found = find_pass(pass_id);
  if (!found) throw TraceError("internal: pass " + std::to_string(pass_id) + " ended but was never begun");
  PassState& st = *found;
  std::optional<int64_t> out;
  if (output) out = store(st.run_id, output);
  // A short pass whose steps are all still here (it began in this batch) carries them in its
  // record: most passes have a few steps, and a step block row each cost more than the steps.
  const bool inline_steps = st.steps.count > 0 && st.steps.count == step_count && st.steps.first == 1 && step_count <= kInlineSteps;
  if (!inline_steps) st.steps.flush(ins_step_block_, st.pass_id);
  // A pass still running when an earlier batch was written has a row in open_passes: its
  // record replaces it.
  if (st.row_written) {
    del_open_pass_.bind(1, pass_id);
    del_open_pass_.run();
  }
  RunNodes& run = run_nodes(st.run_id);
  Block& blk = run.passes;
  blk.add_key(pass_id);
  std::string& j = blk.json;
  // [id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count,
  //  begin_time_ns, end_time_ns, rule_counts]: the columns of the passes view, in order (the
  //  times relative to the run's start), then the steps when they are inline.
  {
    TextSpan t(j, 16 + 10 * (kMaxIntChars + 1));
    t.ch('[').num(pass_id).ch(',');
    if (st.parent_id) t.num(st.parent_id); else t.lit("null");
    t.ch(',').num(st.seq).ch(',').num(st.name).ch(',').num(st.kind).ch(',').num(st.depth).ch(',');
    if (st.input_root >= 0) t.num(st.input_root); else t.lit("null");
    t.ch(',');
    if (out) t.num(*out); else t.lit("null");
    t.ch(',').num(int64_t(ok)).ch(',');
  }
  if (ok && error.empty()) j += "null"; else append_json_string(j, error);
  {
    TextSpan t(j, 4 + 3 * (kMaxIntChars + 1));
    // Times relative to the run's start (schema v7): the view `passes` adds it back.
    t.ch(',').num(step_count).ch(',').num(st.begin_time_ns - run.start_time_ns).ch(',').num(time_ns - run.start_time_ns).ch(',');
  }
  if (const std::string* counts = rule_counts_text(stats, run)) j += *counts; else j += "null";
  if (inline_steps) {
    j += ',';
    j += st.steps.json;  // `[rec,rec,...` as a step block holds them
    j += ']';
    st.steps.count = 0;
  }
  j += ']';
  if (blk.count >= kPassBlockRecords || j.size() >= kNodeBlockBytes) blk.flush(ins_pass_block_, run.run_id);
  auto it = std::find_if(passes_.begin(), passes_.end(), [&](const auto& p) { return p.get() == found; });
  std::unique_ptr<PassState> done = std::move(*it);
  passes_.erase(it);
  if (spare_passes_.size() < 64) {
    done->reset();
    spare_passes_.push_back(std::move(done));
  }
}

// The open_passes row of a pass still running: what is known at its beginning.
void TraceWriter::add_open_pass_row(const PassState& p) {
  BatchedInsert& r = ins_open_pass_;
  r.add(p.pass_id).add(p.run_id);
  if (p.parent_id) r.add(p.parent_id); else r.add_null();
  r.add(p.seq).add(p.name).add(p.kind).add(p.depth);
  if (p.input_root >= 0) r.add(p.input_root); else r.add_null();
  r.add_null().add_null().add_null().add(int64_t(0)).add(p.begin_time_ns).add_null().add_null();
  r.end_row();
}

void TraceWriter::write_step(const Batch& b, const StepRec& s) {
  PassState* found = find_pass(s.pass_id);
  if (!found) throw TraceError("internal: a step refers to pass " + std::to_string(s.pass_id) + " which was never begun");
  PassState& p = *found;
  int64_t matched = store(p.run_id, s.matched);
  int64_t replacement = store(p.run_id, s.replacement);
  // Bound nodes are stored before the record is begun: storing may write node blocks.
  bound_ids_.clear();
  for (uint32_t i = 0; i < s.bound_count; ++i) bound_ids_.push_back(store(p.run_id, b.bound[s.bound_begin + i].node));
  Block& blk = p.steps;
  blk.add_key(s.step);
  std::string& j = blk.json;
  {
    TextSpan t(j, 8 + 4 * kMaxIntChars);
    t.ch('[').num(s.step).ch(',').num(int64_t(s.rule_id)).ch(',').num(matched).ch(',').num(replacement).lit(",{");
  }
  for (uint32_t i = 0; i < s.bound_count; ++i) {
    if (i) j += ',';
    j += names_json_.at(b.bound[s.bound_begin + i].name_id);  // "name":
    append_int(j, bound_ids_[i]);
  }
  {
    TextSpan t(j, 4 + kMaxIntChars);
    t.lit("},").num(s.duration_ns).ch(']');
  }
  if (blk.count >= kBlockRecords) blk.flush(ins_step_block_, p.pass_id);
  count_rule_use(run_nodes(p.run_id), s.rule_id, 1);
  if (p.input >= 0) {
    p.rewrites.set(matched, replacement);
    ++p.steps_since_checkpoint;
    maybe_checkpoint(p, s.step);
  }
}

void TraceWriter::maybe_checkpoint(PassState& p, int64_t step) {
  // The spacing is at least min_spacing, so the input's size is only needed once a pass has
  // that many steps (most passes are shorter and never count their input).
  if (p.steps_since_checkpoint < std::max<int64_t>(policy_.min_spacing, 1)) return;
  RunNodes& r = run_nodes(p.run_id);
  if (p.last_checkpoint_nodes < 0) p.last_checkpoint_nodes = int64_t(toposort_by_id(p.input, r).size());
  if (p.steps_since_checkpoint < policy_.spacing(p.last_checkpoint_nodes)) return;
  // The graph after all rewrites so far. Starting from the last checkpoint instead of the pass
  // input gives the same graph (its nodes are the input's images under the earlier rewrites)
  // for the cost of the current graph rather than the input's.
  int64_t root;
  try {
    root = apply_rewrites_by_id(p.last_checkpoint_root, p.rewrites, r);
  } catch (const TraceError& e) {
    // The steps do not describe a graph (a node rewritten into something containing itself):
    // the steps are still worth keeping, the pass just gets no more snapshots.
    p.input = -1;
    ins_log_.bind(1, p.run_id).bind(2, p.pass_id).bind(3, "warning")
        .bind(4, std::string("no snapshots after step ") + std::to_string(step) + " of this pass: " + e.what())
        .bind(5, int64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count()));
    ins_log_.run();
    return;
  }
  int64_t count = int64_t(toposort_by_id(root, r).size());
  ins_checkpoint_.bind(1, p.pass_id).bind(2, step).bind(3, root).bind(4, count);
  ins_checkpoint_.run();
  p.last_checkpoint_root = root;
  p.last_checkpoint_nodes = count;
  p.steps_since_checkpoint = 0;
}

// Rules announced since the last call get their rows, in one multi-row insert.
void TraceWriter::flush_rules() {
  for (const PendingRule& r : pending_rules_) {
    ins_rule_.add(int64_t(r.rule_id)).add(r.text).add(r.pattern).add(r.family).add(r.file).add(r.line).add(std::string_view(*r.source));
    ins_rule_.end_row();
  }
  ins_rule_.flush();
  pending_rules_.clear();
}

void TraceWriter::count_rule_use(RunNodes& r, uint32_t rule_id, int64_t fires) {
  if (rule_id >= r.fires.size()) r.fires.resize(std::max<size_t>(rule_id + 1, r.fires.size() * 2), -1);
  int64_t& f = r.fires[rule_id];
  if (f < 0) {
    f = 0;
    r.used_rules.push_back(rule_id);
  }
  f += fires;
  r.row_dirty = true;
}

// runs.rule_fires, [[rule_id, fires], ...] by rule id: rewritten whole once per batch while
// the run goes on (a run uses at most a few hundred rules), so a live reader sees counts
// as fresh as the steps.
const std::string& TraceWriter::rule_fires_text(RunNodes& r) {
  std::sort(r.used_rules.begin(), r.used_rules.end());
  std::string& j = fires_text_;
  j.assign(1, '[');
  for (size_t i = 0; i < r.used_rules.size(); ++i) {
    TextSpan t(j, 4 + 2 * kMaxIntChars);  // a span per record: small enough to fill on the stack
    if (i) t.ch(',');
    t.ch('[').num(int64_t(r.used_rules[i])).ch(',').num(r.fires[r.used_rules[i]]).ch(']');
  }
  j += ']';
  return j;
}

// The run's row as far as it is known: inserted the first time (whole, when `end` is given),
// then updated when the run ends or the row is behind.
void TraceWriter::write_run_row(RunNodes& r, const RunEnd* end) {
  if (r.row_written && !end && !r.row_dirty) return;
  r.row_dirty = false;
  const std::string& fires = rule_fires_text(r);
  if (!r.row_written) {
    BatchedInsert& ins = ins_run_;
    ins.add(r.run_id).add(std::string_view(r.info.command)).add(std::string_view(r.info.program_path)).add(std::string_view(r.info.program_text))
        .add(std::string_view(r.options_json)).add(std::string_view(r.info.engine_version)).add(r.start_time_ns);
    if (end) ins.add(end->time_ns).add(int64_t(end->ok)); else ins.add_null().add_null();
    ins.add(std::string_view(fires));
    if (r.first_pass) ins.add(r.first_pass); else ins.add_null();
    if (end && r.last_pass) ins.add(r.last_pass); else ins.add_null();
    ins.end_row();
    r.row_written = true;
  } else if (end) {
    end_run_.bind(1, end->time_ns).bind(2, int64_t(end->ok)).bind(3, fires);
    if (r.first_pass) end_run_.bind(4, r.first_pass).bind(5, r.last_pass); else end_run_.bind_null(4).bind_null(5);
    end_run_.bind(6, r.run_id);
    end_run_.run();
  } else {
    run_fires_.bind(1, fires);
    if (r.first_pass) run_fires_.bind(2, r.first_pass); else run_fires_.bind_null(2);
    run_fires_.bind(3, r.run_id);
    run_fires_.run();
  }
}

}  // namespace rw::trace_detail

namespace rw::trace_detail {

namespace {
template <class... F> struct Overload : F... { using F::operator()...; };
template <class... F> Overload(F...) -> Overload<F...>;

std::optional<int64_t> nonzero(int64_t id) { return id ? std::optional<int64_t>(id) : std::nullopt; }
}  // namespace

void TraceWriter::write_event(Event& e) {
  std::visit(Overload{
                 [&](RunBegin& r) {
                   const RunInfo& info = batch_->run_infos.at(r.info);
                   JsonWriter opts;
                   opts.begin_object();
                   for (auto& [k, v] : info.options) opts.key(k).value(v);
                   opts.end_object();
                   RunNodes& run = run_nodes(r.run_id);
                   run.info = info;  // a copy: the engine thread frees the batch's strings, in its own allocator arena
                   run.options_json = opts.str();
                   run.start_time_ns = r.time_ns;
                 },
                 [&](RunEnd& r) {
                   flush_rules();
                   write_pending_nodes();
                   if (auto it = runs_.find(r.run_id); it != runs_.end()) {
                     flush_node_block(r.run_id, it->second->nodes);
                     flush_node_block(r.run_id, it->second->synth_nodes);
                     it->second->passes.flush(ins_pass_block_, r.run_id);
                     write_run_row(*it->second, &r);
                   }
                   // Node pointers of a finished run are never looked at again.
                   if (last_run_ && last_run_->run_id == r.run_id) last_run_ = nullptr;
                   runs_.erase(r.run_id);
                 },
                 [&](PassBegin& p) {
                   // Interned in event order: string ids must not depend on batching.
                   begin_pass(p.pass_id, p.run_id, p.parent_id, p.seq, p.depth, intern(p.name), intern(p.kind), p.input, p.time_ns);
                 },
                 [&](PassEnd& p) { end_pass(p.pass_id, p.output, p.ok, p.error, p.step_count, p.time_ns, p.stats); },
                 [&](NewRule& r) {
                   // Interned now, in event order; the row is written with the batch (flush_rules).
                   pending_rules_.push_back({r.rule_id, intern(r.info.text), intern(r.info.pattern), intern(r.info.family),
                                             intern(r.info.file), int64_t(r.info.line), &rule_source(r.info.file, r.info.line)});
                 },
                 [&](NewName& n) {
                   if (names_json_.size() <= n.name_id) {
                     names_json_.resize(n.name_id + 1);
                     names_.resize(n.name_id + 1);
                     name_strings_.resize(n.name_id + 1, 0);
                   }
                   names_[n.name_id] = n.name;
                   std::string& key = names_json_[n.name_id];
                   key.clear();
                   append_json_string(key, n.name);
                   key += ':';
                 },
                 [&](Decision& d) {
                   std::optional<int64_t> node;
                   if (d.node) node = store(d.run_id, d.node);
                   ins_decision_.add(d.run_id).add(nonzero(d.pass_id)).add(node).add(name_string(d.decision)).add(name_string(d.reason))
                       .add(std::string_view(batch_->text).substr(d.detail_begin, d.detail_size));
                   ins_decision_.end_row();
                 },
                 [&](Kernel& k) {
                   std::optional<int64_t> ast;
                   if (k.rec.ast) ast = store(k.run_id, k.rec.ast);
                   std::vector<int64_t> computes;
                   for (uint32_t i = 0; i < k.computes_count; ++i) computes.push_back(store(k.run_id, batch_->nodes.at(k.computes_begin + i)));
                   const std::string computes_list = format_id_list(computes);
                   const int64_t name = intern(k.rec.name);
                   // The first record of a kernel in its run inserts the row; a later one (codegen
                   // completing what the scheduler announced) fills in what it carries, once the
                   // rows waiting for a shared statement are in.
                   if (run_nodes(k.run_id).kernels.insert(name).second) {
                     ins_kernel_.add(k.run_id).add(nonzero(k.pass_id)).add(name).add(ast).add(std::string_view(k.rec.linear))
                         .add(std::string_view(k.rec.c_source)).add(std::string_view(k.rec.llvm_ir)).add(k.rec.compile_ms)
                         .add(k.rec.flops).add(k.rec.bytes).add(std::string_view(computes_list));
                     ins_kernel_.end_row();
                   } else {
                     ins_kernel_.flush();
                     upd_kernel_.bind(1, k.run_id).bind(2, nonzero(k.pass_id)).bind(3, name).bind(4, ast)
                         .bind(5, k.rec.linear).bind(6, k.rec.c_source).bind(7, k.rec.llvm_ir).bind(8, k.rec.compile_ms)
                         .bind(9, k.rec.flops).bind(10, k.rec.bytes).bind(11, computes_list);
                     upd_kernel_.run();
                   }
                 },
                 [&](Timing& t) {
                   ins_timing_.bind(1, t.run_id).bind(2, intern(t.rec.kernel)).bind(3, int64_t(t.rec.iterations))
                       .bind(4, t.rec.min_us).bind(5, t.rec.median_us);
                   ins_timing_.run();
                 },
                 [&](Check& c) {
                   ins_check_.bind(1, c.run_id).bind(2, intern(c.rec.kernel)).bind(3, intern(c.rec.buffer)).bind(4, int64_t(c.rec.ok))
                       .bind(5, c.rec.max_abs_err).bind(6, c.rec.max_rel_err).bind(7, c.rec.mismatches)
                       .bind(8, c.rec.first_bad_index).bind(9, c.rec.got).bind(10, c.rec.want).bind(11, c.rec.detail);
                   ins_check_.run();
                 },
                 [&](Buffer& b) {
                   if (b.has_data && b.sha256.empty()) b.sha256 = sha256_hex(b.data);
                   ins_buffer_.bind(1, b.run_id).bind(2, b.name).bind(3, b.role).bind(4, b.dtype).bind(5, format_id_list(b.shape))
                       .bind(6, b.size_bytes);
                   if (b.has_data) ins_buffer_.bind_blob(7, b.data); else ins_buffer_.bind_null(7);
                   ins_buffer_.bind(8, b.path).bind(9, b.sha256);
                   ins_buffer_.run();
                 },
                 [&](Log& l) {
                   ins_log_.bind(1, l.run_id).bind(2, nonzero(l.pass_id)).bind(3, level_name(l.level)).bind(4, l.text).bind(5, l.time_ns);
                   ins_log_.run();
                 },
             },
             e);
}

}  // namespace rw::trace_detail
