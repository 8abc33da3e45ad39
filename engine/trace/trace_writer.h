// The SQLite side of the tracer: turns batches of tracer events into rows. Runs on the
// tracer's writer thread only; it owns the connection and every prepared statement.
#pragma once
#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/ir/arena.h"
#include "engine/trace/batched_insert.h"
#include "engine/trace/id_rewrite.h"
#include "engine/trace/node_record_cache.h"
#include "engine/trace/shared_node_blocks.h"
#include "engine/trace/sqlite_db.h"
#include "engine/trace/string_map.h"
#include "engine/trace/trace_batch.h"

namespace rw::trace_detail {

// Checkpoint spacing: a pass stores the whole graph's root after a step once at least
// max(min_spacing, last checkpoint nodes / divisor) steps have passed since its last
// checkpoint (the pass input counts as checkpoint 0). A checkpoint is rebuilt from the last
// one, which costs about its size, so spacing proportional to it keeps the cost per step
// constant; the floor keeps small passes from checkpointing every step.
struct CheckpointPolicy {
  int64_t min_spacing = 64;
  int64_t divisor = 4;
  int64_t spacing(int64_t last_checkpoint_nodes) const;
};

class TraceWriter {
 public:
  TraceWriter(Db& db, CheckpointPolicy policy);
  ~TraceWriter();
  // Writes one batch; the caller wraps batches in transactions.
  void write(Batch& batch);

 private:
  struct RunNodes;
  struct PassState;
  // Records of consecutive stored nodes or steps, written as one row: a JSON array built in
  // place, `[rec,rec,...]`, with the smallest and largest key it holds.
  struct Block {
    std::string json;
    int64_t count = 0, first = 0, last = 0;
    // Opens a record with key k: `[` or `,` before it is written by the caller.
    void add_key(int64_t k) {
      if (count++ == 0) {
        json.assign(1, '[');
        first = last = k;
      } else {
        json += ',';
        first = std::min(first, k);
        last = std::max(last, k);
      }
    }
    // Adds the block, if it holds records, as the row (owner, first, last, json) and empties it.
    void flush(BatchedInsert& into, int64_t owner) {
      if (!count) return;
      json += ']';
      into.add(owner).add(first).add(last).add(std::string_view(json));
      into.end_row();
      count = 0;
    }
  };
  static constexpr int64_t kBlockRecords = 512;
  // A node block is also cut before its text passes this size, so that it fits in one 16 KiB
  // page of its table: a row longer than a page spills into overflow pages, and the last one
  // is mostly empty (a scheduling run's few dozen nodes took 18 KiB of pages for 5 of text).
  static constexpr size_t kNodeBlockBytes = 15 * 1024;
  // Pass records per block (pass blocks are cut at kNodeBlockBytes too).
  static constexpr int64_t kPassBlockRecords = 256;
  // A pass with at most this many steps, all written in the batch it ends in, keeps them in
  // its pass record instead of a step block.
  static constexpr int64_t kInlineSteps = 32;
  // Node records of a run not written yet. Nodes are met in no particular id order (a pass
  // refers to old nodes and new ones), so they are gathered for several blocks, sorted by id
  // and cut into blocks then: each block then covers a narrow id range, which is what a
  // reader looking up one node by id needs.
  struct NodeBuffer {
    struct Rec {
      int64_t id;
      uint32_t offset, size;
    };
    std::string json;  // the records, back to back
    std::vector<Rec> recs;
    size_t start = 0;
    void begin() { start = json.size(); }
    void end(int64_t id) { recs.push_back({id, uint32_t(start), uint32_t(json.size() - start)}); }
  };
  static constexpr size_t kNodeBufferRecords = 8 * kBlockRecords;

