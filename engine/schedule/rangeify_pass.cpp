// The rangeify pass body (rangeify_with in rangeify_context.h): the children wait has a
// progress bound, graph_rewrite's: when a round of retries decides nothing, the nodes still
// waiting are named with their consumers, so a rule that never pushes an index through to a
// child (a missing or broken movement rule, say) is found from the message alone.
#include <algorithm>

#include "engine/ir/graph.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/schedule/rangeify_context.h"
#include "engine/schedule/schedule_program.h"

namespace rw::sched {

namespace {

std::string node_label(UOpPtr n) { return std::string(op_name(n->op)) + " %" + std::to_string(n->id); }

[[noreturn]] void children_stuck(const RangeifyContext& ctx, const RewriteError& e) {
  std::vector<std::pair<UOpPtr, const ChildInfo*>> stuck;
  for (const auto& [node, c] : ctx.children)
    if (!c.decided && c.seen.size() < c.consumers) stuck.emplace_back(node, &c);
  if (stuck.empty()) throw e;  // something else waits: graph_rewrite's own message says what
  std::sort(stuck.begin(), stuck.end(), [](auto& a, auto& b) { return a.first->id < b.first->id; });
  std::string what = "children not making progress: " + std::to_string(stuck.size()) + " node(s) wait for their consumers' indices.";
  for (auto& [node, c] : stuck) {
    std::string indexed, missing;
    for (UOpPtr u : c->users) {
      bool seen = std::any_of(c->seen.begin(), c->seen.end(), [&](auto& s) { return s.first == u; });
      (seen ? indexed : missing) += (seen ? indexed : missing).empty() ? node_label(u) : ", " + node_label(u);
    }
    what += " " + node_label(node) + " has " + std::to_string(c->consumers) + " consumers: indexed by [" + indexed + "], never by [" + missing + "].";
  }
  what += " An index stopped above the missing consumers: check the rule that should move it through them (" + std::string(e.what()) + ")";
  throw ScheduleError("rangeify", stuck.front().first, what);
}

// Rangeify must leave no tensor-graph op behind; one that is left is an op no rule could move
// an index through. Checked always (cheap): a kernel built over it would be wrong.
void check_rangeified(UOpPtr g) {
  static const OpSet tensor_only = group_ops(OpGroup::Movement) | OpSet{Op::REALIZE, Op::CONTIGUOUS, Op::REDUCE_AXIS, Op::COPY, Op::ASSIGN, Op::BUFFER_VIEW};
  for (UOpPtr n : toposort(g))
    if (tensor_only.contains(n->op))
      throw ScheduleError("rangeify", n, "unsupported: the index could not be moved through this node; realize its input first (.contiguous())");
}

}  // namespace

UOpPtr rangeify_with(UOpPtr g, RangeifyContext& ctx, const PatternMatcher& rules) {
  find_children(g, ctx);
  UOpPtr out;
  try {
    out = graph_rewrite(g, rules, ctx, "rangeify", /*bottom_up=*/true);
  } catch (const RewriteError& e) {
    if (e.kind != RewriteError::Kind::NoProgress) throw;
    children_stuck(ctx, e);
  }
  check_rangeified(out);
  return out;
}

}  // namespace rw::sched
