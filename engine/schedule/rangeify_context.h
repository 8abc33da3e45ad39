// The bookkeeping of the rangeify pass: new ranges, the buffer made for each REALIZE, and the
// children (nodes with several consumers) waiting for all their consumers' indices.
// Internal to engine/schedule.
//
// An index during rangeify is INDEX(x, i0, ..., ik[, gate]): one index-typed operand per axis
// of x (one, 0, for a shape-() node) and an optional bool gate (false where a PAD made the
// element invalid; loads there are skipped). INDEX's int argument, when present, is the id of
// the first loop range an EXPAND above ended (see might_end_axis in rangeify_ops.cpp).
#pragma once
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/ir/uop.h"
#include "engine/rewrite/pattern_matcher.h"
#include "engine/schedule/schedule_state.h"

namespace rw::sched {

struct IndexParts {
  UOpPtr src = nullptr;
  std::vector<UOpPtr> ops;
  UOpPtr gate = nullptr;            // nullptr: always valid
  std::optional<int64_t> ending;    // INDEX's argument
};

IndexParts parse_index(UOpPtr idx);
UOpPtr build_index(UOpPtr src, const std::vector<UOpPtr>& ops, UOpPtr gate, std::optional<int64_t> ending = std::nullopt);
UOpPtr and_gates(UOpPtr a, UOpPtr b);  // either may be nullptr (true)
// Operands per axis: max(rank, 1).
size_t index_rank(const IntTuple& shape);

inline constexpr int64_t kLoopRange = 0;
inline constexpr int64_t kReduceRange = 1;

struct ChildInfo {
  size_t consumers = 0;                                   // distinct consumers in the graph
  std::vector<UOpPtr> users;                              // those consumers
  std::vector<std::pair<UOpPtr, UOpPtr>> seen;            // (consumer, the INDEX it built)
  bool decided = false;
  UOpPtr buffer = nullptr;                                // the BUFFERIZE when they disagreed
  UOpPtr fused = nullptr;                                 // the shared INDEX when they agreed
};

struct RangeifyContext {
  explicit RangeifyContext(State& st) : st(st) {}
  State& st;
  int64_t next_range = 0;
  std::unordered_map<UOpPtr, UOpPtr> buffer_of;     // REALIZE -> BUFFERIZE
  std::unordered_map<UOpPtr, ChildInfo> children;   // tracked nodes
  std::unordered_set<UOpPtr> passes_children;       // INDEX nodes the children rule has settled
  std::unordered_map<UOpPtr, bool> reduce_below;    // memo for has_reduce
  std::unordered_map<UOpPtr, bool> expensive_below; // memo for has_expensive
  std::unordered_map<UOpPtr, int64_t> repeats;      // INDEX -> repeats_of, when above 1

  // A loop or reduce variable over [0, size); a size-1 axis gets the constant 0 instead.
  UOpPtr new_range(Arena& a, int64_t size, int64_t kind);
  // INDEX(src, ops[, gate]) built while pushing `parent` (an INDEX of src's consumer) down;
  // records it when src is a child waiting for its consumers. `repeat`: how many times more
  // often src is evaluated than its consumer per element (an expand's broadcast ranges).
  UOpPtr index(UOpPtr parent, UOpPtr src, const std::vector<UOpPtr>& ops, UOpPtr gate, std::optional<int64_t> ending = std::nullopt,
               int64_t repeat = 1);
  // How many times the fused kernel evaluates each element `idx` addresses: the product of
  // the sizes of the ranges in scope that expands above made it independent of (1 if none).
  int64_t repeats_of(UOpPtr idx) const;
  // Whether x computes something expensive to repeat: a transcendental (EXP2 LOG2 SIN SQRT)
  // or a reduce, looking through everything but REALIZE'd buffers.
  bool has_expensive(UOpPtr x);
  // BUFFERIZE(INDEX(x, fresh ranges), ranges) with its decision recorded.
  UOpPtr bufferize(UOpPtr x, const std::string& reason, const std::string& detail, bool report = true);
  // Whether x computes a reduce (looking through everything but REALIZE'd buffers).
  bool has_reduce(UOpPtr x);
};

// The rangeify pass body: finds the children, pushes indices with `rules` (bottom up) and
// checks that no tensor op is left. A children wait that never ends (graph_rewrite's "not
// making progress") becomes a ScheduleError "children not making progress" naming each
// waiting node and its consumers, those that indexed it and those that never did.
UOpPtr rangeify_with(UOpPtr g, RangeifyContext& ctx, const PatternMatcher& rules);

// Finds the children of the realized tensor graph under `sink`: compute nodes with more than
// one consumer that contain a reduce (recomputing those per consumer would be costly).
void find_children(UOpPtr sink, RangeifyContext& ctx);

}  // namespace rw::sched
