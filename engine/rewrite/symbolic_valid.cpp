// Validity: in where(c, a, b) only values with c true reach a, and only values with c false
// reach b. When c bounds a variable or loop range to a narrower interval (a pad's
// `0 <= i-1 < 4`), a is simplified as if that variable had the narrower range, and b with
// the complement: the values that can reach each branch stay the same.
#include <string>
#include <vector>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/symbolic.h"
#include "engine/rewrite/symbolic_bounds.h"

namespace rw {

namespace {
using i128 = __int128;

// Marks the stand-in variables (tags are part of identity): they never clash with a
// program's own variables and never leave the rule.
constexpr int32_t kNarrowedTag = 0x7a11d;

bool is_leaf(UOpPtr u) { return u->op == Op::DEFINE_VAR || u->op == Op::RANGE; }

std::string leaf_name(UOpPtr u) {
  if (const VarArg* v = u->arg.get_if<VarArg>()) return v->name;
  if (const IntTuple* axis = u->arg.get_if<IntTuple>(); axis && !axis->empty()) return "r" + std::to_string((*axis)[0]);
  return "v" + std::to_string(u->id);
}

struct LeafBound {
  UOpPtr leaf;
  Interval allowed;
};

// Intersects `iv` into the bounds on `leaf`.
void narrow(std::vector<LeafBound>& bounds, UOpPtr leaf, Interval iv) {
  for (LeafBound& b : bounds)
    if (b.leaf == leaf) {
      b.allowed = {std::max(b.allowed.first, iv.first), std::min(b.allowed.second, iv.second)};
      return;
    }
  bounds.push_back({leaf, iv});
}

void collect_clauses(UOpPtr cond, std::vector<UOpPtr>& out) {
  if (cond->op == Op::AND && cond->dtype.is_bool()) {
    collect_clauses(cond->src[0], out);
    collect_clauses(cond->src[1], out);
  } else {
    out.push_back(cond);
  }
}

// The leaves `cond` (negate: its negation) confines to a narrower interval than their range.
std::vector<LeafBound> leaf_bounds(UOpPtr cond, bool negate) {
  std::vector<UOpPtr> clauses;
  if (negate) clauses.push_back(cond);  // !(p & q) is no interval: only a single clause
  else collect_clauses(cond, clauses);
  std::vector<LeafBound> bounds;
  for (UOpPtr clause : clauses) {
    auto b = as_bound(clause);
    if (!b || !is_leaf(b->expr)) continue;
    if (auto iv = interval(*b, negate)) narrow(bounds, b->expr, *iv);
  }
  std::vector<LeafBound> useful;
  for (const LeafBound& b : bounds) {
    const i128 lo = std::max<i128>(b.allowed.first, b.leaf->vmin), hi = std::min<i128>(b.allowed.second, b.leaf->vmax);
    if (lo <= hi && (lo > b.leaf->vmin || hi < b.leaf->vmax)) useful.push_back({b.leaf, {lo, hi}});
  }
  return useful;
}

// Only integer arithmetic: a branch that loads must keep its index as written (the load may
// run even where the condition is false).
bool pure_arithmetic(UOpPtr root) {
  for (UOpPtr n : toposort(root)) {
    if (n->op == Op::CONST || is_leaf(n)) continue;
    if (!is_alu(n->op) || !(n->dtype.is_int() || n->dtype.is_bool())) return false;
  }
  return true;
}

// `branch` simplified as if each bounded leaf had its narrower range.
UOpPtr simplify_given(UOpPtr branch, const std::vector<LeafBound>& bounds) {
  if (bounds.empty() || !(branch->dtype.is_int() || branch->dtype.is_bool()) || branch->is_const()) return branch;
  if (!pure_arithmetic(branch)) return branch;
  NodeMap to_narrow, back;
  for (const LeafBound& b : bounds) {
    UOpPtr stand_in = branch->arena->make(Op::DEFINE_VAR, b.leaf->dtype, {},
                                          Arg(VarArg{leaf_name(b.leaf) + "'", int64_t(b.allowed.first), int64_t(b.allowed.second)}),
                                          kNarrowedTag);
    to_narrow.emplace(b.leaf, stand_in);
    back.emplace(stand_in, b.leaf);
  }
  UOpPtr narrowed = substitute(branch, to_narrow);
  if (narrowed == branch) return branch;  // the branch does not use a bounded leaf
  return substitute(graph_rewrite(narrowed, symbolic(), "symbolic given valid"), back);
}

Rewrite where_given_condition(const Match& m) {
  UOpPtr c = m["c"], a = m["a"], b = m["b"];
  UOpPtr a2 = simplify_given(a, leaf_bounds(c, false));
  UOpPtr b2 = simplify_given(b, leaf_bounds(c, true));
  if (a2 == a && b2 == b) return nullptr;
  return c->where(a2, b2);
}
}  // namespace

PatternMatcher symbolic_valid_rules() {
  return {
      rule("where(c,a,b) -> where(c,a',b')  [a simplified given c, b given !c, for variables c bounds]",
           upat_where(UPat::var("c").dtype(DType::bool_()), UPat::var("a"), UPat::var("b")), where_given_condition),
  };
}

}  // namespace rw
