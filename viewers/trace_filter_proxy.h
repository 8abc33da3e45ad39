// Filters the trace tree by text: a row stays when it, an ancestor or a descendant matches,
// so filtering on a pass name keeps the pass with all its steps, and filtering on a rule's
// text keeps the steps that fired it with the passes around them. Steps not read yet are
// not searched (they are read in pages as the tree is expanded).
#pragma once
#include <QSortFilterProxyModel>

namespace rw::viewer {

class TraceFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  explicit TraceFilterProxy(QObject* parent = nullptr);

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;
};

}  // namespace rw::viewer
