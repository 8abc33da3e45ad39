#include "engine/rewrite/graph_rewrite.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_set>

#include "engine/ir/graph.h"
#include "engine/ir/node_table.h"
#include "engine/rewrite/rewrite_gate.h"
#include "engine/rewrite/rule_stats.h"
#include "engine/rewrite/tick_clock.h"

namespace rw {

namespace {
thread_local std::vector<RewriteObserver*> g_observers;  // innermost scope last

std::string rule_label(const RuleInfo& r) { return "'" + r.text + "' (" + r.file + ":" + std::to_string(r.line) + ")"; }

// The rules of `fired` in order of first appearance.
std::vector<const RuleInfo*> distinct(std::span<const RuleInfo* const> fired) {
  std::vector<const RuleInfo*> out;
  for (const RuleInfo* r : fired)
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  return out;
}

std::string join_rules(const std::vector<const RuleInfo*>& rules) {
  std::string s;
  for (size_t i = 0; i < rules.size(); ++i) s += (i ? " -> " : "") + rule_label(*rules[i]);
  return s;
}

// A node the pass has entered: under way (done == nullptr, entered at step `entered`) or
// rewritten to `done`. One table for both: a node is looked up once, not once per state.
struct NodeState {
  UOpPtr done = nullptr;
  int64_t entered = 0;
};

struct Entry {
  UOpPtr n;
  uint8_t stage;
  UOpPtr new_n;
};

// The bookkeeping of one pass. Passes are many and mostly small (the symbolic simplifier runs
// one per index expression), so these tables are kept per thread and reused instead of being
// allocated for every pass; a pool indexed by nesting depth serves rules that run a pass
// themselves.
struct Scratch {
  std::vector<Entry> stack;
  std::vector<Entry> deferred;
  NodeTable<char> waiting;            // nodes whose entries were deferred and not yet retried
  NodeTable<NodeState> state;         // every node the pass entered: under way or done
  std::vector<const RuleInfo*> fired;
  std::vector<UOpPtr> new_src;  // rebuild()'s sources of the node being rebuilt
  PatternMatcher::PassCounters rule_counts;  // traced passes only (reset by the next one)

  void clear() {
    stack.clear();
    deferred.clear();
    waiting.clear();
    state.clear();
    fired.clear();
  }
};

thread_local std::vector<std::unique_ptr<Scratch>> t_scratch_pool;
thread_local size_t t_scratch_depth = 0;

class ScratchLease {
 public:
  ScratchLease() {
    if (t_scratch_depth == t_scratch_pool.size()) t_scratch_pool.push_back(std::make_unique<Scratch>());
    scratch_ = t_scratch_pool[t_scratch_depth++].get();
    scratch_->clear();
  }
  ~ScratchLease() {
    --t_scratch_depth;
    // Do not keep the tables of an unusually large pass alive for the rest of the thread.
    if (scratch_->state.size() > (1u << 16)) t_scratch_pool[t_scratch_depth] = std::make_unique<Scratch>();
  }
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;
  Scratch& get() { return *scratch_; }

 private:
  Scratch* scratch_;
};

class Rewriter {
 public:
  // tracing: the tracer is active; tick_ns converts the pass's ticks (tick_clock.h).
  Rewriter(const PatternMatcher& pm, void* ctx, std::string_view name, bool bottom_up, const RewriteLimits& limits, UOpPtr root,
           Scratch& scratch, Tracer& tracer, bool tracing, double tick_ns)
      : pm_(pm), ctx_(ctx), name_(name), bottom_up_(bottom_up), tracer_(tracer), tracing_(tracing), ns_per_tick_(tick_ns),
        observers_(g_observers), root_(root), stack_(scratch.stack), deferred_(scratch.deferred), waiting_(scratch.waiting),
        state_(scratch.state), fired_(scratch.fired), new_src_(scratch.new_src),
        rule_counts_(scratch.rule_counts) {
    // The automatic limit is max(1,000,000, 64 x the input's node count); the node count is
    // only needed once a pass reaches a million steps, so it is not computed before then.
    auto_limit_ = limits.max_steps <= 0;
    max_steps_ = auto_limit_ ? 1'000'000 : limits.max_steps;
    max_idle_rounds_ = limits.max_idle_rounds;
    if (tracing_) {
      rule_counts_.reset(pm.rules().size());
      last_step_ticks_ = read_ticks();
    }
  }

