#include "engine/debug/snapshots.h"

namespace rw {

namespace {

NodeMap first_steps(const RecordedPass& p, int64_t count) {
  NodeMap map;
  for (int64_t i = 0; i < count && i < int64_t(p.steps.size()); ++i) map[p.steps[size_t(i)].matched] = p.steps[size_t(i)].replacement;
  return map;
}

}  // namespace

Snapshots::Snapshots(const std::vector<RecordedPass>& passes) : passes_(passes), top_(passes.size(), -1) {
  for (size_t i = 0; i < passes.size(); ++i) {
    // Parents come first, so a parent's top is known: a rewrite pass inside a rewrite pass
    // shares its parent's top; a rewrite pass inside anything else starts a whole graph.
    const RecordedPass& p = passes[i];
    int parent_top = p.parent >= 0 ? top_[size_t(p.parent)] : -1;
    if (parent_top >= 0) top_[i] = parent_top;
    else if (p.kind == "rewrite") top_[i] = int(i);
  }
}

int Snapshots::top(int pass) const { return top_[size_t(pass)]; }

UOpPtr Snapshots::local(int pass, int64_t step) const {
  const RecordedPass& p = passes_[size_t(pass)];
  if (step == 0) return p.input;
  return apply_rewrites(p.input, first_steps(p, step));
}

}  // namespace rw
