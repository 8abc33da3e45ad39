// The "acc-reset-in-loop" fault (--inject-fault=acc-reset-in-loop): the basic-block pass puts
// an accumulator's initial store in the innermost loop of its reduce instead of the loops
// around it. The program stays valid (every value is still defined before its use, so
// verify_program accepts it and it compiles), but the accumulator is reset on every
// iteration: a reduce over n > 1 elements yields its last element (sum(x) -> x[n-1],
// max(x) -> x[n-1]). It shows up in the trace as a decision of the "create basic blocks"
// pass, since the linearizer passes are not rewrites; the linear program and the kernel's
// checks show the effect.
#include <algorithm>

#include "engine/codegen/linearize.h"
#include "engine/trace/tracer.h"

namespace rw {

namespace {
// NOOP(acc, init, r...): an accumulator's update, waiting for its initial store.
UOpPtr initial_store_of(UOpPtr n) {
  if (n->op != Op::NOOP || n->src.empty() || n->src[0]->op != Op::DEFINE_REG) return nullptr;
  for (size_t i = 1; i < n->src.size(); ++i)
    if (n->src[i]->op == Op::STORE) return n->src[i];
  return nullptr;
}
}  // namespace

std::vector<UOpPtr> misplace_accumulator_resets(BasicBlocks& b, const std::string& kernel) {
  std::unordered_map<UOpPtr, size_t> pos;
  for (size_t i = 0; i < b.loop_order.size(); ++i) pos[b.loop_order[i]] = i;
  std::vector<UOpPtr> moved;
  for (UOpPtr n : b.nodes) {
    UOpPtr init = initial_store_of(n);
    if (!init || std::find(moved.begin(), moved.end(), init) != moved.end()) continue;
    RangeSet reduce_loops = range_minus(b.open.at(n), b.open.at(init));
    if (reduce_loops.empty()) continue;  // an unrolled reduce: no loop to misplace it into
    UOpPtr inner = *std::max_element(reduce_loops.begin(), reduce_loops.end(), [&](UOpPtr x, UOpPtr y) { return pos.at(x) < pos.at(y); });
    b.block[init] = inner;
    moved.push_back(init);
    Tracer& t = current_tracer();
    if (t.active())
      t.on_decision(DecisionRecord{init, "FAULT acc-reset-in-loop", "fault",
                                   "FAULT acc-reset-in-loop: kernel " + kernel + ": the initial store %" + std::to_string(init->id) +
                                       " of accumulator %" + std::to_string(n->src[0]->id) + " placed inside RANGE %" + std::to_string(inner->id)});
  }
  return moved;
}

}  // namespace rw
