// The only way the viewer and the CLI read traces. Read-only: the file is opened with
// SQLITE_OPEN_READONLY and works while a tracer is still writing it (WAL mode). Files written
// with an older schema are migrated in an in-memory copy, never in place.
//
// Every failure is a TraceError that names the file, says what is wrong and what to try:
// a missing file, a file that is not SQLite, a damaged or truncated file, a database that is
// not a trace, or a trace written by a newer Rewind than this one.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/trace/block_json.h"
#include "engine/trace/sqlite_db.h"
#include "engine/trace/trace_records.h"

namespace rw {

class TraceReader {
 public:
  explicit TraceReader(const std::string& path);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  const std::string& path() const { return path_; }
  const MetaInfo& meta() const { return meta_; }
  bool migrated() const { return migrated_; }  // read through an in-memory upgraded copy
  // True when another connection committed since the last call (a live run grew).
  bool changed();

  std::vector<RunRow> runs();
  std::vector<PassRow> passes(int64_t run_id);        // every pass of the run, begin order
  // The passes of run `run_id` as a table expression named `p`, with the columns of the view
  // `passes`: `SELECT ... FROM ` + run_passes(id). Ended passes come from the run's pass
  // blocks, found through the index on their id ranges (runs.first_pass..last_pass), running
  // ones from open_passes; the view would unpack every block of the file.
  std::string run_passes(int64_t run_id);
  // The same for the single pass `pass_id`.
  static std::string pass_by_id(int64_t pass_id);
  std::optional<PassRow> pass(int64_t pass_id);
  std::vector<StepRow> steps(int64_t pass_id, int64_t offset = 0, int64_t limit = -1);
  std::optional<StepRow> step(int64_t pass_id, int64_t step);
  std::vector<CheckpointRow> checkpoints(int64_t pass_id);
  std::vector<RuleRow> rules(int64_t run_id);          // most fired first
  // Rule statistics of one pass, and of a run (summed over its passes): most time first
  // (most hits first where times are unknown).
  std::vector<RuleStatRow> rule_stats(int64_t pass_id);
  std::vector<RuleStatRow> run_rule_stats(int64_t run_id);
  std::optional<NodeRow> node(int64_t run_id, int64_t id);
  // Every stored node under `root` (any order).
  std::vector<NodeRow> graph_nodes(int64_t run_id, int64_t root);

  // The pass's graph after its first `step` rewrites (step 0 = the pass input), rebuilt from
  // the nearest checkpoint at or before `step` by applying the later steps by id, with the
  // rules of apply_rewrites. A rebuilt parent the trace never stored is looked up by its
  // fields among the run's stored nodes; if there is none it is synthesized with a negative
  // id below every stored id, unique within the returned graph.
  GraphAt graph_at(int64_t pass_id, int64_t step);

  std::vector<DecisionRow> decisions(int64_t run_id);
  std::vector<KernelRow> kernels(int64_t run_id);
  std::vector<TimingRow> timings(int64_t run_id);
  std::vector<CheckRow> checks(int64_t run_id);
  std::vector<LogRow> logs(int64_t run_id);
  std::vector<BufferRow> buffers(int64_t run_id);

  // For ad-hoc queries (rewind query): the open connection, read-only.
  Db& db() { return db_; }

 private:
  std::string run_blocks_where(int64_t run_id);  // the run's pass blocks, as a condition on `pass_blocks b`
  // The record of an ended pass and its run, from the blocks whose id range holds it.
  std::optional<std::pair<int64_t, block_json::PassRecord>> pass_record(int64_t pass_id);
  // The steps a short pass keeps in its record (step block format), "" when it keeps none there.
  const std::string& inline_steps(int64_t pass_id);
  int64_t inline_steps_pass_ = 0;
  std::string inline_steps_json_;
  void append_pass_records(int64_t run_id, int64_t run_start_ns, const std::string& json, std::vector<PassRow>& out);
  // Per-run caches: nodes already read, and (built on first need) every stored node by its
  // fields, to find the stored node a rebuilt parent is equal to.
  struct RunIndex {
    std::unordered_map<int64_t, NodeRow> nodes;  // every node of the blocks decoded so far
    // The run's node blocks by first id (their id ranges may overlap), as of blocks_version.
    struct Block {
      int64_t first = 0, last = 0;
      bool decoded = false;
    };
    std::vector<Block> blocks;
    int64_t blocks_version = -1;
    std::unordered_multimap<uint64_t, int64_t> by_key;
    int64_t keys_version = -1;  // PRAGMA data_version the key index was built at
  };
  // Every rewrite of a pass by matched node, read once per pass: a snapshot applies all
  // rewrites up to its step (as apply_rewrites does), though it rebuilds only from the
  // nearest checkpoint, because a parent rebuilt after a later step can equal a node an
  // earlier step rewrote.
  struct PassRewrites {
    int64_t loaded_to = 0;  // steps 1..loaded_to are in by_matched
    std::unordered_map<int64_t, std::vector<std::pair<int64_t, int64_t>>> by_matched;  // (step, replacement), by step
  };
  class SnapshotGraph;
  class StepRewrites;
  friend class SnapshotGraph;

  void open_checked();
  int64_t data_version();
  const std::string& string_text(int64_t id);
  const std::string& rule_text(int64_t rule_id);
  void load_block_ranges(RunIndex& r, int64_t run_id, int64_t version);
  void decode_node_block(RunIndex& r, int64_t run_id, RunIndex::Block& b);
  const NodeRow* find_node(int64_t run_id, int64_t id);
  // The decoded step block of `pass_id` holding `step` (nullptr if none).
  const std::vector<StepRow>* step_block(int64_t pass_id, int64_t step);
  std::vector<StepRow> decode_step_block(int64_t pass_id, const std::string& json);
  void read_meta();
  const NodeRow& cached_node(int64_t run_id, int64_t id);
  RunIndex& run_index(int64_t run_id);
  PassRewrites& pass_rewrites(int64_t pass_id, int64_t up_to_step);

  std::string path_;
  Db db_;
  std::unique_ptr<Stmt> node_stmt_;  // after db_: finalized before the connection closes
  MetaInfo meta_;
  bool migrated_ = false;
  int written_version_ = 0, written_compatible_ = 0;  // before in-memory migration
  int64_t data_version_ = -1;
  std::unordered_map<int64_t, std::unique_ptr<RunIndex>> indexes_;
  std::unordered_map<int64_t, PassRewrites> pass_rewrites_;
  std::unordered_map<int64_t, std::string> strings_;     // strings.id -> text, read on first use
  std::unordered_map<int64_t, std::string> rule_texts_;  // rules.id -> its text
  // The step block read last (viewers step through consecutive steps).
  int64_t step_block_pass_ = -1, step_block_first_ = 0, step_block_last_ = -1;
  std::vector<StepRow> step_block_rows_;
};

}  // namespace rw
