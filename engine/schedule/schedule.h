// The scheduler's result: buffers and kernels in execution order. The AST format is the
// contract with codegen, documented in docs/kernel-ast.md.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/ir/arg.h"
#include "engine/ir/dtype.h"
#include "engine/ir/uop.h"

namespace rw {

struct ScheduleBuffer {
  enum class Role { Input, Intermediate, Output };
  int id = 0;               // 0, 1, ... in creation order
  DType dtype;              // element type
  int64_t size = 0;         // elements
  Role role = Role::Intermediate;
  int64_t input_slot = -1;  // Input: the BufferTable slot it holds
  std::string name;         // Output: the program's output name; others "buf<id>"
  IntTuple shape;           // the tensor shape it was realized with
  // Realized buffers: the tensor-graph node whose value the buffer holds (row-major in
  // `shape`), as a node of the program's own graph where it has one. Checks evaluate it
  // with the reference interpreter to judge the kernel that wrote the buffer.
  UOpPtr node = nullptr;
  std::string reason;       // the realize decision's reason code (docs/schedule-decisions.md); "input" for inputs
};

struct ScheduledKernel {
  std::string name;              // "E_4_16", "r_8_16"
  UOpPtr ast = nullptr;          // SINK of STOREs (docs/kernel-ast.md)
  std::vector<int> globals;      // buffer id bound to DEFINE_GLOBAL slot i
  std::vector<UOpPtr> computes;  // tensor-graph nodes whose values this kernel computes
};

struct Schedule {
  std::vector<ScheduleBuffer> buffers;
  std::vector<ScheduledKernel> kernels;  // a valid execution order
};

}  // namespace rw
