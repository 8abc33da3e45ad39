// --fusion=conservative: the realize decisions of tinygrad's older scheduler (bench/README.md,
// column R0), computed once over the tensor graph before the realize-decisions table runs.
// Internal to engine/schedule.
//
// Two rules, in tinygrad's order:
//  1. realize before expand: a computed value (elementwise or reduce) that a chain of movement
//     ops broadcasts to more elements is realized, so the broadcast reads a buffer instead of
//     recomputing the value per copy;
//  2. one reduce per kernel: a reduce fuses with the elementwise ops after it when every path
//     from it, through elementwise ops and reshapes only, ends in one realized node that no
//     other reduce claimed. Otherwise the reduce is realized, or the end of its chain of
//     single consumers that keep its shape (so a bias add or relu after a matmul stays in the
//     matmul's kernel, as in tinygrad's "chase").
#pragma once
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "engine/ir/uop.h"

namespace rw::sched {

struct PolicyRealize {
  const char* reason;  // kPolicyConservativeExpand or kPolicyConservative
  std::string detail;
};

// `sink` is SINK(outputs) of the tensor graph; `realized` the nodes already realized for other
// reasons (outputs, contiguous()). Returns the further nodes to realize and why.
std::unordered_map<UOpPtr, PolicyRealize> conservative_plan(UOpPtr sink, const std::unordered_set<UOpPtr>& realized);

}  // namespace rw::sched
