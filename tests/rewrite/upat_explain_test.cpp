// UPat::explain_mismatch: "why didn't this rule fire?" at the level of the pattern — the
// first sub-pattern that fails, the node it was tried on, and what it wanted.
#include <gtest/gtest.h>

#include "engine/ir/arena.h"
#include "engine/rewrite/upat.h"

namespace rw {
namespace {

const UPat x = UPat::var("x"), y = UPat::var("y"), c = UPat::cvar("c");

std::string id(UOpPtr n) { return "%" + std::to_string(n->id) + " " + n->summary(); }

TEST(UPatExplain, AMatchExplainsNothing) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  EXPECT_EQ((x * c).explain_mismatch(v->mul(int64_t(3))), "");
  EXPECT_EQ((x * c).explain_mismatch(a.index_const(3)->mul(v)), "");  // either order
}

TEST(UPatExplain, NamesTheRootOpThatDiffers) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr sum = v->add(int64_t(3));
  EXPECT_EQ((x * c).explain_mismatch(sum), id(sum) + " is not " + (x * c).to_string());
}

TEST(UPatExplain, NamesTheSourceThatDiffers) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 3);
  UOpPtr q = v->idiv(w);  // IDIV keeps its order: the divisor is not a constant
  EXPECT_EQ((x / c).explain_mismatch(q), "source 1 of " + id(q) + ": " + id(w) + " is not " + c.to_string());
  UOpPtr p = v->mul(w);  // MUL tries both orders
  std::string why = (x * c).explain_mismatch(p);
  EXPECT_TRUE(why.starts_with("no order of the sources matches; in the written order, source 1 of " + id(p))) << why;
}

TEST(UPatExplain, ANameUsedTwiceMustBeTheSameNode) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9), w = a.var("w", 0, 9);
  UOpPtr d = v->idiv(w);
  std::string why = (x / x).explain_mismatch(d);
  EXPECT_EQ(why, "source 1 of " + id(d) + ": " + id(w) + " is not %" + std::to_string(v->id) +
                     ", which 'x' already stands for (a name used twice must be the same node)");
}

TEST(UPatExplain, ArgsAndDtypesAreNamed) {
  Arena a;
  UOpPtr v = a.var("v", 0, 9);
  UOpPtr e = v->mul(int64_t(3));
  std::string why = (x * UPat::const_(int64_t(4))).explain_mismatch(e);
  EXPECT_NE(why.find("has arg 3"), std::string::npos) << why;
  EXPECT_NE(why.find("wants 4"), std::string::npos) << why;
  EXPECT_NE(UPat::var("f").dtype(DType::float32()).explain_mismatch(v).find("has dtype index"), std::string::npos);
}

}  // namespace
}  // namespace rw
