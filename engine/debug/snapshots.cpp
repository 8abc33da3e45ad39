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

UOpPtr Snapshots::local(int pass, int64_t step) {
  const RecordedPass& p = passes_[size_t(pass)];
  if (step == 0) return p.input;
  return apply_rewrites(p.input, first_steps(p, step));
}

UOpPtr Snapshots::whole(int pass, int64_t step) {
  if (top_[size_t(pass)] < 0) return nullptr;
  const RecordedPass& p = passes_[size_t(pass)];
  UOpPtr mine = local(pass, step);
  if (top_[size_t(pass)] == pass) return mine;
  // A nested pass: its result stands in for its final output in the parent's next step.
  if (!p.ended || !p.output) return nullptr;
  if (mine == p.output) {
    if (p.parent_steps + 1 > int64_t(passes_[size_t(p.parent)].steps.size())) return nullptr;
    return whole(p.parent, p.parent_steps + 1);
  }
  return whole_with(p.parent, p.parent_steps + 1, NodeMap{{p.output, mine}});
}

UOpPtr Snapshots::whole_with(int pass, int64_t step, const NodeMap& images) {
  const RecordedPass& p = passes_[size_t(pass)];
  if (step < 1 || step > int64_t(p.steps.size())) return nullptr;  // the rule's result was dropped (not ready, no match)
  const RecordedStep& s = p.steps[size_t(step - 1)];
  UOpPtr replaced = substitute(s.replacement, images);
  if (replaced == s.replacement) return nullptr;  // the step's replacement does not hold the nested result
  NodeMap map = first_steps(p, step - 1);
  map[s.matched] = replaced;
  UOpPtr mine = apply_rewrites(p.input, map);
  if (top_[size_t(pass)] == pass) return mine;
  if (!p.ended || !p.output) return nullptr;
  return whole_with(p.parent, p.parent_steps + 1, NodeMap{{p.output, mine}});
}

}  // namespace rw