  // How each rule did, for a traced pass's end (failed or not); none when untraced.
  std::span<const RuleStat> rule_stats() const {
    if (!tracing_) return {};
    return rw::rule_stats(pm_, rule_counts_, ns_per_tick_);
  }

  UOpPtr run(UOpPtr root) {
    stack_.push_back({root, 0, root});
    int idle_rounds = 0;
    while (true) {
      const int64_t progress_before = progress_;
      drain();
      if (deferred_.empty()) break;
      if (progress_ == progress_before) {
        if (++idle_rounds > max_idle_rounds_) fail_no_progress();
      } else {
        idle_rounds = 0;
      }
      // Retry the waiting nodes, children before the parents that wait on them.
      for (auto it = deferred_.rbegin(); it != deferred_.rend(); ++it) stack_.push_back(*it);
      deferred_.clear();
    }
    UOpPtr out = state_.find(root)->done;
    for (RewriteObserver* o : observers_) o->on_pass_end(name_, out);
    return out;
  }

 private:
  void drain() {
    while (!stack_.empty()) {
      Entry e = stack_.back();
      stack_.pop_back();
      if (waiting_.size()) waiting_.erase(e.n);  // only passes whose rules can wait have any
      if (e.stage == 0) {
        visit(e);
        continue;
      }
      // The node's state is looked up once here and updated in place when it finishes: the
      // table gets no insertions in between.
      NodeState* self = state_.find(e.n);
      if (self && self->done) continue;
      if (e.stage == 2) link(e, self);
      else rebuild(e, self);
    }
  }

  void visit(Entry e) {
    // Already done, or under way (waiting: its users wait on it).
    if (!state_.emplace(e.n, NodeState{nullptr, int64_t(fired_.size())}).second) return;
    bool not_ready = false;
    if (bottom_up_) e.new_n = fixed_point(e.new_n, not_ready);
    // A node a rule could not decide yet is retried once its sources are done (stage 3).
    stack_.push_back({e.n, uint8_t(not_ready ? 3 : 1), e.new_n});
    for (auto it = e.new_n->src.rbegin(); it != e.new_n->src.rend(); ++it) {
      const NodeState* st = state_.find(*it);
      if (st && st->done) continue;
      // A source under way that is not waiting is an ancestor: the graph rewrote into itself.
      if (st && !waiting_.contains(*it)) fail_cycle(*it, st->entered);
      stack_.push_back({*it, 0, *it});
    }
  }

  void rebuild(const Entry& e, NodeState* self) {
    // Most nodes keep their sources: gather the new ones into the pass's reused buffer and
    // build a node only when one changed.
    std::vector<UOpPtr>& new_src = new_src_;
    new_src.clear();
    bool changed = false;
    for (UOpPtr s : e.new_n->src) {
      const NodeState* st = state_.find(s);
      if (!st || !st->done) return defer(e);  // a source is still waiting
      changed |= st->done != s;
      new_src.push_back(st->done);
    }
    UOpPtr next;
    if (!changed) {
      if (bottom_up_ && e.stage != 3) return finish(e.n, e.new_n, self);
      Rewrite res = try_rules(e.new_n);
      if (res.kind() == Rewrite::Kind::NotReady) return defer(e);
      if (res.kind() == Rewrite::Kind::NoMatch) return finish(e.n, e.new_n, self);
      next = res.node();
    } else {
      next = e.new_n->with_src(std::span<const UOpPtr>(new_src));
    }
    const NodeState* st = state_.find(next);
    const bool under_way = st && !st->done;
    if (under_way && !waiting_.contains(next)) fail_cycle(next, st->entered);
    stack_.push_back({e.n, 2, next});
    if (!under_way) stack_.push_back({next, 0, next});
  }

