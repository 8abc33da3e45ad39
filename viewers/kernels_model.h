// The run's kernels as a table: name, min and median time, GFLOP/s, GB/s, compile time and
// the check result.
#pragma once
#include <QAbstractTableModel>
#include <vector>

#include "viewers/kernel_summary.h"

namespace rw::viewer {

class KernelsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, MinColumn, MedianColumn, GflopsColumn, GbpsColumn, CompileColumn, CheckColumn, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1 };  // numbers as numbers, for a sorting proxy

  explicit KernelsModel(QObject* parent = nullptr);
  void setKernels(std::vector<KernelSummary> kernels);
  const std::vector<KernelSummary>& kernels() const { return kernels_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<KernelSummary> kernels_;
};

}  // namespace rw::viewer
