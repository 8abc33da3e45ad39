#include "viewers/compare_text.h"

#include <QStringList>
#include <cmath>

namespace rw::viewer {

QString tensor_node_text(const TensorNode& n, bool side_a) {
  const std::optional<int64_t> id = side_a ? (n.id_a ? n.id_a : n.id_b) : (n.id_b ? n.id_b : n.id_a);
  QString s = QString::fromStdString(n.op);
  if (id) s += QStringLiteral(" %%1").arg(*id);
  if (n.shape) {
    QStringList dims;
    for (int64_t d : *n.shape) dims << QString::number(d);
    s += QStringLiteral(" [%1]").arg(dims.join(QLatin1Char(',')));
  }
  return s;
}

// Kernels of small programs run in well under a microsecond: three decimals keep them apart.
QString micros_text(std::optional<double> us) { return us ? QString::number(*us, 'f', 3) : QString(); }

QString delta_text(std::optional<double> delta_us) {
  if (!delta_us) return {};
  return (*delta_us >= 0 ? QStringLiteral("+") : QString()) + QString::number(*delta_us, 'f', 3);
}

QString percent_text(double from, double to) {
  if (from == 0) return {};
  const double p = (to - from) / from * 100;
  return (p >= 0 ? QStringLiteral("+") : QString()) + QString::number(std::lround(p)) + QLatin1Char('%');
}

QString bytes_text(int64_t bytes) {
  const double b = double(bytes);
  if (std::abs(b) < 10'000) return QStringLiteral("%1 B").arg(bytes);  // small counts exactly, as `rewind diff` prints them
  if (std::abs(b) < 1024.0 * 1024) return QStringLiteral("%1 KiB").arg(b / 1024, 0, 'f', 1);
  return QStringLiteral("%1 MiB").arg(b / (1024.0 * 1024), 0, 'f', 1);
}

}  // namespace rw::viewer
