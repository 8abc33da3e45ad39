// "Why didn't this rule fire?": for one node of a pass's graph at one step, every rule of the
// pass that could apply to the node's op and where its pattern fails (the sub-pattern, the
// node it was tried on, what it wanted), or that the pattern matches and what became of it.
// The pass is replayed from the trace (recorded_run.h), so the rules asked are the pass's
// own, and the node is found in the replayed graph by its structural hash.
#pragma once
#include <string>
#include <vector>

#include "engine/trace/trace_reader.h"

namespace rw {

struct RuleAnswer {
  std::string rule, location;  // text, file:line
  enum class Outcome { Mismatch, PatternMatches, Fires } outcome = Outcome::Mismatch;
  std::string detail;          // Mismatch: where the pattern fails; otherwise what happened
};

struct WhyNot {
  int64_t run_id = 0, pass_id = 0, step = 0, node_id = 0;
  std::string pass, node;      // the node as a line: "%12 ADD index (%10, %11)"
  std::vector<RuleAnswer> rules;  // the pass's rules that could apply to the node's op, in table order
  int other_rules = 0;          // rules of the pass for other root ops (never tried on this node)
  std::string next;             // the pass's next step that rewrites this node, or that none does
};

// Throws TraceError (unknown run, pass, step or node), ReplayError / ReproduceError, or
// std::invalid_argument (the pass is not a rewrite pass).
WhyNot why_not(TraceReader& reader, int64_t run_id, int64_t pass_id, int64_t step, int64_t node_id);

std::string_view outcome_name(RuleAnswer::Outcome o);  // "mismatch", "pattern-matches", "fires"

}  // namespace rw
