#include <gtest/gtest.h>

#include <thread>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/ir/hash.h"
#include "engine/ir/print.h"

namespace rw {
namespace {

TEST(UOp, InterningReturnsTheSameNode) {
  Arena a;
  UOpPtr x = a.var("x", 0, 15);
  UOpPtr s1 = x->add(int64_t(4));
  UOpPtr s2 = x->add(a.index_const(4));
  EXPECT_EQ(s1, s2);
  EXPECT_NE(s1, x->add(int64_t(5)));
  EXPECT_EQ(a.size(), 5u);  // x, 4, x+4, 5, x+5
}

TEST(UOp, StructuralHashIsStableAcrossArenas) {
  Arena a, b;
  // Build in different orders: ids differ, hashes agree.
  UOpPtr ya = a.var("y", 0, 3);
  UOpPtr ea = a.var("x", 0, 15)->mul(int64_t(4))->add(ya);
  UOpPtr eb = b.var("x", 0, 15)->mul(int64_t(4))->add(b.var("y", 0, 3));
  EXPECT_EQ(ea->hash, eb->hash);
  EXPECT_NE(a.var("x", 0, 15)->id, b.var("x", 0, 15)->id);
  EXPECT_NE(ea->hash, a.var("x", 0, 15)->mul(int64_t(4))->add(a.var("y", 0, 4))->hash);
}

TEST(UOp, HashIsAFixedFunctionOfStructure) {
  // A golden value: changing the hash function would silently break comparisons between
  // traces written by different versions.
  Arena a;
  UOpPtr e = a.var("x", 0, 15)->add(int64_t(1));
  Arena b;
  EXPECT_EQ(e->hash, b.var("x", 0, 15)->add(int64_t(1))->hash);
  EXPECT_EQ(a.index_const(1)->hash, b.index_const(1)->hash);
}

// The hash of a node's own fields, written out as the stable formula: op, then the dtype's
// two words, the arg's hash and the tag. Arena::make computes it through tables for plain
// scalar dtypes; every path must give exactly this.
uint64_t formula_hash(Op op, const DType& d, const Arg& arg, int32_t tag, std::initializer_list<UOpPtr> src = {}) {
  uint64_t h = hash_mix(uint64_t(op) + 1);
  h = hash_combine(h, (uint64_t(d.scalar) << 1) | (d.ptr ? 1 : 0));
  h = hash_combine(h, (uint64_t(d.count) << 32) ^ uint64_t(d.size));
  h = hash_combine(h, arg.hash());
  h = hash_combine(h, uint64_t(uint32_t(tag)));
  for (UOpPtr s : src) h = hash_combine(h, s->hash);
  return h;
}

TEST(UOp, EveryKindOfNodeHashesByTheStableFormula) {
  Arena a;
  UOpPtr x = a.var("x", 0, 15);
  UOpPtr c = a.index_const(7);
  EXPECT_EQ(x->hash, formula_hash(Op::DEFINE_VAR, DType::index(), Arg(VarArg{"x", 0, 15}), 0));
  EXPECT_EQ(c->hash, formula_hash(Op::CONST, DType::index(), Arg(int64_t(7)), 0));
  EXPECT_EQ(x->add(c)->hash, formula_hash(Op::ADD, DType::index(), Arg(), 0, {x, c}));
  EXPECT_EQ(x->lt(c)->hash, formula_hash(Op::CMPLT, DType::bool_(), Arg(), 0, {x, c}));
  EXPECT_EQ(x->add(c)->with_tag(3)->hash, formula_hash(Op::ADD, DType::index(), Arg(), 3, {x, c}));
  EXPECT_EQ(x->cast(DType::int32())->hash, formula_hash(Op::CAST, DType::int32(), Arg(), 0, {x}));
  const DType vec = DType::float32().vec(4), ptr = DType::pointer(Scalar::Float32, 64);
  EXPECT_EQ(a.make(Op::DEFINE_GLOBAL, ptr, {}, Arg(int64_t(0)))->hash, formula_hash(Op::DEFINE_GLOBAL, ptr, Arg(int64_t(0)), 0));
  EXPECT_EQ(a.make(Op::VECTORIZE, vec, {})->hash, formula_hash(Op::VECTORIZE, vec, Arg(), 0));
  EXPECT_EQ(a.make(Op::NOOP, DType::void_(), {}, Arg(), -2)->hash, formula_hash(Op::NOOP, DType::void_(), Arg(), -2));
}

TEST(UOp, TagAndArgArePartOfIdentityProvenanceIsNot) {
  Arena a;
  UOpPtr x = a.var("x", 0, 15);
  EXPECT_NE(x, x->with_tag(1));
  a.set_provenance(x, {"p.tg", 3, 5});
  EXPECT_EQ(a.var("x", 0, 15), x);
  ASSERT_NE(a.provenance(x), nullptr);
  EXPECT_EQ(a.provenance(x)->to_string(), "p.tg:3:5");
  a.set_provenance(x, {"p.tg", 9, 1});  // first location wins
  EXPECT_EQ(a.provenance(x)->line, 3);
}

TEST(UOp, DoubleConstantsInternByBits) {
  Arena a;
  EXPECT_NE(a.const_float(DType::float32(), 0.0), a.const_float(DType::float32(), -0.0));
  EXPECT_EQ(a.const_float(DType::float32(), 0.5), a.const_float(DType::float32(), 0.5));
}

TEST(UOp, ConcurrentInterningGivesOneNodePerStructure) {
  Arena a;
  std::vector<std::thread> threads;
  std::vector<std::vector<UOpPtr>> results(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) results[t].push_back(a.var("x", 0, 100)->add(int64_t(i % 50)));
    });
  for (auto& th : threads) th.join();
  for (int t = 1; t < 4; ++t) EXPECT_EQ(results[t], results[0]);
  EXPECT_EQ(a.size(), 1u + 50 + 50);
}

