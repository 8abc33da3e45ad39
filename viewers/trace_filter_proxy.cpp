#include "viewers/trace_filter_proxy.h"

namespace rw::viewer {

TraceFilterProxy::TraceFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  setRecursiveFilteringEnabled(true);  // a matching step keeps its passes and run visible
  setFilterCaseSensitivity(Qt::CaseInsensitive);
  setFilterKeyColumn(0);
}

bool TraceFilterProxy::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  if (QSortFilterProxyModel::filterAcceptsRow(source_row, source_parent)) return true;
  // A matching pass or run keeps everything under it.
  for (QModelIndex p = source_parent; p.isValid(); p = p.parent())
    if (QSortFilterProxyModel::filterAcceptsRow(p.row(), p.parent())) return true;
  return false;
}

}  // namespace rw::viewer
