// Two runs' kernels side by side, one row per kernel pair of a fusion comparison: a kernel of
// run A and the kernel of run B writing the same tensor node (blank when only one run has
// it: the other run splits or fuses those nodes differently), each side's min and median
// time and their deltas. Rows whose kernels do not compute the same nodes are marked, with
// the scheduling decisions that made the runs differ.
#pragma once
#include <QAbstractTableModel>
#include <QStringList>
#include <memory>
#include <optional>

#include "engine/inspect/fusion_compare.h"

namespace rw::viewer {

enum class PairFusion {
  Same,       // both kernels compute the same tensor nodes
  Regrouped,  // both write the same node, but some of their nodes are computed elsewhere on one side
  OnlyA,      // run B computes this kernel's nodes in other kernels
  OnlyB,
};
QString pair_fusion_text(PairFusion f);  // "same", "regrouped", "only in A", "only in B"

class KernelAlignmentModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { KernelA, MinA, MedianA, KernelB, MinB, MedianB, MinDelta, MedianDelta, Fusion, Why, ColumnCount };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numbers as numbers
    DiffersRole,                  // bool: the row's kernels differ between the runs
  };

  explicit KernelAlignmentModel(QObject* parent = nullptr);
  void setComparison(std::shared_ptr<const FusionComparison> c);
  const FusionComparison* comparison() const { return c_.get(); }

  PairFusion fusion(int row) const;
  // One line per decision about the row's nodes that one run realized and the other fused:
  // "B REDUCE_AXIS %11: realize policy_conservative_expand".
  QStringList reasons(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  const KernelSplit* split(bool side_a, std::optional<size_t> kernel) const;
  QString tooltip(int row) const;
  std::shared_ptr<const FusionComparison> c_;
};

}  // namespace rw::viewer
