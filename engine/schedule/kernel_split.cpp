// Split kernels: every NOOP(buffer, store) becomes KERNEL(ast, bound buffers..., kernels it
// reads...) whose AST follows docs/kernel-ast.md. The AST is built by a nested, traced pass
// ("kernel ast") so every buffer-to-DEFINE_GLOBAL step can be stepped through.
#include "engine/schedule/kernel_split.h"

#include <algorithm>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/schedule/rules.h"

namespace rw::sched {

namespace {

struct AstContext {
  UOpPtr output;               // this kernel's BUFFER
  std::vector<UOpPtr> bound;   // BUFFER per slot
  std::vector<UOpPtr> deps;    // NOOP(buffer, store) read
};

UOpPtr global_for(AstContext& ctx, UOpPtr buffer) {
  auto it = std::find(ctx.bound.begin(), ctx.bound.end(), buffer);
  size_t slot = size_t(it - ctx.bound.begin());
  if (it == ctx.bound.end()) ctx.bound.push_back(buffer);
  int64_t size = buffer->dtype.ptr ? buffer->dtype.size : buffer->arg.get<IntTuple>()[1];
  return buffer->arena->make(Op::DEFINE_GLOBAL, DType::pointer(buffer->dtype.scalar, size), {}, Arg(int64_t(slot)));
}

UOpPtr pointer_index(AstContext& ctx, UOpPtr idx, UOpPtr buffer) {
  std::vector<UOpPtr> src = idx->src.to_vector();
  src[0] = global_for(ctx, buffer);
  DType ptr = src[0]->dtype;
  return idx->arena->make(Op::INDEX, ptr, std::move(src));
}

Rewrite index_buffer(const Match& m) {
  AstContext& ctx = m.ctx<AstContext>();
  UOpPtr buffer = m.root->src[0];
  UOpPtr ptr = pointer_index(ctx, m.root, buffer);
  return buffer == ctx.output ? ptr : m.arena().make(Op::LOAD, DType(buffer->dtype.scalar), {ptr});
}

Rewrite index_stored(const Match& m) {
  AstContext& ctx = m.ctx<AstContext>();
  UOpPtr stored = m.root->src[0];
  if (std::find(ctx.deps.begin(), ctx.deps.end(), stored) == ctx.deps.end()) ctx.deps.push_back(stored);
  return m.arena().make(Op::LOAD, stored->dtype, {pointer_index(ctx, m.root, stored->src[0])});
}

const PatternMatcher& ast_rules() {
  using enum Op;
  static const PatternMatcher pm{
      rule("buf[i] -> load(global[i])  (store target: global[i])", UPat::op(INDEX).src_prefix({UPat::op(BUFFER)}), index_buffer),
      rule("noop(buf, store)[i] -> load(global[i])", UPat::op(INDEX).src_prefix({UPat::op(NOOP)}), index_stored),
  };
  return pm;
}

// Ranges numbered from 0 in order of first appearance (children first, sources in order).
UOpPtr renumber_ranges(UOpPtr ast) {
  NodeMap map;
  int64_t next = 0;
  for (UOpPtr n : toposort(ast)) {
    if (n->op != Op::RANGE) continue;
    map[n] = n->with_arg(Arg(IntTuple{next++, n->arg.get<IntTuple>()[1]}));
  }
  return substitute(ast, map);
}

Rewrite split_store(const Match& m) {
  UOpPtr noop = m.root;
  std::vector<UOpPtr> bound, deps;
  UOpPtr ast = kernel_ast(noop->src[1], bound, deps);
  std::vector<UOpPtr> src{ast};
  src.insert(src.end(), bound.begin(), bound.end());
  src.insert(src.end(), deps.begin(), deps.end());
  return m.arena().make(Op::KERNEL, DType::void_(), std::move(src), Arg(kernel_name(ast)));
}

}  // namespace

UOpPtr kernel_ast(UOpPtr store, std::vector<UOpPtr>& bound, std::vector<UOpPtr>& deps) {
  AstContext ctx{store->src[0]->src[0], {}, {}};
  global_for(ctx, ctx.output);  // the output is slot 0
  // top-down, so a read of another kernel's buffer is replaced before its store is visited
  UOpPtr ast = graph_rewrite(store->arena->sink({store}), ast_rules(), ctx, "kernel ast", /*bottom_up=*/true);
  bound = ctx.bound;
  deps = ctx.deps;
  return renumber_ranges(ast);
}

std::string kernel_name(UOpPtr ast) {
  std::vector<std::pair<IntTuple, int64_t>> ranges;  // ({kind, id}, size)
  for (UOpPtr n : toposort(ast))
    if (n->op == Op::RANGE) {
      const IntTuple& a = n->arg.get<IntTuple>();
      ranges.push_back({{a[1], a[0]}, n->src[0]->const_int()});
    }
  std::sort(ranges.begin(), ranges.end());
  bool reduce = !ranges.empty() && ranges.back().first[0] != 0;
  std::string name = reduce ? "r" : "E";
  for (auto& [key, size] : ranges) name += "_" + std::to_string(size);
  return ranges.empty() ? name + "_1" : name;
}

PatternMatcher split_rules() {
  return PatternMatcher{
      rule("noop(buf, store) -> kernel(ast, buffers..., kernels read...)", UPat::op(Op::NOOP).src({UPat::op(Op::BUFFER), UPat::op(Op::STORE)}), split_store),
  };
}

}  // namespace rw::sched
