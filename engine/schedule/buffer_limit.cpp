#include "engine/schedule/buffer_limit.h"

#include <algorithm>
#include <set>
#include <vector>

#include "engine/ir/graph.h"
#include "engine/schedule/schedule_program.h"

namespace rw::sched {

namespace {

using Reads = std::set<uint32_t>;  // ids of the buffers a region reads (ordered: deterministic)

bool is_computed(UOpPtr n) { return is_alu(n->op) || is_movement(n->op) || n->op == Op::REDUCE_AXIS; }

}  // namespace

std::unordered_map<UOpPtr, std::string> buffer_limit_plan(UOpPtr sink, const std::unordered_set<UOpPtr>& realized, int64_t max_buffers) {
  std::unordered_map<UOpPtr, std::string> plan;
  if (max_buffers <= 0) return plan;
  std::unordered_map<UOpPtr, Reads> reads;  // the region of each computed node
  // What a user's region reads through source s: s itself when it is a buffer or realized.
  auto through = [&](UOpPtr s) -> Reads {
    if (s->op == Op::BUFFER || s->op == Op::REALIZE || realized.contains(s) || plan.contains(s)) return {s->id};
    if (s->op == Op::CONTIGUOUS) return {s->src[0]->id};  // its source is realized
    auto it = reads.find(s);
    return it == reads.end() ? Reads{} : it->second;
  };
  for (UOpPtr n : toposort(sink)) {
    if (!is_computed(n)) continue;
    auto region = [&] {
      Reads r;
      for (UOpPtr s : n->src) r.merge(through(s));
      return r;
    };
    Reads r = region();
    while (int64_t(r.size()) > max_buffers) {
      // realize the source whose region reads the most buffers (at least two, or it would not help)
      UOpPtr best = nullptr;
      size_t most = 1;
      for (UOpPtr s : n->src)
        if (is_computed(s) && !realized.contains(s) && !plan.contains(s) && through(s).size() > most) best = s, most = through(s).size();
      if (!best)
        throw ScheduleError("realize decisions", n,
                            "unsupported: this op alone reads " + std::to_string(r.size()) + " buffers, more than --max-buffers " +
                                std::to_string(max_buffers) + "; raise the limit");
      plan.emplace(best, "its consumer %" + std::to_string(n->id) + " " + std::string(op_name(n->op)) + " would read " + std::to_string(r.size()) +
                             " buffers, more than --max-buffers " + std::to_string(max_buffers) + "; computed earlier, its " +
                             std::to_string(most) + " reads become one");
      r = region();
    }
    reads[n] = std::move(r);
  }
  return plan;
}

}  // namespace rw::sched
