// A summary of a trace for people (text) and programs (JSON): what ran with which options,
// the pass tree with steps per pass, the most-fired rules, rule statistics (tries, hits, hit
// rate, time) per run and per pass, kernels, timings, checks, decisions and errors.
// `rewind report FILE.rwd [--json] [--rules | --pass ID]` prints it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/trace/trace_reader.h"

namespace rw {

struct ReportOptions {
  size_t top_rules = 10;        // most-fired rules, and rows of each rule statistics table
  bool rules_per_pass = false;  // a rule statistics table for every pass that has one
  std::optional<int64_t> pass = std::nullopt;  // only this pass's table (a TraceError if the trace has no such pass)
};

std::string report_text(TraceReader& reader, const ReportOptions& options = {});
std::string report_json(TraceReader& reader, const ReportOptions& options = {});

}  // namespace rw
