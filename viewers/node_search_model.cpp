#include "viewers/node_search_model.h"

#include <QStringList>

#include "viewers/node_label.h"

namespace rw::viewer {

NodeSearchModel::NodeSearchModel(QObject* parent) : QAbstractTableModel(parent) {}

void NodeSearchModel::setResult(NodeSearch result) {
  beginResetModel();
  result_ = std::move(result);
  endResetModel();
}

const NodeRow* NodeSearchModel::node(int row) const {
  return row >= 0 && size_t(row) < result_.nodes.size() ? &result_.nodes[size_t(row)].node : nullptr;
}

int NodeSearchModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(result_.nodes.size()); }
int NodeSearchModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant NodeSearchModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.model() != this) return {};
  const NodeRow* n = node(index.row());
  if (!n) return {};
  if (role == NodeIdRole) return QVariant::fromValue<qint64>(n->id);
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  switch (Column(index.column())) {
    case IdColumn: return node_id_text(n->id);
    case OpColumn: return QString::fromStdString(n->op);
    case DtypeColumn: return QString::fromStdString(n->dtype);
    case ArgColumn: return QString::fromStdString(n->arg);
    case NotesColumn: {
      QStringList notes;
      for (const std::string& s : result_.nodes[size_t(index.row())].notes) notes << QString::fromStdString(s);
      return notes.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral("; "));
    }
    case ColumnCount: break;
  }
  return {};
}

QVariant NodeSearchModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (Column(section)) {
    case IdColumn: return tr("Node");
    case OpColumn: return tr("Op");
    case DtypeColumn: return tr("Dtype");
    case ArgColumn: return tr("Arg");
    case NotesColumn: return tr("Why");
    case ColumnCount: break;
  }
  return {};
}

}  // namespace rw::viewer