  int64_t intern(std::string_view s);
  int64_t op_string(Op op);
  int64_t dtype_string(const DType& d);
  RunNodes& run_nodes(int64_t run_id);
  int64_t store(int64_t run_id, UOpPtr node);  // stores node and unseen descendants; returns id
  void insert_node(int64_t run_id, UOpPtr n, const SourceLoc* loc);
  void format_node(UOpPtr n, const SourceLoc* loc, std::string& out);  // n's record, appended
  NodeRecordCache records_;
  SharedNodeBlocks shared_blocks_;  // node blocks later runs point to
  void write_pending_nodes();
  void flush_node_block(int64_t run_id, NodeBuffer& b);
  void sort_by_id(std::vector<NodeBuffer::Rec>& recs);
  std::vector<uint32_t> slot_of_id_;  // sort_by_id's scratch
  std::vector<NodeBuffer::Rec> sorted_recs_;
  void flush_blocks();
  void write_step(const Batch& b, const StepRec& s);
  void add_open_pass_row(const PassState& p);
  void write_pass_mark(const PassMark& m);
  int64_t name_string(uint32_t name_id);  // strings.id of a tracer-assigned name
  void begin_pass(int64_t pass_id, int64_t run_id, int64_t parent_id, int64_t seq, int64_t depth, int64_t name, int64_t kind,
                  UOpPtr input, int64_t time_ns);
  void end_pass(int64_t pass_id, UOpPtr output, bool ok, std::string_view error, int64_t step_count, int64_t time_ns, StatsRange stats);
  const std::string* rule_counts_text(StatsRange range, RunNodes& run);
  void maybe_checkpoint(PassState& p, int64_t step);
  void write_event(Event& e);
  void flush_rules();
  const std::string& rule_fires_text(RunNodes& r);
  void write_run_row(RunNodes& r, const RunEnd* end);
  void count_rule_use(RunNodes& r, uint32_t rule_id, int64_t fires);
  const std::string& rule_source(const std::string& file, int line);

  Db& db_;
  CheckpointPolicy policy_;
  BatchedInsert ins_open_pass_;   // passes still running when a batch ends (few)
  BatchedInsert ins_pass_block_;  // a short run's passes make one block
  BatchedInsert ins_step_block_;  // most passes are short: one small block each, many per batch
  BatchedInsert ins_rule_;
  // A short run makes one row of each: many runs share a statement.
  BatchedInsert ins_node_block_, ins_run_, ins_decision_, ins_kernel_;
  Stmt ins_string_, ins_checkpoint_, end_run_, run_fires_, del_open_pass_, upd_kernel_, ins_timing_, ins_check_, ins_buffer_, ins_log_;
  StringMap<int64_t> strings_;  // strings.id by text (intern())
  std::array<int64_t, kNumOps> op_strings_{};
  // A program uses a handful of dtypes, asked for twice per node stored: a small
  // direct-mapped table by packed dtype answers without hashing into the map behind it.
  struct DTypeSlot {
    uint64_t key = UINT64_MAX;
    int64_t id = 0;
  };
  std::array<DTypeSlot, 64> dtype_slots_{};
  std::unordered_map<uint64_t, int64_t> dtype_strings_;
  std::map<int64_t, std::unique_ptr<RunNodes>> runs_;
  RunNodes* last_run_ = nullptr;  // the run run_nodes() returned last (in runs_)
  // Open passes in begin order (few: as many as passes nest), and ended ones kept for reuse:
  // a pass's tables and text buffers keep their capacity, so short passes allocate nothing.
  std::vector<std::unique_ptr<PassState>> passes_;
  std::vector<std::unique_ptr<PassState>> spare_passes_;
  PassState* find_pass(int64_t pass_id);
  std::vector<std::string> names_;       // name id (bound names, pass names and kinds) -> name
  std::vector<std::string> names_json_;  // name id -> the name as a JSON key: `"x":`
  std::vector<int64_t> name_strings_;    // name id -> strings.id, 0 until a pass uses it
  struct PendingRule {
    uint32_t rule_id = 0;
    int64_t text = 0, pattern = 0, family = 0, file = 0, line = 0;
    const std::string* source = nullptr;  // in rule_sources_
  };
  std::vector<PendingRule> pending_rules_;  // announced, row not written yet
  std::string fires_text_;  // runs.rule_fires of the run being written
  std::vector<std::pair<UOpPtr, size_t>> dfs_stack_;
  std::vector<std::pair<int64_t, UOpPtr>> pending_nodes_;  // stored this batch, rows not written yet
  std::vector<UOpPtr> node_span_;
  std::vector<int64_t> bound_ids_;
  std::string block_text_;
  std::vector<const SourceLoc*> provenance_;
  const Batch* batch_ = nullptr;  // the batch being written
  std::vector<RuleStatRec> stats_;
  std::string stats_text_;
  std::string arg_text_;  // a node argument's text before escaping
  // A rule's source lines by (file, line): rules rebuilt with the same location share them.
  std::map<std::pair<std::string, int>, std::string> rule_sources_;
};

}  // namespace rw::trace_detail
