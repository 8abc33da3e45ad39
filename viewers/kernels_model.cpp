#include "viewers/kernels_model.h"

#include <QBrush>
#include <QColor>

namespace rw::viewer {

KernelsModel::KernelsModel(QObject* parent) : QAbstractTableModel(parent) {}

void KernelsModel::setKernels(std::vector<KernelSummary> kernels) {
  beginResetModel();
  kernels_ = std::move(kernels);
  endResetModel();
}

int KernelsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(kernels_.size()); }
int KernelsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

namespace {
QVariant number(std::optional<double> v) { return v ? QVariant(*v) : QVariant(); }
QString fixed(std::optional<double> v, int decimals) { return v ? QString::number(*v, 'f', decimals) : QString(); }
}  // namespace

QVariant KernelsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(kernels_.size())) return {};
  const KernelSummary& k = kernels_[size_t(index.row())];
  std::optional<double> min_us, median_us, compile;
  if (k.timing) min_us = k.timing->min_us, median_us = k.timing->median_us;
  if (k.kernel.id) compile = k.kernel.compile_ms;
  if (role == SortRole) {
    switch (index.column()) {
      case NameColumn: return QString::fromStdString(k.kernel.name);
      case MinColumn: return number(min_us);
      case MedianColumn: return number(median_us);
      case GflopsColumn: return number(k.gflops());
      case GbpsColumn: return number(k.gbytes_per_s());
      case CompileColumn: return number(compile);
      case CheckColumn: return k.check_ok() ? QVariant(int(*k.check_ok())) : QVariant();
    }
  }
  if (role == Qt::TextAlignmentRole && index.column() != NameColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ForegroundRole && index.column() == CheckColumn && k.check_ok() && !*k.check_ok())
    return QBrush(QColor(0xd0, 0x30, 0x30));
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case NameColumn: return QString::fromStdString(k.kernel.name);
    case MinColumn: return fixed(min_us, 2);
    case MedianColumn: return fixed(median_us, 2);
    case GflopsColumn: return fixed(k.gflops(), 2);
    case GbpsColumn: return fixed(k.gbytes_per_s(), 2);
    case CompileColumn: return fixed(compile, 1);
    case CheckColumn: return k.check_ok() ? QString(*k.check_ok() ? "pass" : "FAIL") : QString();
    default: return {};
  }
}

QVariant KernelsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Kernel", "Min µs", "Median µs", "GFLOP/s", "GB/s", "Compile ms", "Check"};
  return section >= 0 && section < ColumnCount ? QString::fromUtf8(names[section]) : QVariant();
}

}  // namespace rw::viewer
