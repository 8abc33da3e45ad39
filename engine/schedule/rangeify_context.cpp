#include "engine/schedule/rangeify_context.h"

#include <algorithm>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/ir/shape.h"
#include "engine/schedule/schedule_program.h"

namespace rw::sched {

IndexParts parse_index(UOpPtr idx) {
  IndexParts p;
  p.src = idx->src[0];
  size_t end = idx->src.size();
  if (end > 2 && idx->src.back()->dtype.is_bool()) p.gate = idx->src[--end];
  p.ops.assign(idx->src.begin() + 1, idx->src.begin() + ptrdiff_t(end));
  if (auto e = idx->arg.get_if<int64_t>()) p.ending = *e;
  return p;
}

UOpPtr build_index(UOpPtr src, const std::vector<UOpPtr>& ops, UOpPtr gate, std::optional<int64_t> ending) {
  std::vector<UOpPtr> s{src};
  s.insert(s.end(), ops.begin(), ops.end());
  if (gate && !gate->is_const(1)) s.push_back(gate);
  return src->arena->make(Op::INDEX, DType(src->dtype.scalar), std::move(s), ending ? Arg(*ending) : Arg());
}

UOpPtr and_gates(UOpPtr a, UOpPtr b) {
  if (!a || a->is_const(1)) return b;
  if (!b || b->is_const(1)) return a;
  return a == b ? a : a->logical_and(b);
}

size_t index_rank(const IntTuple& shape) { return std::max<size_t>(shape.size(), 1); }

UOpPtr RangeifyContext::new_range(Arena& a, int64_t size, int64_t kind) {
  if (size == 1) return a.index_const(0);
  return a.make(Op::RANGE, DType::index(), {a.index_const(size)}, Arg(IntTuple{next_range++, kind}));
}

UOpPtr RangeifyContext::index(UOpPtr parent, UOpPtr src, const std::vector<UOpPtr>& ops, UOpPtr gate, std::optional<int64_t> ending,
                              int64_t repeat) {
  UOpPtr consumer = parent->src[0];
  UOpPtr idx = build_index(src, ops, gate, ending);
  if (int64_t r = repeats_of(parent) * repeat; r > 1) {
    int64_t& known = repeats[idx];
    known = std::max(known, r);  // the same INDEX reached from two places: the worse one
  }
  auto it = children.find(src);
  if (it == children.end()) return idx;
  ChildInfo& c = it->second;
  for (auto& [who, what] : c.seen) {
    if (who != consumer) continue;
    if (what != idx)
      throw ScheduleError("rangeify", src,
                          "unsupported: consumer " + consumer->summary() + " indexes this node in two different ways; "
                          "try .contiguous() on it");
    return idx;
  }
  if (c.decided)
    throw ScheduleError("rangeify", src, "unsupported: a consumer (" + consumer->summary() + ") indexed this node after its children were decided");
  c.seen.emplace_back(consumer, idx);
  return idx;
}

UOpPtr RangeifyContext::bufferize(UOpPtr x, const std::string& reason, const std::string& detail, bool report) {
  Arena& a = *x->arena;
  std::vector<UOpPtr> axes;
  const IntTuple& shape = *x->shape;
  if (shape.empty()) axes.push_back(a.index_const(0));
  for (int64_t s : shape) axes.push_back(new_range(a, s, kLoopRange));
  std::vector<UOpPtr> srcs{build_index(x, axes, nullptr)};
  srcs.insert(srcs.end(), axes.begin(), axes.end());
  int64_t k = int64_t(st.realized.size());
  st.realized.push_back(Realized{x, reason, detail});
  if (report) report_decision(x, "realize", reason, detail);
  return a.make(Op::BUFFERIZE, x->dtype, std::move(srcs), Arg(k));
}

int64_t RangeifyContext::repeats_of(UOpPtr idx) const {
  auto it = repeats.find(idx);
  return it == repeats.end() ? 1 : it->second;
}

namespace {
bool below(UOpPtr x, std::unordered_map<UOpPtr, bool>& memo, bool (*is)(UOpPtr)) {
  if (auto it = memo.find(x); it != memo.end()) return it->second;
  // Behind a REALIZE the value is read from its buffer, not recomputed: stop there.
  bool found = false;
  std::vector<UOpPtr> stack{x};
  std::unordered_set<UOpPtr> seen{x};
  while (!stack.empty() && !found) {
    UOpPtr n = stack.back();
    stack.pop_back();
    found = is(n);
    if (n->op == Op::REALIZE) continue;
    for (UOpPtr s : n->src)
      if (seen.insert(s).second) stack.push_back(s);
  }
  memo[x] = found;
  return found;
}
}  // namespace

bool RangeifyContext::has_expensive(UOpPtr x) {
  static const OpSet costly{Op::EXP2, Op::LOG2, Op::SIN, Op::SQRT, Op::REDUCE_AXIS};
  return below(x, expensive_below, [](UOpPtr n) { return costly.contains(n->op); });
}

bool RangeifyContext::has_reduce(UOpPtr x) {
  return below(x, reduce_below, [](UOpPtr n) { return n->op == Op::REDUCE_AXIS; });
}

void find_children(UOpPtr sink, RangeifyContext& ctx) {
  auto users = consumers(sink);
  for (UOpPtr n : toposort(sink)) {
    if (!is_alu(n->op) && n->op != Op::REDUCE_AXIS && !is_movement(n->op)) continue;
    auto it = users.find(n);
    if (it == users.end()) continue;
    std::vector<UOpPtr> distinct;
    for (UOpPtr u : it->second)
      if (u->op != Op::SINK && std::find(distinct.begin(), distinct.end(), u) == distinct.end()) distinct.push_back(u);
    if (distinct.size() < 2 || !ctx.has_reduce(n)) continue;
    ctx.children[n].consumers = distinct.size();
    ctx.children[n].users = std::move(distinct);
  }
}

}  // namespace rw::sched
