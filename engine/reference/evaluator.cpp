#include "engine/reference/evaluator.h"

#include <unordered_set>

#include "engine/ir/shape.h"

namespace rw {

Evaluator::Evaluator(const BufferTable& buffers) : buffers_(buffers) { add_tensor_rules(*this); }

void Evaluator::set_rule(Op op, Rule rule, size_t own_sources) {
  rules_[size_t(op)] = std::move(rule);
  own_sources_[size_t(op)] = own_sources;
}

// The nodes under `root` not evaluated yet, children first, in source order. Stopping at
// evaluated nodes keeps a sequence of evaluate() calls over one graph linear overall.
std::vector<UOpPtr> Evaluator::pending(UOpPtr root) const {
  std::vector<UOpPtr> order;
  std::unordered_set<UOpPtr> seen{root};
  std::vector<std::pair<UOpPtr, size_t>> stack{{root, own_sources_[size_t(root->op)]}};
  while (!stack.empty()) {
    auto& [n, next] = stack.back();
    if (next < n->src.size()) {
      UOpPtr s = n->src[next++];
      if (!memo_.contains(s) && seen.insert(s).second) stack.emplace_back(s, own_sources_[size_t(s->op)]);
    } else {
      order.push_back(n);
      stack.pop_back();
    }
  }
  return order;
}

const HostArray& Evaluator::evaluate(UOpPtr root) {
  if (auto it = memo_.find(root); it != memo_.end()) return it->second;
  std::vector<const HostArray*> srcs;
  for (UOpPtr n : pending(root)) {
    const Rule& rule = rules_[size_t(n->op)];
    if (!rule)
      throw EvalError("the reference interpreter cannot evaluate " + n->summary() + " (node %" + std::to_string(n->id) +
                      "): it evaluates tensor graphs, before scheduling");
    srcs.clear();
    for (size_t i = 0; i < n->src.size(); ++i) srcs.push_back(i < own_sources_[size_t(n->op)] ? nullptr : &memo_.at(n->src[i]));
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
