#include "engine/inspect/run_steps.h"

#include <algorithm>

namespace rw {

RunSteps load_run_steps(TraceReader& reader, int64_t run_id) {
  RunSteps out;
  out.run_id = run_id;
  for (RuleRow& r : reader.rules(run_id)) out.rules.emplace(r.id, std::move(r));
  constexpr int64_t kPage = 8192;  // steps are read a page at a time: a pass can hold millions
  for (PassRow& p : reader.passes(run_id)) {
    out.pass_order.push_back(p.id);
    int64_t time = p.begin_time_ns;
    for (int64_t offset = 0;; offset += kPage) {
      std::vector<StepRow> page = reader.steps(p.id, offset, kPage);
      for (StepRow& s : page) {
        time += s.duration_ns;
        TimedStep t{p.id, s.step, s.rule_id, s.matched, s.replacement, time, {}};
        for (const BoundRow& b : s.bound) t.bound.push_back(b.node);
        out.steps.push_back(std::move(t));
      }
      if (int64_t(page.size()) < kPage) break;
    }
    out.passes.emplace(p.id, std::move(p));
  }
  std::stable_sort(out.steps.begin(), out.steps.end(), [&](const TimedStep& a, const TimedStep& b) {
    if (a.time_ns != b.time_ns) return a.time_ns < b.time_ns;
    const PassRow &pa = out.passes.at(a.pass_id), &pb = out.passes.at(b.pass_id);
    if (pa.depth != pb.depth) return pa.depth > pb.depth;
    if (pa.seq != pb.seq) return pa.seq < pb.seq;
    return a.step < b.step;
  });
  return out;
}

}  // namespace rw