  void link(const Entry& e, NodeState* self) {
    const NodeState* st = state_.find(e.new_n);
    if (!st || !st->done) return defer(e);
    finish(e.n, st->done, self);
  }

  // self: n's state, if the caller has it (n was entered, so it has one).
  void finish(UOpPtr n, UOpPtr result, NodeState* self) {
    if (!self) self = state_.emplace(n, NodeState{nullptr, 0}).first;
    if (!self->done) self->done = result;
    ++progress_;
  }

  void defer(const Entry& e) {
    deferred_.push_back(e);
    waiting_.emplace(e.n, 1);
  }

  UOpPtr fixed_point(UOpPtr n, bool& not_ready) {
    std::unordered_set<UOpPtr> seen;  // filled on the first rewrite: most nodes match no rule
    const int64_t start = int64_t(fired_.size());
    while (true) {
      Rewrite res = try_rules(n);
      not_ready = res.kind() == Rewrite::Kind::NotReady;
      if (res.kind() != Rewrite::Kind::To) return n;  // "not ready" is retried at rebuild
      if (seen.empty()) seen.insert(n);
      if (!seen.insert(res.node()).second) fail_cycle(res.node(), start);
      n = res.node();
    }
  }

  // One matcher call on n; a successful rewrite is a step: recorded, traced, observed.
  Rewrite try_rules(UOpPtr n) {
    auto r = tracing_ ? pm_.rewrite_counted(n, ctx_, rule_counts_, gate_) : pm_.rewrite(n, ctx_, gate_);
    if (r.rewrite.kind() == Rewrite::Kind::To) on_rewrite(r, n);
    return r.rewrite;
  }

  void on_rewrite(const PatternMatcher::Result& r, UOpPtr matched) {
    fired_.push_back(&r.rule->info);
    ++progress_;
    const int64_t step = int64_t(fired_.size());
    if (tracing_) {
      // No clock read of its own: the matcher's read at the end of the answering try marks
      // the step. A step's duration is the pass's time since the previous step, every failed
      // match on the way included. (Guarded against a time-stamp counter that differs
      // between cores.)
      const uint64_t now = rule_counts_.answer_ticks;
      const int64_t ns = now > last_step_ticks_ ? ticks_to_ns(now - last_step_ticks_, ns_per_tick_) : 0;
      last_step_ticks_ = now;
      tracer_.on_rewrite(RewriteEvent{&r.rule->info, matched, r.bindings.items(), r.rewrite.node(), ns});
    }
    for (RewriteObserver* o : observers_) o->on_step(name_, step, *r.rule, matched, r.rewrite.node());
    if (step >= max_steps_) {
      if (auto_limit_) {
        auto_limit_ = false;
        max_steps_ = std::max<int64_t>(max_steps_, 64 * int64_t(toposort(root_).size()));
        if (step < max_steps_) return;
      }
      fail_step_limit(matched);
    }
  }
 private:
  [[noreturn]] void fail_cycle(UOpPtr node, int64_t since_step) {
    auto rules = distinct(std::span<const RuleInfo* const>(fired_).subspan(size_t(since_step)));
    throw RewriteError(RewriteError::Kind::Cycle, name_,
                       "pass '" + name_ + "' does not converge: the rules " + join_rules(rules) + " rewrite " + node->summary() +
                           " (%" + std::to_string(node->id) + ") back into itself. Make one direction of the cycle conditional or drop one rule.",
                       rules, node);
  }

