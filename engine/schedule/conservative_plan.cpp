// The realize decisions of tinygrad's older scheduler (see conservative_plan.h). Movement ops
// are separate nodes here, where tinygrad folds them into views: a "child" of a node is a
// consumer reached through a chain of movement ops, and the chain is the view it reads through.
#include "engine/schedule/conservative_plan.h"

#include <algorithm>
#include <set>

#include "engine/ir/graph.h"
#include "engine/ir/shape.h"
#include "engine/schedule/schedule_state.h"

namespace rw::sched {

namespace {

// What a chain of movement ops does to the node it starts from.
struct View {
  bool contiguous = true;  // row-major order kept: reshapes (and permutes of size-1 axes) only
  bool expands = false;    // an EXPAND is on the chain
  int64_t numel = 0;       // elements at the end of the chain
  auto operator<=>(const View&) const = default;
};

// A permute that only moves size-1 axes keeps the element order.
bool order_kept(UOpPtr permute) {
  const IntTuple& order = permute->arg.get<IntTuple>();
  const IntTuple& in = *permute->src[0]->shape;
  int64_t last = -1;
  for (int64_t ax : order) {
    if (in[size_t(ax)] == 1) continue;
    if (ax < last) return false;
    last = ax;
  }
  return true;
}

View extend(View v, UOpPtr m) {
  v.contiguous &= m->op == Op::RESHAPE || (m->op == Op::PERMUTE && order_kept(m));
  v.expands |= m->op == Op::EXPAND;
  v.numel = shape_numel(*m->shape);
  return v;
}

int64_t numel(UOpPtr n) { return shape_numel(*n->shape); }

bool is_compute(UOpPtr n) { return is_alu(n->op) || n->op == Op::REDUCE_AXIS; }

// One consumer of a node: `child` reads it through `via` (the node itself or the last
// movement op of the chain), with the chain's view.
struct Edge {
  UOpPtr child, via;
  View view;
};

class Planner {
 public:
  Planner(UOpPtr sink, const std::unordered_set<UOpPtr>& realized) : realized_(realized) {
    for (auto& [n, us] : consumers(sink)) {
      std::vector<UOpPtr>& out = users_[n];
      for (UOpPtr u : us)
        if (u->op != Op::SINK && std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
    }
    order_ = toposort(sink);
  }

  std::unordered_map<UOpPtr, PolicyRealize> run() {
    for (UOpPtr n : order_) realize_before_expand(n);
    for (UOpPtr n : order_)
      if (n->op == Op::REDUCE_AXIS && !realized_.contains(n)) group_reduce(n);
    return std::move(plan_);
  }

 private:
  std::unordered_set<UOpPtr> realized_;
  std::unordered_map<UOpPtr, std::vector<UOpPtr>> users_;
  std::vector<UOpPtr> order_;
  std::unordered_map<UOpPtr, PolicyRealize> plan_;
  std::unordered_map<UOpPtr, UOpPtr> reduce_for_;  // realized group end -> the reduce whose kernel writes it

  const std::vector<UOpPtr>& users(UOpPtr n) {
    static const std::vector<UOpPtr> none;
    auto it = users_.find(n);
    return it == users_.end() ? none : it->second;
  }

  // The consumers of n: realized nodes and non-movement ops, reached through movement chains.
  std::vector<Edge> edges(UOpPtr n) {
    std::vector<Edge> out;
    std::vector<Edge> stack{{n, n, View{true, false, numel(n)}}};
    while (!stack.empty()) {
      Edge e = stack.back();
      stack.pop_back();
      for (UOpPtr u : users(e.child)) {
        if (is_movement(u->op) && !realized_.contains(u)) stack.push_back({u, u, extend(e.view, u)});
        else out.push_back({u, e.child, is_movement(u->op) ? extend(e.view, u) : e.view});
      }
    }
    return out;
  }

  void realize(UOpPtr n, const char* reason, std::string detail) {
    realized_.insert(n);
    plan_.emplace(n, PolicyRealize{reason, std::move(detail)});
  }

  // Rule 1: a computed value broadcast to more elements is realized first.
  void realize_before_expand(UOpPtr n) {
    if (!is_compute(n) || realized_.contains(n)) return;
    for (const Edge& e : edges(n))
      if (e.view.expands && e.view.numel > numel(n)) {
        realize(n, kPolicyConservativeExpand,
                "--fusion=conservative: an expand broadcasts its " + std::to_string(numel(n)) + " elements to " + std::to_string(e.view.numel) +
                    " (read by " + std::string(op_name(e.child->op)) + " %" + std::to_string(e.child->id) +
                    "); it is realized before the expand, like tinygrad's older scheduler");
        return;
      }
  }

  // tinygrad's recursive_group: collects the realized nodes the reduce r's value reaches
  // through elementwise ops; sets `why` when r cannot share their kernel.
  struct Group {
    UOpPtr r;
    std::vector<UOpPtr> ends;
    std::string why;  // empty: r fuses into the kernel of its one end
    std::set<std::pair<UOpPtr, View>> seen;
  };

  void collect(Group& g, UOpPtr tr, View v) {
    if (!g.seen.insert({tr, v}).second) return;
    if (realized_.contains(tr) && tr != g.r) {
      if (!v.contiguous || v.numel != numel(g.r))
        g.why = g.why.empty() ? "the realized " + std::string(op_name(tr->op)) + " %" + std::to_string(tr->id) + " reads it through a view that is not a reshape" : g.why;
      else if (reduce_for_.contains(tr) && g.why.empty())
        g.why = "the kernel of %" + std::to_string(tr->id) + " already computes reduce %" + std::to_string(reduce_for_.at(tr)->id);
      if (std::find(g.ends.begin(), g.ends.end(), tr) == g.ends.end()) g.ends.push_back(tr);
      return;
    }
    std::vector<Edge> es = edges(tr);
    for (const Edge& e : es) {
      // max one reduce per kernel: checked before realized ends, as tinygrad does
      if (e.child->op != Op::REDUCE_AXIS && realized_.contains(e.child)) {
        collect(g, e.child, e.view);
        continue;
      }
      if (e.child->op == Op::REDUCE_AXIS || !is_compute(e.child)) {
        if (g.why.empty())
          g.why = e.child->op == Op::REDUCE_AXIS ? "another reduce, %" + std::to_string(e.child->id) + ", reads it"
                                                 : std::string(op_name(e.child->op)) + " %" + std::to_string(e.child->id) + " reads it";
        return;
      }
      size_t views = 0;
      std::set<UOpPtr> vias;
      for (const Edge& o : es)
        if (o.child == e.child && vias.insert(o.via).second) ++views;
      if (views > 1) {
        if (g.why.empty()) g.why = std::string(op_name(e.child->op)) + " %" + std::to_string(e.child->id) + " reads it through two different views";
        return;
      }
      collect(g, e.child, View{v.contiguous && e.view.contiguous, v.expands || e.view.expands, e.view.numel});
    }
  }

  // tinygrad's chase: from r down the chain of single consumers that read it whole and in
  // order, stopping before a reduce; the last node of the chain is realized instead of r.
  UOpPtr chase(UOpPtr r) {
    UOpPtr tr = r;
    while (!realized_.contains(tr)) {
      std::vector<Edge> es = edges(tr);
      if (es.empty() || std::any_of(es.begin(), es.end(), [&](const Edge& e) { return e.child != es[0].child || e.via != es[0].via; })) break;
      const Edge& e = es[0];
      bool computed_here = is_compute(e.child) || realized_.contains(e.child);
      if (e.view.numel != numel(tr) || !e.view.contiguous || e.child->op == Op::REDUCE_AXIS || !computed_here) break;
      tr = e.child;
    }
    return tr;
  }

  void group_reduce(UOpPtr r) {
    Group g{r, {}, "", {}};
    collect(g, r, View{true, false, numel(r)});
    if (g.why.empty() && g.ends.size() > 1) g.why = "its value reaches " + std::to_string(g.ends.size()) + " realized nodes";
    if (g.why.empty() && g.ends.empty()) g.why = "no realized node reads it";
    if (g.why.empty()) {
      reduce_for_[g.ends[0]] = r;
      return;
    }
    bool can_chase = std::none_of(g.ends.begin(), g.ends.end(), [&](UOpPtr e) { return reduce_for_.contains(e); });
    UOpPtr tr = can_chase ? chase(r) : r;
    reduce_for_[tr] = r;
    if (realized_.contains(tr)) return;
    std::string where = tr == r ? "" : "; realized after its elementwise consumers, at " + std::string(op_name(tr->op)) + " %" + std::to_string(tr->id);
    realize(tr, kPolicyConservative,
            "--fusion=conservative: reduce %" + std::to_string(r->id) + " cannot share a kernel with what follows it (" + g.why + ")" + where);
  }
};

}  // namespace

std::unordered_map<UOpPtr, PolicyRealize> conservative_plan(UOpPtr sink, const std::unordered_set<UOpPtr>& realized) {
  return Planner(sink, realized).run();
}

}  // namespace rw::sched
