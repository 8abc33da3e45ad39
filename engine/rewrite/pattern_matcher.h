// Rules and rule tables. A rule is a value: a pattern, a function building the replacement,
// the rule's algebra as text and where it is defined. A PatternMatcher dispatches on the
// root op and rejects rules early whose required source ops are absent; matchers compose
// with `+`.
#pragma once
#include <array>
#include <bit>
#include <functional>
#include <memory>
#include <source_location>
#include <span>
#include <string>
#include <vector>

#include "engine/rewrite/upat.h"

namespace rw {

// What a rule's function answers.
class Rewrite {
 public:
  enum class Kind : uint8_t { NoMatch, To, NotReady };
  Rewrite() = default;
  Rewrite(UOpPtr to) : kind_(to ? Kind::To : Kind::NoMatch), to_(to) {}  // nullptr: no match
  static Rewrite none() { return {}; }
  // The rule applies to this node but cannot decide yet (it waits for information other
  // nodes of the pass will provide); graph_rewrite retries it later.
  static Rewrite not_ready() { Rewrite r; r.kind_ = Kind::NotReady; return r; }
  Kind kind() const { return kind_; }
  UOpPtr node() const { return to_; }

 private:
  Kind kind_ = Kind::NoMatch;
  UOpPtr to_ = nullptr;
};

// What a rule's function sees.
class Match {
 public:
  Match(UOpPtr root, const Bindings& b, void* ctx) : root(root), bindings_(b), ctx_(ctx) {}
  UOpPtr root;
  // The node bound to `name`; a rule asking for a name its pattern does not bind is a bug.
  UOpPtr operator[](std::string_view name) const;
  UOpPtr get(std::string_view name) const { return bindings_.get(name); }
  Arena& arena() const { return *root->arena; }
  template <class T> T& ctx() const { return *static_cast<T*>(ctx_); }
  void* raw_ctx() const { return ctx_; }

 private:
  const Bindings& bindings_;
  void* ctx_;
};

using RewriteFn = std::function<Rewrite(const Match&)>;

struct Rule {
  UPat pattern;
  RewriteFn fn;
  RuleInfo info;
  // Early rejection (a rejected rule is not counted as tried): ops the sources must include,
  // and the ops they are limited to (all ops unless the pattern limits every source).
  OpSet required_src_ops;
  OpSet allowed_src_ops;
};
using RulePtr = std::shared_ptr<const Rule>;

// Builds a rule; `text` is its algebra ("x*1 -> x"). The location is the caller's line.
RulePtr rule(std::string text, UPat pattern, RewriteFn fn, std::source_location loc = std::source_location::current());

class RewriteGate;

class PatternMatcher {
 public:
  PatternMatcher() = default;
  PatternMatcher(std::vector<RulePtr> rules);
  PatternMatcher(std::initializer_list<RulePtr> rules) : PatternMatcher(std::vector<RulePtr>(rules)) {}

  struct Result {
    Rewrite rewrite;
    const Rule* rule = nullptr;  // the rule that answered (To or NotReady)
    Bindings bindings;
  };
  // Tries the rules for n's op in table order; the first that matches and answers wins. A
  // rewrite `gate` refuses counts as no match (engine/rewrite/rewrite_gate.h).
  Result rewrite(UOpPtr n, void* ctx, RewriteGate* gate = nullptr) const;

  // What a traced pass counts per rule: see RuleStat (tracer.h). Time is in ticks of
  // read_ticks() (tick_clock.h).
  struct RuleCounter {
    int64_t tries = 0, hits = 0;
    uint64_t ticks = 0;
  };
  // A pass's counters, indexed like rules(). A pass tries a few dozen of a matcher's 100+
  // rules and passes are many and small, so a bit per rule marks the counters the pass
  // touched: only those are reported (in rule order, the bits' order) and zeroed again.
  struct PassCounters {
    std::vector<RuleCounter> counters;  // zero except where `touched` has a bit set
    std::vector<uint64_t> touched;      // bit k: counters[k] was tried in this pass
    uint64_t answer_ticks = 0;          // read_ticks() when the latest answering try ended
    // Zeroes what the previous pass touched; makes room for a matcher of `rules` rules.
    void reset(size_t rules);
    void touch(uint32_t k) { touched[k >> 6] |= uint64_t(1) << (k & 63); }
    // Calls f(k) for every touched counter k, in increasing order.
    template <class F> void for_each_touched(F&& f) const {
      for (size_t w = 0; w < touched.size(); ++w)
        for (uint64_t bits = touched[w]; bits; bits &= bits - 1) f(uint32_t(w * 64 + size_t(std::countr_zero(bits))));
    }
  };
  // rewrite(), also counting into `counts` (reset for a matcher at least this large) every
  // rule whose pattern it tests, the rule that rewrites n, and the time each try took (one
  // tick read per try; answer_ticks keeps the read ending the answering try, so a traced
  // pass can time its steps without reading a clock again). A separate entry point, so
  // untraced passes pay nothing for it.
  Result rewrite_counted(UOpPtr n, void* ctx, PassCounters& counts, RewriteGate* gate = nullptr) const;

  const std::vector<RulePtr>& rules() const { return rules_; }
  friend PatternMatcher operator+(const PatternMatcher& a, const PatternMatcher& b);

 private:
  std::vector<RulePtr> rules_;
  std::array<std::vector<const Rule*>, kNumOps> by_op_;
  std::array<std::vector<uint32_t>, kNumOps> by_op_index_;  // the same rules' places in rules_
};

}  // namespace rw
