// A summary of a trace for people (text) and programs (JSON): what ran with which options,
// the pass tree with steps per pass, the most-fired rules, kernels, timings, checks,
// decisions and errors. `rewind report FILE.rwd [--json]` prints it.
#pragma once
#include <cstddef>
#include <string>

#include "engine/trace/trace_reader.h"

namespace rw {

struct ReportOptions {
  size_t top_rules = 10;
};

std::string report_text(TraceReader& reader, const ReportOptions& options = {});
std::string report_json(TraceReader& reader, const ReportOptions& options = {});

}  // namespace rw
