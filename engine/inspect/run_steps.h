// Every step of a run in trace order: the order the engine made them in, across passes.
//
// Steps of one pass are in step order. Across passes the trace stores no global sequence, so
// each step gets a time: its pass's begin time plus the durations of the pass's steps up to
// it (a step's duration is the pass's time since its previous step, nested passes included).
// A nested pass runs inside one of its parent's steps, and its steps' times fall before that
// step's. Equal times put the deeper pass first.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "engine/trace/trace_reader.h"

namespace rw {

struct TimedStep {
  int64_t pass_id = 0, step = 0, rule_id = 0, matched = 0, replacement = 0;
  int64_t time_ns = 0;
  std::vector<int64_t> bound;  // the nodes the pattern's names bound
};

struct RunSteps {
  int64_t run_id = 0;
  std::vector<TimedStep> steps;                   // trace order
  std::unordered_map<int64_t, PassRow> passes;    // every pass of the run, by id
  std::unordered_map<int64_t, RuleRow> rules;     // every rule of the run, by id
  std::vector<int64_t> pass_order;                // pass ids by seq
};

RunSteps load_run_steps(TraceReader& reader, int64_t run_id);

}  // namespace rw
