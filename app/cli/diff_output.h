// Text and JSON forms of `rewind diff`: a structural graph diff, and a fusion comparison.
#pragma once
#include <string>

#include "engine/inspect/fusion_compare.h"
#include "engine/inspect/graph_diff.h"
#include "engine/inspect/trace_points.h"

namespace rw::cli {

struct DiffSides {
  std::string label_a, label_b;  // "pass 6 (rangeify) input of run 1 in a.rwd"
  const PointGraph* a = nullptr;
  const PointGraph* b = nullptr;
};

std::string graph_diff_text(const GraphDiff& d, const DiffSides& sides, size_t max_roots);
std::string graph_diff_json(const GraphDiff& d, const DiffSides& sides);
std::string fusion_text(const FusionComparison& c);
std::string fusion_json(const FusionComparison& c);

}  // namespace rw::cli
