#include "engine/codegen/kernel_stats.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace rw {

namespace {
int64_t trip_count(UOpPtr range) {
  UOpPtr end = range->src[0];
  return std::max<int64_t>(0, end->is_const() ? end->const_int() : end->vmax + 1);
}

// Nodes that compute values stored or accumulated (not addresses, gates or loop bounds).
std::unordered_set<UOpPtr> value_nodes(const std::vector<UOpPtr>& linear) {
  std::unordered_set<UOpPtr> out;
  std::vector<UOpPtr> stack;
  for (UOpPtr n : linear)
    if (n->op == Op::STORE) stack.push_back(n->src[1]);
  while (!stack.empty()) {
    UOpPtr n = stack.back();
    stack.pop_back();
    if (!out.insert(n).second) continue;
    if (n->op == Op::LOAD) continue;  // what a load reads is a value; how it is found is not
    for (UOpPtr s : n->src) stack.push_back(s);
  }
  return out;
}
}  // namespace

KernelStats kernel_stats(const std::vector<UOpPtr>& linear) {
  KernelStats st;
  std::unordered_set<UOpPtr> values = value_nodes(linear);
  std::map<uint32_t, std::pair<UOpPtr, int64_t>> accesses;  // DEFINE_GLOBAL id -> (node, count)
  int64_t trips = 1;
  std::vector<int64_t> stack;
  for (UOpPtr n : linear) {
    if (n->op == Op::RANGE) {
      stack.push_back(trips);
      trips *= trip_count(n);
      continue;
    }
    if (n->op == Op::END) {
      trips = stack.back();
      stack.pop_back();
      continue;
    }
    if (is_alu(n->op) && values.count(n) && n->op != Op::CAST && n->op != Op::BITCAST) st.flops += trips;
    if ((n->op == Op::LOAD || n->op == Op::STORE) && n->src[0]->op == Op::INDEX && n->src[0]->src[0]->op == Op::DEFINE_GLOBAL) {
      UOpPtr buf = n->src[0]->src[0];
      auto& [node, count] = accesses[buf->id];
      node = buf;
      count += trips;
    }
  }
  for (auto& [id, acc] : accesses) {
    auto [buf, count] = acc;
    int64_t elems = buf->dtype.size >= 0 ? std::min(count, buf->dtype.size) : count;
    // float16 is held as float32 (render_llvm_types.h): count what actually moves.
    st.bytes += elems * (buf->dtype.scalar == Scalar::Float16 ? 4 : buf->dtype.itemsize());
  }
  return st;
}

}  // namespace rw
