// Evaluates integer/bool expression graphs on concrete variable values, with the engine's
// semantics (int_alu.h: floor division and modulo, /0 -> 0, wraparound to the dtype). It is
// the judge of the symbolic simplifier: a rewrite is sound when the values do not change.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/ir/uop.h"

namespace rw {

// Values of the leaves: DEFINE_VAR and RANGE nodes.
using VarValues = std::unordered_map<UOpPtr, int64_t>;

class ExprEvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Evaluates one graph many times: the node order is computed once.
class ExprEvaluator {
 public:
  explicit ExprEvaluator(UOpPtr root);
  // Computes every node's value; throws ExprEvalError naming the node when a leaf has no value or
  // an op is not integer/bool arithmetic.
  void run(const VarValues& vars);
  int64_t result() const { return values_.back(); }
  int64_t value(UOpPtr node) const;  // a node of this graph, after run()
  const std::vector<UOpPtr>& nodes() const { return order_; }  // children first, root last
  int64_t value_at(size_t i) const { return values_[i]; }     // value of nodes()[i]

 private:
  std::vector<UOpPtr> order_;
  std::vector<std::vector<uint32_t>> src_index_;  // per node: positions of its sources in order_
  std::unordered_map<UOpPtr, uint32_t> position_;
  std::vector<int64_t> values_;
};

// One-shot evaluation of root.
int64_t eval_expr(UOpPtr root, const VarValues& vars);

}  // namespace rw
