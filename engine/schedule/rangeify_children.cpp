// Rangeify, children: a node with several consumers (that computes a reduce, so recomputing
// it per consumer would be costly) waits until every consumer has pushed its index. Equal
// indices fuse: the node is computed once, in the consumers' kernel. Different indices
// bufferize it: one kernel fills a buffer over fresh ranges and every consumer reads it.
#include "engine/ir/arena.h"
#include "engine/schedule/rangeify_context.h"
#include "engine/schedule/rules.h"
#include "engine/schedule/schedule_program.h"

namespace rw::sched {

namespace {

std::string describe(const ChildInfo& c) {
  std::string s = std::to_string(c.seen.size()) + " consumers:";
  for (auto& [who, idx] : c.seen) s += " " + std::string(op_name(who->op)) + " %" + std::to_string(who->id);
  return s;
}

void decide(RangeifyContext& ctx, UOpPtr node, ChildInfo& c) {
  c.decided = true;
  IndexParts first = parse_index(c.seen[0].second);
  bool same = true;
  UOpPtr gate = first.gate;
  bool ungated = first.gate == nullptr;
  for (auto& [who, idx] : c.seen) {
    IndexParts p = parse_index(idx);
    same &= p.ops == first.ops;
    ungated |= p.gate == nullptr;
    if (p.gate && gate && p.gate != gate) gate = gate->logical_or(p.gate);
  }
  if (same) {
    // Valid where any consumer needs it: the OR of the gates (none if one consumer has none).
    c.fused = build_index(node, first.ops, ungated ? nullptr : gate);
    ctx.passes_children.insert(c.fused);
    for (auto& [who, idx] : c.seen)
      if (int64_t r = ctx.repeats_of(idx); r > ctx.repeats_of(c.fused)) ctx.repeats[c.fused] = r;
    report_decision(node, "fuse", kChildrenSameIndex, "all " + describe(c) + " index it the same way");
    return;
  }
  c.buffer = ctx.bufferize(node, kChildrenMismatch, "its " + describe(c) + " index it differently");
  ctx.passes_children.insert(c.buffer->src[0]);
}

Rewrite index_child(const Match& m) {
  RangeifyContext& ctx = m.ctx<RangeifyContext>();
  UOpPtr node = m.root->src[0];
  auto it = ctx.children.find(node);
  if (it == ctx.children.end() || ctx.passes_children.contains(m.root)) return nullptr;
  ChildInfo& c = it->second;
  if (!c.decided) {
    if (c.seen.size() < c.consumers) return Rewrite::not_ready();  // graph_rewrite retries; it fails loudly without progress
    decide(ctx, node, c);
  }
  if (c.fused) return c.fused == m.root ? nullptr : c.fused;
  IndexParts p = parse_index(m.root);
  return build_index(c.buffer, p.ops, p.gate);
}

}  // namespace

PatternMatcher rangeify_children_rules() {
  return PatternMatcher{
      rule("c[i] with every consumer's index known -> c[i] (all equal) | bufferize(c)[i]", UPat::op(Op::INDEX).src_prefix({UPat::any()}), index_child),
  };
}

}  // namespace rw::sched
