// How the compare view writes the things of a fusion comparison: tensor nodes, times, time
// deltas and byte counts, the same way in the kernel table, its tooltips and the summary.
#pragma once
#include <QString>
#include <cstdint>
#include <optional>

#include "engine/inspect/fusion_compare.h"

namespace rw::viewer {

// "REDUCE_AXIS %11 [6,1]" with the node's id in the run named (the other run's when it has none).
QString tensor_node_text(const TensorNode& n, bool side_a);
QString micros_text(std::optional<double> us);        // "0.323" (µs, blank when not timed)
QString delta_text(std::optional<double> delta_us);   // "+0.098", "-0.010"
QString percent_text(double from, double to);         // "+12%", blank when `from` is 0
QString bytes_text(int64_t bytes);                    // "240 B", "1080 B", "15.2 KiB", "3.2 MiB"

}  // namespace rw::viewer
