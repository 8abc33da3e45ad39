// The one line that sums up a fusion comparison: total kernel time of each run and its
// change, kernel counts, the buffers (and bytes) only one run allocates, the tensor nodes
// that moved between kernels, and each run's memory traffic.
#pragma once
#include <QString>

#include "engine/inspect/fusion_compare.h"

namespace rw::viewer {

QString compare_summary(const FusionComparison& c);

}  // namespace rw::viewer
