// Bottom-up passes (a node rewritten before its sources) retry a node whose rule answered
// "not ready" once its sources are done, and after other nodes made progress: the scheduler's
// children bookkeeping relies on it.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"

namespace rw {
namespace {

struct SiblingCtx {
  bool add_seen = false;
  int mul_waits = 0;
};

TEST(GraphRewriteBottomUp, NotReadyNodeIsRetriedAfterItsSibling) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr mul = v->mul(int64_t(2)), add = v->add(int64_t(1));
  PatternMatcher pm{
      rule("mul waits for the add", UPat::op(Op::MUL), [](const Match& m) -> Rewrite {
        auto& ctx = m.ctx<SiblingCtx>();
        if (m.root->tag != 0) return nullptr;
        if (!ctx.add_seen) {
          ++ctx.mul_waits;
          return Rewrite::not_ready();
        }
        return m.root->with_tag(1);
      }),
      rule("add marks itself", UPat::op(Op::ADD), [](const Match& m) -> Rewrite {
        if (m.root->tag != 0) return nullptr;
        m.ctx<SiblingCtx>().add_seen = true;
        return m.root->with_tag(1);
      }),
  };
  SiblingCtx ctx;
  UOpPtr out = graph_rewrite(a.sink({mul, add}), pm, ctx, "siblings", /*bottom_up=*/true);
  EXPECT_GE(ctx.mul_waits, 1);
  EXPECT_EQ(out, a.sink({mul->with_tag(1), add->with_tag(1)}));
}

TEST(GraphRewriteBottomUp, WaitingForeverIsStillANoProgressError) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  PatternMatcher pm{rule("never ready", UPat::op(Op::MUL), [](const Match&) { return Rewrite::not_ready(); })};
  EXPECT_THROW(graph_rewrite(a.sink({v->mul(int64_t(2))}), pm, "stuck", /*bottom_up=*/true), RewriteError);
}

}  // namespace
}  // namespace rw
