#include "viewers/node_search_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace rw::viewer {

NodeSearchPanel::NodeSearchPanel(QWidget* parent) : QWidget(parent) {
  summary_ = new QLabel(tr("Type a query in the search box and press Return, e.g. op:ADD arg:3 rule:fold kernel:r_6_10"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  model_ = new NodeSearchModel(this);
  table_ = new QTableView;
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  connect(table_, &QTableView::clicked, this, [this](const QModelIndex& i) {
    if (const NodeRow* n = model_->node(i.row())) emit nodeChosen(n->id);
  });
  connect(table_, &QTableView::activated, this, [this](const QModelIndex& i) {
    if (const NodeRow* n = model_->node(i.row())) emit nodeChosen(n->id);
  });
}

void NodeSearchPanel::showResult(const QString& query, NodeSearch result) {
  QString s = tr("%n node(s) for %1", nullptr, int(result.total)).arg(query);
  if (result.nodes.size() < result.total) s += tr(" (the first %1 listed)").arg(result.nodes.size());
  if (result.total) s += tr(". Click one to go to the step that made it.");
  summary_->setText(s);
  model_->setResult(std::move(result));
  table_->resizeColumnsToContents();
}

void NodeSearchPanel::showError(const QString& message) {
  summary_->setText(message);
  model_->setResult({});
}

QString NodeSearchPanel::summary() const { return summary_->text(); }

}  // namespace rw::viewer
