// What the scheduler's passes share: the realized buffers in creation order, with the tensor
// node each one holds and the decision that made it. Internal to engine/schedule.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/ir/uop.h"
#include "engine/rewrite/faults.h"

namespace rw::sched {

// Reason codes of realize decisions (docs/schedule-decisions.md).
inline constexpr const char* kOutput = "output";
inline constexpr const char* kExplicitContiguous = "explicit_contiguous";
inline constexpr const char* kChildrenMismatch = "children_mismatch";
inline constexpr const char* kEndsRange = "ends_range";
inline constexpr const char* kPolicyConservative = "policy_conservative";
inline constexpr const char* kPolicyConservativeExpand = "policy_conservative_expand";
inline constexpr const char* kPolicyNone = "policy_none";
inline constexpr const char* kChildrenSameIndex = "children_same_index";
inline constexpr const char* kRecompute = "recompute";
inline constexpr const char* kMaxBuffers = "max_buffers";

struct Realized {
  UOpPtr tensor;        // the tensor-graph node whose value the buffer holds
  std::string reason;   // the reason code
  std::string detail;
};

struct State {
  std::string fusion = "rangeify";
  FaultSet faults;
  int64_t recompute_threshold = 0;  // ScheduleOptions::recompute_threshold
  int64_t max_buffers = 0;          // ScheduleOptions::max_buffers
  // REALIZE node -> why it was made (the realize-decisions pass fills this in).
  std::unordered_map<UOpPtr, std::pair<std::string, std::string>> realize_reason;
  // BUFFERIZE arg k -> realized[k].
  std::vector<Realized> realized;
};

// Reports a decision to the current tracer.
// By value: callers mostly build the texts for this call, and the record takes them over.
void report_decision(UOpPtr node, std::string decision, std::string reason, std::string detail);

}  // namespace rw::sched
