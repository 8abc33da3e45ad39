// The stage evaluator: evaluates a graph at any scheduling stage — the tensor graph,
// rangeified graphs (INDEX, RANGE, BUFFERIZE, REDUCE), stores and kernels — and runs a
// Schedule's kernels in order over host buffers. It extends the reference Evaluator's rule
// table; everything after rangeify is evaluated from the index expressions alone (movement
// ops are gone by then, and nothing here re-derives them).
//
// A value that depends on loop ranges is an array over those ranges: its free RANGEs (the
// ones not bound by an enclosing REDUCE, BUFFERIZE or STORE) sorted by range id, one axis
// each. An ALU node broadcasts its sources over the union of their ranges; a REDUCE folds its
// ranges away; a BUFFERIZE or STORE lays its value out over its own ranges. Snapshots taken in
// the middle of rangeify, where an INDEX may still point at a tensor node, are evaluable too:
// that node's value is the reference's (its movement ops have not been turned into index
// arithmetic yet), read at the index.
#pragma once
#include <map>
#include <memory>
#include <unordered_map>

#include "engine/reference/evaluator.h"
#include "engine/schedule/schedule.h"

namespace rw {

class StageEvaluator {
 public:
  explicit StageEvaluator(const BufferTable& buffers);
  ~StageEvaluator();

  // The value of any node. For a realized output after rangeify the array is laid out as its
  // buffer (row-major over the tensor's shape, size-1 axes possibly dropped): see value_as.
  const HostArray& evaluate(UOpPtr node);
  // evaluate(node) given `shape` (same element count), for comparing with a tensor's value.
  HostArray value_as(UOpPtr node, const IntTuple& shape);

  // An evaluator for one kernel's AST: DEFINE_GLOBAL slot i is bound[i]; `stored` holds the
  // scheduler's buffers (shared with the evaluator running the kernels).
  StageEvaluator(const BufferTable& buffers, std::shared_ptr<std::map<int64_t, HostArray>> stored, std::vector<HostArray*> bound);

  struct State;

 private:
  void add_rules();

  std::unique_ptr<State> st_;
  Evaluator ev_;
};

// Runs every kernel of `schedule` in order over host buffers (inputs from `buffers`) and
// returns each Output buffer by name, shaped as the tensor it holds.
NamedArrays evaluate_schedule(const Schedule& schedule, const BufferTable& buffers);

}  // namespace rw
