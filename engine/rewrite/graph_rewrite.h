// graph_rewrite: rewrite a whole graph with a PatternMatcher to a fixed point, as one named,
// traced pass. Every successful rule application is one step reported to the Tracer.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/rewrite/pattern_matcher.h"

namespace rw {

struct RewriteLimits {
  // Rewrites allowed in one pass before it counts as not converging. 0: automatic
  // (max(1,000,000, 64 x the input graph's node count)).
  int64_t max_steps = 0;
  // Rounds of retrying "not ready" nodes that may pass without any progress.
  int max_idle_rounds = 1;
};

// A pass that cannot finish: it did not converge (a cycle of rules, or unbounded growth) or
// rules kept answering "not ready" without progress. The message names the pass, the rules
// and the node; `rules` lists the rules involved, in firing order.
class RewriteError : public std::runtime_error {
 public:
  enum class Kind { Cycle, StepLimit, NoProgress };
  RewriteError(Kind kind, std::string pass, std::string message, std::vector<const RuleInfo*> rules, UOpPtr node)
      : std::runtime_error(std::move(message)), kind(kind), pass(std::move(pass)), rules(std::move(rules)), node(node) {}
  Kind kind;
  std::string pass;
  std::vector<const RuleInfo*> rules;
  UOpPtr node;
};

// Observes every step of every pass on this thread (the verifier hooks in here; it may throw
// to stop the pass at the offending step). Scopes nest: every installed observer is told.
class RewriteObserver {
 public:
  virtual ~RewriteObserver() = default;
  virtual void on_step(std::string_view pass, int64_t step, const Rule& rule, UOpPtr matched, UOpPtr replacement) = 0;
  // A pass begins (right after the tracer's begin_pass) with these rules.
  virtual void on_pass_begin(std::string_view pass, const PatternMatcher& rules) {}
  virtual void on_pass_end(std::string_view pass, UOpPtr output) {}
};

class RewriteObserverScope {
 public:
  explicit RewriteObserverScope(RewriteObserver* o);
  ~RewriteObserverScope();
  RewriteObserverScope(const RewriteObserverScope&) = delete;
  RewriteObserverScope& operator=(const RewriteObserverScope&) = delete;

 private:
  RewriteObserver* observer_;
};

// Rewrites `root` to a fixed point. Sources are rewritten before their users. With
// bottom_up = false a node is matched once its sources are final, and a replacement is
// itself rewritten; with bottom_up = true a node is first rewritten to a fixed point before
// its sources are visited (rules that must see the unrewritten children).
UOpPtr graph_rewrite(UOpPtr root, const PatternMatcher& pm, void* ctx, std::string_view name, bool bottom_up = false,
                     const RewriteLimits& limits = {});

template <class Ctx>
  requires(!std::is_convertible_v<Ctx&, std::string_view> && !std::is_pointer_v<Ctx>)
UOpPtr graph_rewrite(UOpPtr root, const PatternMatcher& pm, Ctx& ctx, std::string_view name, bool bottom_up = false,
                     const RewriteLimits& limits = {}) {
  return graph_rewrite(root, pm, static_cast<void*>(&ctx), name, bottom_up, limits);
}

inline UOpPtr graph_rewrite(UOpPtr root, const PatternMatcher& pm, std::string_view name, bool bottom_up = false,
                            const RewriteLimits& limits = {}) {
  return graph_rewrite(root, pm, static_cast<void*>(nullptr), name, bottom_up, limits);
}

}  // namespace rw
