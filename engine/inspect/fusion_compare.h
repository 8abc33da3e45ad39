// How two runs of a program split it into kernels, compared: which tensor-graph nodes each
// kernel computes (matched across runs and files by structural hash), the nodes that moved
// between kernels or between "realized to a buffer" and "fused", with the scheduling decision
// reasons of each side (docs/schedule-decisions.md), the buffers and bytes only one run
// allocates, and per-kernel and total time deltas.
//
// A kernel writes one buffer: the node among those it computes that none of the others uses.
// Two kernels of different runs correspond when they write the same tensor node.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/trace/trace_reader.h"

namespace rw {

// A tensor-graph node as both runs know it (an id per run: ids differ across runs).
struct TensorNode {
  uint64_t hash = 0;
  std::optional<int64_t> id_a, id_b;
  std::string op, dtype, arg, location;
  std::optional<std::vector<int64_t>> shape;
  int64_t bytes = 0;  // a buffer holding it: elements * item size (0 when unknown)
};

struct KernelSummary {
  std::string name;
  size_t writes = 0;                 // index into FusionComparison::nodes (when has_writes)
  bool has_writes = false;
  std::vector<size_t> computes;      // indices into FusionComparison::nodes
  std::optional<double> min_us, median_us;
  int64_t flops = 0, bytes = 0;      // per run of the kernel
};

struct FusionSide {
  std::string path;
  int64_t run_id = 0;
  std::string options;               // "fusion=rangeify opt=all ..."
  std::vector<KernelSummary> kernels;
  std::vector<DecisionRow> decisions;
  double total_min_us = 0, total_median_us = 0;
  int64_t total_bytes = 0;           // memory traffic of all kernels
};

// A decision about a tensor node on one side.
struct NodeDecision {
  size_t node = 0;  // index into FusionComparison::nodes
  bool side_a = true;
  std::string decision, reason, detail;
};

struct KernelPair {
  std::optional<size_t> a, b;  // indices into side kernels; one may be missing
  std::optional<double> min_delta_us, median_delta_us;  // b - a, when both were timed
};

struct MovedNode {
  size_t node = 0;
  std::vector<size_t> kernels_a, kernels_b;  // kernels computing it, each side
  bool realized_a = false, realized_b = false;
};

// A kernel of one side with no kernel on the other side writing the same node from the same
// nodes: the kernels of the other side that compute its nodes instead.
struct KernelSplit {
  bool side_a = true;          // the kernel is on side A (else B)
  size_t kernel = 0;
  std::vector<size_t> other;   // kernels of the other side computing any of its nodes
  std::vector<NodeDecision> why;  // decisions (either side) about its nodes realized on one side only
};

struct FusionComparison {
  FusionSide a, b;
  std::vector<TensorNode> nodes;  // every tensor node either side's kernels compute
  std::vector<KernelPair> pairs;  // every kernel of both sides once: matched pairs first
  std::vector<MovedNode> moved;
  std::vector<KernelSplit> splits;
  std::vector<size_t> buffers_only_a, buffers_only_b;  // realized nodes of one side only
  int64_t buffer_bytes_only_a = 0, buffer_bytes_only_b = 0;
  std::vector<NodeDecision> decisions_a, decisions_b;  // decisions mapped to tensor nodes
  size_t nodes_only_a = 0, nodes_only_b = 0;  // computed on one side only (different programs)
  bool same_fusion() const { return moved.empty() && buffers_only_a.empty() && buffers_only_b.empty() && nodes_only_a == 0 && nodes_only_b == 0; }
};

FusionComparison compare_fusion(TraceReader& a, int64_t run_a, TraceReader& b, int64_t run_b);

}  // namespace rw
