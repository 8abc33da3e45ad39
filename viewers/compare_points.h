// The graphs the compare view can put side by side: every pass name both runs resolve to one
// pass (`rangeify`, `split kernels`: their outputs), then the AST of each pair of kernels that
// write the same tensor node (the input of their `codegen NAME` passes), names differing.
#pragma once
#include <QString>
#include <string>
#include <vector>

#include "engine/inspect/fusion_compare.h"
#include "engine/trace/trace_reader.h"

namespace rw::viewer {

struct ComparePoint {
  QString label;               // "rangeify", "kernel AST: r_6_10_10n1 | E_6_10"
  std::string spec_a, spec_b;  // parse_graph_point specs, one per run
};

std::vector<ComparePoint> compare_points(TraceReader& a, int64_t run_a, TraceReader& b, int64_t run_b, const FusionComparison& c);

// Where the view starts: the rangeify output when both runs have it (where fusion decisions
// show), else the first point; -1 when there is none.
int default_compare_point(const std::vector<ComparePoint>& points);

}  // namespace rw::viewer
