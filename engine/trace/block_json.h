// Decoding the JSON arrays of the block tables (uop_blocks.nodes, step_blocks.steps,
// pass_blocks.passes): a small
// parser for exactly their format, much faster than going through SQLite's json functions.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rw::block_json {

// One node record: [id, op, dtype, arg, tag, [srcs], hash, vmin, vmax, provenance, [shape]]
// (op and dtype are strings.id; trailing null fields may be left out).
struct NodeRecord {
  int64_t id = 0, op = 0, dtype = 0, tag = 0;
  std::string arg;
  std::vector<int64_t> srcs;
  uint64_t hash = 0;
  std::optional<int64_t> vmin, vmax;
  std::string provenance;  // empty when null
  std::optional<std::vector<int64_t>> shape;  // empty when null or left out
};

// One step record: [step, rule_id, matched, replacement, {"name": node, ...}, duration_ns].
struct StepRecord {
  int64_t step = 0, rule_id = 0, matched = 0, replacement = 0, duration_ns = 0;
  std::vector<std::pair<std::string, int64_t>> bound;
};

// One pass record: [id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error,
// step_count, begin_time_ns, end_time_ns, rule_counts, steps?] (name and kind are strings.id;
// the times are relative to the run's start_time_ns; the rule counts, read through SQL, are
// skipped; steps, when the pass keeps them inline, are a step block's array, returned as text
// for parse_steps).
struct PassRecord {
  int64_t id = 0, seq = 0, name = 0, kind = 0, depth = 0, step_count = 0, begin_time_ns = 0;
  std::optional<int64_t> parent_id, input_root, output_root, ok, end_time_ns;
  std::string error;  // empty when null
  std::string steps;  // empty when the steps are in step_blocks
};

// Throw TraceError naming `what` when the text is not a block of this format.
std::vector<NodeRecord> parse_nodes(std::string_view json, const std::string& what);
std::vector<StepRecord> parse_steps(std::string_view json, const std::string& what);
std::vector<PassRecord> parse_passes(std::string_view json, const std::string& what);

}  // namespace rw::block_json
