#include "viewers/trace_tree_model.h"

#include <functional>
#include <unordered_map>

namespace rw::viewer {

struct TraceTreeModel::Node {
  Kind kind = Kind::Run;
  Node* parent = nullptr;
  int row = 0;
  RunRow run;
  PassRow pass;
  std::vector<std::unique_ptr<Node>> children;
  std::vector<StepRow> steps;  // the pages read so far
  int64_t childCount() const { return int64_t(children.size()) + int64_t(steps.size()); }
};

TraceTreeModel::TraceTreeModel(std::shared_ptr<TraceReader> reader, int page_size, QObject* parent)
    : QAbstractItemModel(parent), reader_(std::move(reader)), page_size_(page_size), root_(std::make_unique<Node>()) {
  build();
}

TraceTreeModel::~TraceTreeModel() = default;

void TraceTreeModel::build() {
  for (RunRow& run : reader_->runs()) {
    auto r = std::make_unique<Node>();
    r->kind = Kind::Run;
    r->parent = root_.get();
    r->row = int(root_->children.size());
    std::unordered_map<int64_t, Node*> by_id;
    std::vector<PassRow> passes = reader_->passes(run.id);
    r->run = std::move(run);
    for (PassRow& p : passes) {
      auto n = std::make_unique<Node>();
      n->kind = Kind::Pass;
      Node* parent = r.get();
      if (p.parent_id)
        if (auto it = by_id.find(*p.parent_id); it != by_id.end()) parent = it->second;
      n->parent = parent;
      n->row = int(parent->children.size());
      n->pass = std::move(p);
      by_id[n->pass.id] = n.get();
      parent->children.push_back(std::move(n));
    }
    root_->children.push_back(std::move(r));
  }
}

bool TraceTreeModel::isStep(const QModelIndex& index) const {
  Node* p = parentOf(index);
  return p && index.row() >= int(p->children.size());
}

TraceTreeModel::Node* TraceTreeModel::nodeOf(const QModelIndex& index) const {
  if (!index.isValid()) return root_.get();
  Node* p = parentOf(index);
  if (index.row() < int(p->children.size())) return p->children[size_t(index.row())].get();
  return nullptr;
}

QModelIndex TraceTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) return {};
  Node* p = nodeOf(parent);
  if (!p) return {};
  return createIndex(row, column, p);
}

QModelIndex TraceTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid()) return {};
  Node* p = parentOf(child);
  if (p == root_.get()) return {};
  return createIndex(p->row, 0, p->parent);
}

int TraceTreeModel::rowCount(const QModelIndex& parent) const {
  if (parent.column() > 0) return 0;
  Node* n = nodeOf(parent);
  return n ? int(n->childCount()) : 0;
}

int TraceTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

bool TraceTreeModel::hasChildren(const QModelIndex& parent) const {
  if (parent.column() > 0) return false;
  Node* n = nodeOf(parent);
  if (!n) return false;
  return !n->children.empty() || (n->kind == Kind::Pass && n->pass.step_count > 0);
}

bool TraceTreeModel::canFetchMore(const QModelIndex& parent) const {
  if (parent.column() > 0) return false;
  Node* n = nodeOf(parent);
  // Views (and the model tester) may ask again from inside the insertion signals.
  if (inserting_) return false;
  return n && n->kind == Kind::Pass && int64_t(n->steps.size()) < n->pass.step_count;
}

void TraceTreeModel::fetchMore(const QModelIndex& parent) {
  if (!canFetchMore(parent)) return;
  fetchPage(nodeOf(parent), parent);
}

void TraceTreeModel::fetchPage(Node* pass, const QModelIndex& passIndex) {
  std::vector<StepRow> page = reader_->steps(pass->pass.id, int64_t(pass->steps.size()), page_size_);
  if (page.empty()) {
    // The pass claims more steps than the file holds (a run still writing): stop asking.
    pass->pass.step_count = int64_t(pass->steps.size());
    return;
  }
  int first = int(pass->childCount());
  inserting_ = true;
  beginInsertRows(passIndex, first, first + int(page.size()) - 1);
  for (StepRow& s : page) pass->steps.push_back(std::move(s));
  endInsertRows();
  inserting_ = false;
}

