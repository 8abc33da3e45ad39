#include "engine/rewrite/expr_eval.h"

#include "engine/ir/graph.h"
#include "engine/rewrite/int_alu.h"

namespace rw {

ExprEvaluator::ExprEvaluator(UOpPtr root) : order_(toposort(root)) {
  position_.reserve(order_.size());
  for (size_t i = 0; i < order_.size(); ++i) position_.emplace(order_[i], uint32_t(i));
  src_index_.resize(order_.size());
  for (size_t i = 0; i < order_.size(); ++i)
    for (UOpPtr s : order_[i]->src) src_index_[i].push_back(position_.at(s));
  values_.resize(order_.size());
}

void ExprEvaluator::run(const VarValues& vars) {
  int64_t srcs[3];
  for (size_t i = 0; i < order_.size(); ++i) {
    UOpPtr n = order_[i];
    if (n->op == Op::CONST) {
      if (!(n->dtype.is_int() || n->dtype.is_bool()))
        throw ExprEvalError("cannot evaluate " + n->summary() + ": only integer and bool constants have integer values");
      values_[i] = n->const_int();
      continue;
    }
    if (n->op == Op::DEFINE_VAR || n->op == Op::RANGE) {
      auto it = vars.find(n);
      if (it == vars.end())
        throw ExprEvalError("no value for " + n->summary() + " (%" + std::to_string(n->id) + "): give every variable and range a value");
      values_[i] = it->second;
      continue;
    }
    const auto& idx = src_index_[i];
    if (idx.size() > 3) throw ExprEvalError("cannot evaluate " + n->summary() + ": not an integer ALU op");
    for (size_t j = 0; j < idx.size(); ++j) srcs[j] = values_[idx[j]];
    DType in = n->src.empty() ? n->dtype : n->src[0]->dtype;
    auto v = eval_int_alu(n->op, n->dtype, in, std::span<const int64_t>(srcs, idx.size()));
    if (!v) throw ExprEvalError("cannot evaluate " + n->summary() + " (%" + std::to_string(n->id) + "): not integer/bool arithmetic, or a shift count outside the width");
    values_[i] = *v;
  }
}

int64_t ExprEvaluator::value(UOpPtr node) const {
  auto it = position_.find(node);
  if (it == position_.end()) throw ExprEvalError(node->summary() + " is not a node of the evaluated graph");
  return values_[it->second];
}

int64_t eval_expr(UOpPtr root, const VarValues& vars) {
  ExprEvaluator e(root);
  e.run(vars);
  return e.result();
}

}  // namespace rw
