#include "viewers/compare_summary.h"

#include <QStringList>

#include "viewers/compare_text.h"

namespace rw::viewer {

QString compare_summary(const FusionComparison& c) {
  QStringList parts;
  parts << QStringLiteral("Time (sum of kernel minimums): A %1 µs, B %2 µs (%3 µs, %4)")
               .arg(micros_text(c.a.total_min_us), micros_text(c.b.total_min_us), delta_text(c.b.total_min_us - c.a.total_min_us),
                    percent_text(c.a.total_min_us, c.b.total_min_us));
  parts << QStringLiteral("kernels: A %1, B %2").arg(c.a.kernels.size()).arg(c.b.kernels.size());
  if (c.same_fusion()) {
    parts << QStringLiteral("same fusion");
  } else {
    parts << QStringLiteral("buffers only in A: %1 (%2), only in B: %3 (%4)")
                 .arg(c.buffers_only_a.size())
                 .arg(bytes_text(c.buffer_bytes_only_a))
                 .arg(c.buffers_only_b.size())
                 .arg(bytes_text(c.buffer_bytes_only_b));
    parts << QStringLiteral("%1 tensor node%2 moved").arg(c.moved.size()).arg(c.moved.size() == 1 ? "" : "s");
  }
  parts << QStringLiteral("memory traffic: A %1, B %2").arg(bytes_text(c.a.total_bytes), bytes_text(c.b.total_bytes));
  return parts.join(QStringLiteral(" · "));
}

}  // namespace rw::viewer