  [[noreturn]] void fail_step_limit(UOpPtr node) {
    // The rules firing at the end are the ones that never stop: report the last 1000 steps.
    size_t from = fired_.size() > 1000 ? fired_.size() - 1000 : 0;
    std::map<const RuleInfo*, int64_t> counts;
    for (size_t i = from; i < fired_.size(); ++i) ++counts[fired_[i]];
    auto rules = distinct(std::span<const RuleInfo* const>(fired_).subspan(from));
    std::sort(rules.begin(), rules.end(), [&](auto a, auto b) { return counts[a] > counts[b]; });
    if (rules.size() > 4) rules.resize(4);
    std::string list;
    for (const RuleInfo* r : rules) list += "\n  " + rule_label(*r) + ": " + std::to_string(counts[r]) + " of the last " + std::to_string(fired_.size() - from) + " steps";
    throw RewriteError(RewriteError::Kind::StepLimit, name_,
                       "pass '" + name_ + "' did not converge within " + std::to_string(max_steps_) + " rewrites (last at " + node->summary() +
                           "). The rules that kept firing:" + list + "\nCheck that these rules cannot grow or undo each other.",
                       rules, node);
  }

  [[noreturn]] void fail_no_progress() {
    const Entry& e = deferred_.front();
    std::string waiting;
    for (size_t i = 0; i < deferred_.size() && i < 5; ++i) waiting += (i ? ", " : "") + ("%" + std::to_string(deferred_[i].n->id) + " " + std::string(op_name(deferred_[i].n->op)));
    throw RewriteError(RewriteError::Kind::NoProgress, name_,
                       "pass '" + name_ + "' is not making progress: " + std::to_string(deferred_.size()) + " node(s) still wait (" + waiting +
                           ") and no rule can decide them. The first waits at " + e.new_n->summary() +
                           "; a rule answered 'not ready' for a node whose information never arrives.",
                       {}, e.n);
  }

  const PatternMatcher& pm_;
  void* ctx_;
  std::string name_;
  bool bottom_up_;
  Tracer& tracer_;
  RewriteGate* gate_ = current_rewrite_gate();  // re-runs switch single rewrites off
  bool tracing_;
  double ns_per_tick_;
  uint64_t last_step_ticks_ = 0;  // read_ticks() at the previous step (or the pass's start)
  const std::vector<RewriteObserver*>& observers_;  // the thread's scopes (not changed mid-pass)
  UOpPtr root_;
  bool auto_limit_;
  int64_t max_steps_;
  int max_idle_rounds_;

  std::vector<Entry>& stack_;
  std::vector<Entry>& deferred_;
  NodeTable<char>& waiting_;
  NodeTable<NodeState>& state_;
  std::vector<const RuleInfo*>& fired_;
  std::vector<UOpPtr>& new_src_;
  PatternMatcher::PassCounters& rule_counts_;
  int64_t progress_ = 0;
};
}  // namespace

RewriteObserverScope::RewriteObserverScope(RewriteObserver* o) : observer_(o) { g_observers.push_back(o); }
RewriteObserverScope::~RewriteObserverScope() { std::erase(g_observers, observer_); }

UOpPtr graph_rewrite(UOpPtr root, const PatternMatcher& pm, void* ctx, std::string_view name, bool bottom_up, const RewriteLimits& limits) {
  Tracer& tracer = current_tracer();
  const bool tracing = tracer.active();
  // The process's first traced pass measures the tick clock here, before the pass begins,
  // so the measurement counts in no pass's time.
  const double tick_ns = tracing ? ns_per_tick() : 1.0;
  PassScope pass(name, "rewrite", root);
  for (RewriteObserver* o : g_observers) o->on_pass_begin(name, pm);
  ScratchLease scratch;
  Rewriter rewriter(pm, ctx, name, bottom_up, limits, root, scratch.get(), tracer, tracing, tick_ns);
  UOpPtr out;
  try {
    out = rewriter.run(root);
  } catch (const std::exception& e) {
    // The failing pass keeps the error's own text (a cycle names its rules) and its counts.
    pass.fail(e.what(), rewriter.rule_stats());
    throw;
  }
  pass.finish(out, rewriter.rule_stats());
  return out;
}

}  // namespace rw
