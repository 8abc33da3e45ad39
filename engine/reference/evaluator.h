// The reference interpreter: evaluates a tensor graph directly, node by node, with no
// scheduling and no code generation, so it can judge everything that does.
//
// Values are HostArrays (dtype, shape, doubles). Each op computes in float64 (int64 for
// integer arithmetic) and rounds the result to the node's dtype, as a kernel storing that
// dtype would: float32 through a float cast, integers truncated and wrapped like C/numpy.
// Results are memoized per node, so a shared subgraph is evaluated once.
//
// Evaluation is a table of rules, one per op. A stage evaluator extends it by adding rules
// for the ops of later stages (INDEX, RANGE, BUFFERIZE, ...) with set_rule; nothing else in
// here knows which ops exist.
#pragma once
#include <array>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/ir/buffer_table.h"
#include "engine/ir/host_array.h"
#include "engine/ir/uop.h"

namespace rw {

class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A read or write outside its buffer: the graph ran, and what it computes is wrong (bisection
// counts such a snapshot as wrong, not as one it cannot evaluate).
class OutOfBoundsError : public EvalError {
 public:
  using EvalError::EvalError;
};

using NamedArrays = std::vector<std::pair<std::string, HostArray>>;

class Evaluator {
 public:
  // A rule gets the node and its sources' values (in source order).
  using Rule = std::function<HostArray(UOpPtr node, std::span<const HostArray* const> src, Evaluator& ev)>;

  // `buffers` gives BUFFER nodes their data; it must outlive the evaluator.
  explicit Evaluator(const BufferTable& buffers);

  // `own_sources`: how many leading sources the rule evaluates itself (under bindings of its
  // own, like a kernel's buffers); they are not evaluated first and reach the rule as nullptr.
  void set_rule(Op op, Rule rule, size_t own_sources = 0);
  const Rule& rule(Op op) const { return rules_[size_t(op)]; }
  const BufferTable& buffers() const { return buffers_; }

  // The value of `node`, evaluating (once) whatever it depends on.
  const HostArray& evaluate(UOpPtr node);
  NamedArrays evaluate(const std::vector<std::pair<std::string, UOpPtr>>& outputs);

 private:
  std::vector<UOpPtr> pending(UOpPtr root) const;

  const BufferTable& buffers_;
  std::array<Rule, kNumOps> rules_;
  std::array<size_t, kNumOps> own_sources_{};
  std::unordered_map<UOpPtr, HostArray> memo_;
};

// The rules for the tensor graph's ops (engine/reference/tensor_rules.cpp).
void add_tensor_rules(Evaluator& ev);

}  // namespace rw
