// Rangeify, everything but movement ops and children: realized nodes become BUFFERIZE over
// fresh loop ranges, an index moves through elementwise ops unchanged, a REDUCE_AXIS becomes
// a REDUCE over fresh reduce ranges, constants need no index. An INDEX no rule can move is an
// "unsupported" error naming the node, never a wrong kernel.
#include "engine/ir/arena.h"
#include "engine/schedule/rangeify_context.h"
#include "engine/schedule/rules.h"
#include "engine/schedule/schedule_program.h"

namespace rw::sched {

namespace {

UOpPtr buffer_for(RangeifyContext& ctx, UOpPtr realize) {
  if (auto it = ctx.buffer_of.find(realize); it != ctx.buffer_of.end()) return it->second;
  auto why = ctx.st.realize_reason.find(realize);
  std::string reason = why == ctx.st.realize_reason.end() ? kEndsRange : why->second.first;
  std::string detail = why == ctx.st.realize_reason.end() ? "" : why->second.second;
  // the decision was reported when the REALIZE was made; bufferize records the buffer
  UOpPtr b = ctx.bufferize(realize->src[0], reason, detail, /*report=*/false);
  ctx.buffer_of.emplace(realize, b);
  return b;
}

Rewrite sink_of_buffers(const Match& m) {
  RangeifyContext& ctx = m.ctx<RangeifyContext>();
  std::vector<UOpPtr> srcs;
  bool changed = false;
  for (UOpPtr s : m.root->src) {
    changed |= s->op == Op::REALIZE;
    srcs.push_back(s->op == Op::REALIZE ? buffer_for(ctx, s) : s);
  }
  return changed ? m.root->with_src(std::move(srcs)) : nullptr;
}

Rewrite index_realize(const Match& m) {
  IndexParts p = parse_index(m.root);
  return build_index(buffer_for(m.ctx<RangeifyContext>(), p.src), p.ops, p.gate);
}

bool uses_range_after(const std::vector<UOpPtr>& ops, int64_t ending) {
  std::vector<UOpPtr> stack(ops.begin(), ops.end());
  while (!stack.empty()) {
    UOpPtr e = stack.back();
    stack.pop_back();
    if (e->op == Op::RANGE && e->arg.get<IntTuple>()[0] > ending) return true;
    for (UOpPtr s : e->src) stack.push_back(s);
  }
  return false;
}

// An EXPAND above ended loop ranges (the value does not depend on them). When the value
// computes a reduce and its index uses ranges opened after the first ended one, fusing would
// recompute the reduce inside those loops: realize it instead. Otherwise forget the mark.
Rewrite might_end_axis(const Match& m) {
  RangeifyContext& ctx = m.ctx<RangeifyContext>();
  IndexParts p = parse_index(m.root);
  if (!p.ending) return nullptr;
  if (ctx.has_reduce(p.src) && uses_range_after(p.ops, *p.ending)) {
    std::string detail = "fusing would recompute its reduce inside loop ranges an expand made it independent of (first ended range r" +
                         std::to_string(*p.ending) + ")";
    UOpPtr r = p.src->arena->make(Op::REALIZE, p.src->dtype, {p.src});
    if (ctx.st.realize_reason.emplace(r, std::pair<std::string, std::string>{kEndsRange, detail}).second)
      report_decision(p.src, "realize", kEndsRange, detail);
    return build_index(r, p.ops, p.gate);
  }
  return build_index(p.src, p.ops, p.gate);
}

Rewrite index_elementwise(const Match& m) {
  RangeifyContext& ctx = m.ctx<RangeifyContext>();
  IndexParts p = parse_index(m.root);
  std::vector<UOpPtr> srcs;
  for (UOpPtr s : p.src->src) srcs.push_back(ctx.index(m.root, s, p.ops, p.gate));
  return p.src->with_src(std::move(srcs))->with_tag(0);
}

Rewrite index_reduce(const Match& m) {
  RangeifyContext& ctx = m.ctx<RangeifyContext>();
  IndexParts p = parse_index(m.root);
  UOpPtr red = p.src, x = red->src[0];
  const ReduceArg& arg = red->arg.get<ReduceArg>();
  std::vector<UOpPtr> ops = p.ops, ranges;
  for (int64_t ax : arg.axes) {
    ops[size_t(ax)] = ctx.new_range(*red->arena, (*x->shape)[size_t(ax)], kReduceRange);
    if (ops[size_t(ax)]->op == Op::RANGE) ranges.push_back(ops[size_t(ax)]);
  }
  UOpPtr inner = ctx.index(m.root, x, ops, p.gate);
  if (ranges.empty()) return inner;  // every reduced axis has size 1
  std::vector<UOpPtr> srcs{inner};
  srcs.insert(srcs.end(), ranges.begin(), ranges.end());
  return red->arena->make(Op::REDUCE, red->dtype, std::move(srcs), Arg(ReduceArg{arg.op, {}}));
}

Rewrite strip_ending(const Match& m) {
  IndexParts p = parse_index(m.root);
  return p.ending ? build_index(p.src, p.ops, p.gate) : nullptr;
}

Rewrite unsupported(const Match& m) {
  UOpPtr x = m.root->src[0];
  throw ScheduleError("rangeify", x,
                      "unsupported: no rangeify rule moves an index through " + x->summary() +
                          "; realize its input first (.contiguous()) or report the program");
}

}  // namespace

PatternMatcher rangeify_op_rules() {
  using enum Op;
  OpSet elementwise = group_ops(OpGroup::Unary) | group_ops(OpGroup::Binary) | group_ops(OpGroup::Ternary);
  auto on = [](OpSet ops) { return UPat::op(INDEX).src_prefix({UPat::ops(ops)}); };
  return PatternMatcher{
      rule("sink(realize(x)) -> sink(bufferize(x[r...], r...))", UPat::op(SINK), sink_of_buffers),
      rule("realize(x)[i] -> bufferize(x[r...], r...)[i]", on({REALIZE}), index_realize),
      rule("c[i] -> c  (constants have no axes)", on({CONST, DEFINE_VAR}), [](const Match& m) -> Rewrite { return m.root->src[0]; }),
      rule("x[i] (an expand ended ranges) -> realize(x)[i] | x[i]", on(elementwise | OpSet{REDUCE_AXIS}), might_end_axis),
      rule("op(a, b)[i] -> op(a[i], b[i])", on(elementwise), index_elementwise),
      rule("x.reduce(axes)[i] -> reduce(x[i with fresh ranges on axes], ranges)", on({REDUCE_AXIS}), index_reduce),
      rule("buffer[i] keeps no expand mark", on({BUFFER, BUFFERIZE}), strip_ending),
      rule("x[i] -> unsupported", UPat::op(INDEX).src_prefix({UPat::ops(OpSet{COPY, ASSIGN, BUFFER_VIEW, CONTIGUOUS, KERNEL, NOOP})}), unsupported),
  };
}

}  // namespace rw::sched
