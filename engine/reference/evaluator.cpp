#include "engine/reference/evaluator.h"

#include "engine/ir/graph.h"
#include "engine/ir/shape.h"

namespace rw {

Evaluator::Evaluator(const BufferTable& buffers) : buffers_(buffers) { add_tensor_rules(*this); }

void Evaluator::set_rule(Op op, Rule rule) { rules_[size_t(op)] = std::move(rule); }

const HostArray& Evaluator::evaluate(UOpPtr root) {
  if (auto it = memo_.find(root); it != memo_.end()) return it->second;
  std::vector<const HostArray*> srcs;
  for (UOpPtr n : toposort(root)) {
    if (memo_.contains(n)) continue;
    const Rule& rule = rules_[size_t(n->op)];
    if (!rule)
      throw EvalError("the reference interpreter cannot evaluate " + n->summary() + " (node %" + std::to_string(n->id) +
                      "): it evaluates tensor graphs, before scheduling");
    srcs.clear();
    for (UOpPtr s : n->src) srcs.push_back(&memo_.at(s));
    HostArray v = rule(n, srcs, *this);
    if (n->shape && v.shape != *n->shape)
      throw EvalError("the reference rule for " + n->summary() + " gave shape " + shape_str(v.shape) + ", the graph says " + shape_str(*n->shape));
    memo_.emplace(n, std::move(v));
  }
  return memo_.at(root);
}

NamedArrays Evaluator::evaluate(const std::vector<std::pair<std::string, UOpPtr>>& outputs) {
  NamedArrays out;
  for (const auto& [name, node] : outputs) out.emplace_back(name, evaluate(node));
  return out;
}

}  // namespace rw