QVariant TraceTreeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  Node* n = nodeOf(index);
  if (!n) {
    Node* pass = parentOf(index);
    const StepRow& s = pass->steps[size_t(index.row()) - pass->children.size()];
    switch (role) {
      case Qt::DisplayRole:
        if (index.column() == NameColumn) return QStringLiteral("#%1  %2").arg(s.step).arg(QString::fromStdString(s.rule_text));
        return {};
      case Qt::ToolTipRole: return QStringLiteral("step %1 of %2: node %3 -> %4").arg(s.step).arg(pass->pass.step_count).arg(s.matched).arg(s.replacement);
      case KindRole: return int(Kind::Step);
      case RunIdRole: return qint64(pass->pass.run_id);
      case PassIdRole: return qint64(s.pass_id);
      case StepRole: return qint64(s.step);
      case RuleTextRole: return QString::fromStdString(s.rule_text);
      default: return {};
    }
  }
  if (n->kind == Kind::Run) {
    switch (role) {
      case Qt::DisplayRole:
        if (index.column() == NameColumn) {
          QString label = QStringLiteral("run %1: %2").arg(n->run.id).arg(QString::fromStdString(n->run.command));
          if (!n->run.program_path.empty()) label += QLatin1Char(' ') + QString::fromStdString(n->run.program_path);
          if (n->run.ok && !*n->run.ok) label += QStringLiteral(" (failed)");
          return label;
        }
        return {};
      case KindRole: return int(Kind::Run);
      case RunIdRole: return qint64(n->run.id);
      default: return {};
    }
  }
  switch (role) {
    case Qt::DisplayRole:
      if (index.column() == NameColumn) {
        QString label = QString::fromStdString(n->pass.name);
        if (n->pass.ok && !*n->pass.ok) label += QStringLiteral(" (failed)");
        return label;
      }
      return n->pass.step_count ? QVariant(qint64(n->pass.step_count)) : QVariant();
    case Qt::ToolTipRole: {
      QString tip = QStringLiteral("%1 pass, %2 steps").arg(QString::fromStdString(n->pass.kind)).arg(n->pass.step_count);
      if (!n->pass.error.empty()) tip += QLatin1Char('\n') + QString::fromStdString(n->pass.error);
      return tip;
    }
    case KindRole: return int(Kind::Pass);
    case RunIdRole: return qint64(n->pass.run_id);
    case PassIdRole: return qint64(n->pass.id);
    case StepRole: return qint64(0);
    case StepCountRole: return qint64(n->pass.step_count);
    default: return {};
  }
}

QVariant TraceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  return section == NameColumn ? QStringLiteral("Trace") : QStringLiteral("Steps");
}

QModelIndex TraceTreeModel::passIndex(int64_t pass_id) const {
  std::function<QModelIndex(Node*)> find = [&](Node* parent) -> QModelIndex {
    for (auto& c : parent->children) {
      if (c->kind == Kind::Pass && c->pass.id == pass_id) return createIndex(c->row, 0, parent);
      if (QModelIndex found = find(c.get()); found.isValid()) return found;
    }
    return {};
  };
  return find(root_.get());
}

QModelIndex TraceTreeModel::stepIndex(int64_t pass_id, int64_t step) {
  QModelIndex pass = passIndex(pass_id);
  if (!pass.isValid() || step <= 0) return pass;
  Node* n = nodeOf(pass);
  while (int64_t(n->steps.size()) < step && canFetchMore(pass)) fetchPage(n, pass);
  if (step > int64_t(n->steps.size())) return {};
  return index(int(n->children.size()) + int(step - 1), 0, pass);
}

std::vector<int64_t> TraceTreeModel::passOrder() const {
  std::vector<int64_t> order;
  std::function<void(Node*)> walk = [&](Node* n) {
    for (auto& c : n->children) {
      if (c->kind == Kind::Pass) order.push_back(c->pass.id);
      walk(c.get());
    }
  };
  walk(root_.get());
  return order;
}

const PassRow* TraceTreeModel::passRow(int64_t pass_id) const {
  QModelIndex i = passIndex(pass_id);
  return i.isValid() ? &nodeOf(i)->pass : nullptr;
}

int64_t TraceTreeModel::loadedSteps(int64_t pass_id) const {
  QModelIndex i = passIndex(pass_id);
  return i.isValid() ? int64_t(nodeOf(i)->steps.size()) : 0;
}

}  // namespace rw::viewer
