// The nodes a query found (engine/inspect/node_search.h) as a table: id, op, dtype, argument
// and why a rule filter chose it. NodeIdRole gives a row's node id.
#pragma once
#include <QAbstractTableModel>

#include "engine/inspect/node_search.h"

namespace rw::viewer {

class NodeSearchModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { IdColumn, OpColumn, DtypeColumn, ArgColumn, NotesColumn, ColumnCount };
  enum Role { NodeIdRole = Qt::UserRole + 1 };

  explicit NodeSearchModel(QObject* parent = nullptr);
  void setResult(NodeSearch result);
  const NodeSearch& result() const { return result_; }
  const NodeRow* node(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  NodeSearch result_;
};

}  // namespace rw::viewer