// Threads interning overlapping sets of new nodes while the table grows under them: every
// structure still gets exactly one node, and every thread sees that node.
TEST(UOp, ConcurrentInterningWhileTheTableGrows) {
  Arena a;
  constexpr int kThreads = 4, kNodes = 20000;
  std::vector<std::vector<UOpPtr>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      UOpPtr x = a.var("x", 0, 1000);
      // Each thread walks the same constants in its own order, so creations interleave.
      for (int i = 0; i < kNodes; ++i) {
        int64_t c = (int64_t(i) * (2 * t + 1)) % kNodes;
        results[t].push_back(x->add(c));
      }
    });
  for (auto& th : threads) th.join();
  const size_t before_var = 1;
  EXPECT_EQ(a.size(), before_var + 2 * size_t(kNodes));  // x, the constants, the sums
  std::vector<UOpPtr> by_constant(kNodes);
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kNodes; ++i) {
      int64_t c = (int64_t(i) * (2 * t + 1)) % kNodes;
      UOpPtr n = results[t][size_t(i)];
      ASSERT_EQ(n->src[1]->const_int(), c);
      if (!by_constant[size_t(c)]) by_constant[size_t(c)] = n;
      ASSERT_EQ(n, by_constant[size_t(c)]) << "constant " << c;
    }
}

TEST(VRange, ArithmeticFloorDivisionAndModulo) {
  Arena a;
  UOpPtr x = a.var("x", -7, 9);
  EXPECT_EQ(x->add(int64_t(3))->vmin, -4);
  EXPECT_EQ(x->mul(int64_t(-2))->vmin, -18);
  EXPECT_EQ(x->mul(int64_t(-2))->vmax, 14);
  UOpPtr d = x->idiv(int64_t(2));
  EXPECT_EQ(d->vmin, -4);  // floor(-7/2)
  EXPECT_EQ(d->vmax, 4);
  UOpPtr m = x->mod(int64_t(4));
  EXPECT_EQ(m->vmin, 0);
  EXPECT_EQ(m->vmax, 3);
  UOpPtr y = a.var("y", 4, 6);
  EXPECT_EQ(y->mod(int64_t(8))->vmin, 4);
  EXPECT_EQ(y->mod(int64_t(8))->vmax, 6);
  EXPECT_EQ(x->lt(int64_t(10))->vmin, 1);
  EXPECT_EQ(x->lt(int64_t(-7))->vmax, 0);
  UOpPtr r = a.range(a.index_const(16), 0);
  EXPECT_EQ(r->vmin, 0);
  EXPECT_EQ(r->vmax, 15);
}

TEST(Graph, ToposortIsChildrenFirstAndDeterministic) {
  Arena a;
  UOpPtr x = a.var("x", 0, 15), y = a.var("y", 0, 3);
  UOpPtr e = x->mul(int64_t(4))->add(y)->idiv(int64_t(4));
  auto order = toposort(e);
  ASSERT_EQ(order.back(), e);
  for (size_t i = 0; i < order.size(); ++i)
    for (UOpPtr s : order[i]->src)
      EXPECT_LT(std::find(order.begin(), order.end(), s) - order.begin(), long(i));
  EXPECT_EQ(render_expr(e), "(x*4+y)//4");
}

TEST(Graph, SubstituteAndApplyRewrites) {
  Arena a;
  UOpPtr x = a.var("x", 0, 15), y = a.var("y", 0, 3);
  UOpPtr e = x->add(y)->mul(int64_t(2));
  EXPECT_EQ(substitute(e, {{y, a.index_const(0)}}), x->add(int64_t(0))->mul(int64_t(2)));
  // x+0 -> x, then the rebuilt x*2 -> x<<1 (a chain the second rewrite only sees once the first applied)
  UOpPtr x0 = x->add(int64_t(0));
  UOpPtr shl = a.make(Op::SHL, DType::index(), {x, a.index_const(1)});
  NodeMap m{{y, a.index_const(0)}, {x0, x}, {x->mul(int64_t(2)), shl}};
  EXPECT_EQ(apply_rewrites(e, m), shl);
}

TEST(Print, ListingNamesEveryNode) {
  Arena a;
  UOpPtr e = a.var("x", 0, 15)->add(int64_t(1));
  std::string s = print_graph(e);
  EXPECT_NE(s.find("DEFINE_VAR index ('x', 0, 15)"), std::string::npos);
  EXPECT_NE(s.find("%2 = ADD index (%0, %1)"), std::string::npos);
}

}  // namespace
}  // namespace rw
