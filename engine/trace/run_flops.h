// A run's FLOPs as one log line: the tensor graph's own FLOPs (graph_flops.h) and the FLOPs
// its kernels executed (codegen's count, every iteration). The runner logs it through the
// Tracer; `rewind report` reads it back, so executed work above the graph's is visible as
// recomputation. The line is the record, in a fixed format:
//   "flops: executed 2154496, tensor graph 1200000"
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rw {

struct RunFlops {
  int64_t executed = 0;  // summed over the run's kernels
  int64_t graph = 0;     // the tensor graph's own
};

std::string format_run_flops(const RunFlops& f);
std::optional<RunFlops> parse_run_flops(std::string_view log_text);  // nullopt: not such a line

// "2.15 MFLOP executed, tensor graph 1.20 MFLOP (1.80x the graph's)" for people. Above 1x:
// values computed more than once per element (or codegen's pad gates, which the graph does
// not count); below: codegen hoisted an op on a broadcast value out of the loops it ignores.
std::string describe_run_flops(const RunFlops& f);

}  // namespace rw
