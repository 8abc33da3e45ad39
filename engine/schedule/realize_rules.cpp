// Realize decisions: which tensor nodes must become buffers before rangeify fuses the rest.
// A table of rows (reason code, why, predicate); the first row that applies to a node decides
// it. Every use of a realized node then reads the buffer: the node is replaced by REALIZE(node)
// everywhere, so nothing recomputes it. Rangeify adds the decisions only it can see (children
// indexed differently, reduces a loop would recompute). Codes: docs/schedule-decisions.md.
#include <algorithm>
#include <unordered_set>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/schedule/buffer_limit.h"
#include "engine/schedule/conservative_plan.h"
#include "engine/schedule/realize.h"
#include "engine/trace/tracer.h"

namespace rw::sched {

namespace {

struct Facts {
  const State& st;
  std::unordered_set<UOpPtr> outputs;     // SINK sources
  std::unordered_set<UOpPtr> contiguous;  // sources of CONTIGUOUS
  std::unordered_map<UOpPtr, std::vector<UOpPtr>> users;
  std::unordered_map<UOpPtr, PolicyRealize> conservative;  // --fusion=conservative only
  std::unordered_map<UOpPtr, std::string> buffer_limit;     // --max-buffers
};

bool planned(UOpPtr n, const Facts& f, const char* reason) {
  auto it = f.conservative.find(n);
  return it != f.conservative.end() && std::string_view(it->second.reason) == reason;
}

// A node whose only use is a reshape that is realized anyway (an output's keepdim-dropping
// reshape, say): that reshape's kernel computes it, and its buffer holds the same bytes.
bool feeds_realized_reshape(UOpPtr n, const Facts& f) {
  auto it = f.users.find(n);
  if (it == f.users.end() || it->second.size() != 1) return false;
  UOpPtr u = it->second[0];
  return u->op == Op::RESHAPE && (f.outputs.contains(u) || f.contiguous.contains(u));
}

bool is_compute(UOpPtr n) { return is_alu(n->op) || n->op == Op::REDUCE_AXIS; }

struct RealizeRow {
  const char* reason;
  const char* detail;  // the decision's sentence, unless the policy's plan has its own
  bool (*applies)(UOpPtr n, const Facts& f);
};

// clang-format off
const RealizeRow kRows[] = {
  {kOutput, "a program output or saved tensor needs a buffer of its own",
   [](UOpPtr n, const Facts& f) { return f.outputs.contains(n); }},
  {kExplicitContiguous, "the program asked for contiguous()/realize()",
   [](UOpPtr n, const Facts& f) { return f.contiguous.contains(n); }},
  {kPolicyConservativeExpand, "--fusion=conservative realizes a computed value before an expand broadcasts it",
   [](UOpPtr n, const Facts& f) { return planned(n, f, kPolicyConservativeExpand); }},
  {kPolicyConservative, "--fusion=conservative realizes a reduce that cannot share a kernel with the ops after it",
   [](UOpPtr n, const Facts& f) { return planned(n, f, kPolicyConservative); }},
  {kPolicyNone, "--fusion=none realizes every compute node",
   [](UOpPtr n, const Facts& f) { return f.st.fusion == "none" && is_compute(n) && !feeds_realized_reshape(n, f); }},
  // last: it is planned knowing every row above (buffer_limit.h)
  {kMaxBuffers, "a consumer's kernel would read more buffers than --max-buffers allows",
   [](UOpPtr n, const Facts& f) { return f.buffer_limit.contains(n); }},
};
// clang-format on

}  // namespace

UOpPtr realize_pass(UOpPtr sink, State& st, NodeMap& origin) {
  PassScope pass("realize decisions", "schedule", sink);
  Facts facts{st, {}, {}, consumers(sink), {}, {}};
  for (UOpPtr s : sink->src) facts.outputs.insert(s->op == Op::CONTIGUOUS ? s->src[0] : s);
  std::vector<UOpPtr> order = toposort(sink);
  for (UOpPtr n : order)
    if (n->op == Op::CONTIGUOUS) facts.contiguous.insert(n->src[0]);
  if (st.fusion == "conservative") {
    std::unordered_set<UOpPtr> realized = facts.outputs;
    realized.insert(facts.contiguous.begin(), facts.contiguous.end());
    facts.conservative = conservative_plan(sink, realized);
  }
  {
    std::unordered_set<UOpPtr> realized;
    for (UOpPtr n : order)
      if (n->op != Op::SINK && std::any_of(std::begin(kRows), std::end(kRows), [&](const RealizeRow& row) { return row.applies(n, facts); }))
        realized.insert(n);
    facts.buffer_limit = buffer_limit_plan(sink, realized, st.max_buffers);
  }

  NodeMap image;
  for (UOpPtr n : order) {
    std::vector<UOpPtr> srcs;
    for (UOpPtr s : n->src) srcs.push_back(image.at(s));
    UOpPtr rebuilt = srcs == n->src ? n : n->with_src(std::move(srcs));
    origin.emplace(rebuilt, n);
    if (n->op == Op::CONTIGUOUS) {  // the REALIZE of its source (decided below) replaces it
      image[n] = rebuilt->src[0];
      continue;
    }
    image[n] = rebuilt;
    if (n->op == Op::SINK || n->op == Op::REALIZE) continue;
    for (const RealizeRow& row : kRows) {
      if (!row.applies(n, facts)) continue;
      UOpPtr r = n->arena->make(Op::REALIZE, n->dtype, {rebuilt});
      auto plan = facts.conservative.find(n);
      auto limit = facts.buffer_limit.find(n);
      std::string detail = plan != facts.conservative.end() ? plan->second.detail : limit != facts.buffer_limit.end() ? limit->second : row.detail;
      st.realize_reason.emplace(r, std::pair<std::string, std::string>{row.reason, detail});
      report_decision(n, "realize", row.reason, detail);
      image[n] = r;
      break;
    }
  }
  UOpPtr out = image.at(sink);
  pass.finish(out);
  return out;
}


}  // namespace rw::sched
