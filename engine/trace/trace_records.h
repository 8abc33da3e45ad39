// Plain rows read back from a trace. No engine objects: a reader never creates UOps, so the
// viewer and the CLI can hold any number of traces without an Arena.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rw {

struct MetaInfo {
  int schema_version = 0;      // as written (before any in-memory migration)
  int compatible_version = 0;
  std::string engine_version;
  std::string created_at;      // ISO 8601 UTC
  std::vector<std::pair<std::string, std::string>> entries;  // every meta row, by key
};

struct RunRow {
  int64_t id = 0;
  std::string command, program_path, program_text;
  std::vector<std::pair<std::string, std::string>> options;  // in the order given
  std::string engine_version;
  int64_t start_time_ns = 0;
  std::optional<int64_t> end_time_ns;
  std::optional<bool> ok;  // empty while the run is in progress (or crashed)
};

struct PassRow {
  int64_t id = 0, run_id = 0;
  std::optional<int64_t> parent_id;
  int64_t seq = 0;  // begin order within the run, from 1
  std::string name, kind;
  int64_t depth = 0;
  std::optional<int64_t> input_root, output_root;
  std::optional<bool> ok;  // empty while the pass is open
  std::string error;
  int64_t step_count = 0;  // the pass's own steps (written when it ends; counted while open)
  int64_t begin_time_ns = 0;
  std::optional<int64_t> end_time_ns;
  std::vector<int64_t> children;  // child pass ids in begin order
};

struct BoundRow {
  std::string name;
  int64_t node = 0;
  friend bool operator==(const BoundRow&, const BoundRow&) = default;
};

struct StepRow {
  int64_t pass_id = 0;
  int64_t step = 0;  // 1-based: the graph after step k is graph_at(pass, k)
  int64_t rule_id = 0;
  std::string rule_text;
  int64_t matched = 0, replacement = 0;
  std::vector<BoundRow> bound;
  int64_t duration_ns = 0;
};

struct RuleRow {
  int64_t id = 0, run_id = 0;
  std::string text, pattern, family, file;
  int64_t line = 0;
  std::string source;  // the rule's source lines, embedded at build time (may be empty)
  int64_t fire_count = 0;
};

// How a rule did in a pass, or summed over a run's passes (table rule_stats). Passes written
// before schema v3 have hits only (counted from their steps).
struct RuleStatRow {
  int64_t rule_id = 0;
  std::string text, file;
  int64_t line = 0;
  std::optional<int64_t> tries;  // times its pattern was tested against a node
  int64_t hits = 0;              // rewrites it made
  std::optional<int64_t> ns;     // time testing its pattern and running its function
  // hits / tries, when tries are known and not zero.
  std::optional<double> hit_rate() const { return tries && *tries ? std::optional<double>(double(hits) / double(*tries)) : std::nullopt; }
};

struct NodeRow {
  int64_t id = 0;  // negative: synthesized (see graph_at / docs/trace-schema.md)
  std::string op, dtype, arg;
  int32_t tag = 0;
  std::vector<int64_t> srcs;
  uint64_t hash = 0;  // structural hash, comparable across runs
  std::optional<int64_t> vmin, vmax;  // empty: the dtype's whole range (or no range)
  std::string provenance;  // "file:line:col" or empty
  std::optional<std::vector<int64_t>> shape;  // tensor-level shape; empty when the node has none
};

struct GraphAt {
  int64_t pass_id = 0;
  int64_t step = 0;
  int64_t root = 0;
  std::vector<NodeRow> nodes;        // toposort order: children first, root last
  int64_t from_checkpoint_step = 0;  // the snapshot this was rebuilt from (0 = pass input)
  std::optional<int64_t> matched;      // the step's matched node (none at step 0)
  std::optional<int64_t> replacement;  // the step's replacement
  std::optional<int64_t> rule_id;
};

struct CheckpointRow {
  int64_t pass_id = 0, step = 0, root = 0, node_count = 0;
};

struct DecisionRow {
  int64_t id = 0, run_id = 0;
  std::optional<int64_t> pass_id, node;
  std::string decision, reason, detail;
};

struct KernelRow {
  int64_t id = 0, run_id = 0;
  std::optional<int64_t> pass_id;
  std::string name;
  std::optional<int64_t> ast_root;
  std::string linear, c_source, llvm_ir;
  double compile_ms = 0;
  int64_t flops = 0, bytes = 0;
  std::vector<int64_t> computes;
};

struct TimingRow {
  int64_t id = 0, run_id = 0;
  std::string kernel;
  int64_t iterations = 0;
  double min_us = 0, median_us = 0;
};

struct CheckRow {
  int64_t id = 0, run_id = 0;
  std::string kernel, buffer;
  bool ok = true;
  double max_abs_err = 0, max_rel_err = 0;
  int64_t mismatches = 0, first_bad_index = -1;
  double got = 0, want = 0;
  std::string detail;
};

struct LogRow {
  int64_t id = 0, run_id = 0;
  std::optional<int64_t> pass_id;
  std::string level;  // "debug" "info" "warning" "error"
  std::string text;
  int64_t time_ns = 0;
};

struct BufferRow {
  int64_t id = 0, run_id = 0;
  std::string name, role, dtype;
  std::vector<int64_t> shape;
  int64_t size_bytes = 0;
  std::optional<std::string> data;  // empty when the array was over the size limit
  std::string path, sha256;
};

}  // namespace rw
