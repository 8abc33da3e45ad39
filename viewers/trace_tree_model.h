// The trace tree: runs -> passes (nested as traced) -> steps. Runs and passes are read when
// the model is built (a trace has few); a pass's steps are read in pages through
// canFetchMore/fetchMore, so a pass with a million steps opens as fast as an empty one.
// Under a pass, its child passes come first, then its own steps in order.
#pragma once
#include <QAbstractItemModel>
#include <memory>
#include <vector>

#include "engine/trace/trace_reader.h"

namespace rw::viewer {

class TraceTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum class Kind { Run, Pass, Step };
  enum Role { KindRole = Qt::UserRole + 1, RunIdRole, PassIdRole, StepRole, StepCountRole, RuleTextRole };
  enum Column { NameColumn, StepsColumn, ColumnCount };

  // The reader is shared with the other models of the window (all used on the UI thread).
  explicit TraceTreeModel(std::shared_ptr<TraceReader> reader, int page_size = 1000, QObject* parent = nullptr);
  ~TraceTreeModel() override;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  bool hasChildren(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

  QModelIndex passIndex(int64_t pass_id) const;
  // The row of step `step` (1-based) of a pass, fetching pages up to it; step 0 (the pass
  // input) is the pass row itself.
  QModelIndex stepIndex(int64_t pass_id, int64_t step);
  // Passes in the order a person steps through them (depth first, begin order).
  std::vector<int64_t> passOrder() const;
  const PassRow* passRow(int64_t pass_id) const;
  // Rows of steps read so far for a pass (for tests and the status bar).
  int64_t loadedSteps(int64_t pass_id) const;

 private:
  struct Node;
  Node* nodeOf(const QModelIndex& index) const;  // nullptr for steps and the root
  Node* parentOf(const QModelIndex& index) const { return static_cast<Node*>(index.internalPointer()); }
  bool isStep(const QModelIndex& index) const;
  void build();
  void fetchPage(Node* pass, const QModelIndex& passIndex);

  std::shared_ptr<TraceReader> reader_;
  int page_size_;
  std::unique_ptr<Node> root_;
  bool inserting_ = false;
};

}  // namespace rw::viewer
