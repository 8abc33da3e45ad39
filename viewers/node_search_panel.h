// The results of a node query from the search box: a summary line (or what is wrong with the
// query) above the table of nodes. Clicking a node asks the window to show it where it exists.
#pragma once
#include <QWidget>

#include "viewers/node_search_model.h"

class QLabel;
class QTableView;

namespace rw::viewer {

class NodeSearchPanel : public QWidget {
  Q_OBJECT
 public:
  explicit NodeSearchPanel(QWidget* parent = nullptr);
  void showResult(const QString& query, NodeSearch result);
  void showError(const QString& message);
  NodeSearchModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  QString summary() const;

 signals:
  void nodeChosen(qint64 node_id);

 private:
  QLabel* summary_;
  QTableView* table_;
  NodeSearchModel* model_;
};

}  // namespace rw::viewer
