#include "viewers/rules_model.h"

#include <algorithm>

namespace rw::viewer {

QString ruleLocation(const RuleRow& r) {
  if (r.file.empty()) return {};
  return QString::fromStdString(r.file) + QLatin1Char(':') + QString::number(r.line);
}

RulesModel::RulesModel(QObject* parent) : QAbstractTableModel(parent) {}

void RulesModel::setRules(std::vector<RuleRow> rules) {
  beginResetModel();
  rules_ = std::move(rules);
  endResetModel();
}

const RuleRow* RulesModel::rule(int row) const {
  return row >= 0 && row < int(rules_.size()) ? &rules_[size_t(row)] : nullptr;
}

int RulesModel::rowOfRule(int64_t rule_id) const {
  for (size_t i = 0; i < rules_.size(); ++i)
    if (rules_[i].id == rule_id) return int(i);
  return -1;
}

int RulesModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rules_.size()); }
int RulesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RulesModel::data(const QModelIndex& index, int role) const {
  const RuleRow* r = index.isValid() ? rule(index.row()) : nullptr;
  if (!r) return {};
  if (role == RuleIdRole) return qint64(r->id);
  if (role == Qt::TextAlignmentRole && index.column() == FiresColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole && !r->source.empty()) return QString::fromStdString(r->source);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case TextColumn: return QString::fromStdString(r->text);
    case FiresColumn: return qint64(r->fire_count);
    case LocationColumn: return ruleLocation(*r);
    case PatternColumn: return QString::fromStdString(r->pattern);
    case FamilyColumn: return QString::fromStdString(r->family);
    default: return {};
  }
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Rule", "Fires", "Defined at", "Pattern", "Family"};
  return section >= 0 && section < ColumnCount ? QString::fromLatin1(names[section]) : QVariant();
}

void RulesModel::sort(int column, Qt::SortOrder order) {
  if (column < 0 || column >= ColumnCount) return;
  emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  QModelIndexList before = persistentIndexList();
  std::vector<int64_t> ids_before;
  for (const QModelIndex& i : before) ids_before.push_back(rules_[size_t(i.row())].id);
  auto less = [column](const RuleRow& a, const RuleRow& b) {
    switch (column) {
      case FiresColumn: return a.fire_count < b.fire_count;
      case LocationColumn: return std::tie(a.file, a.line) < std::tie(b.file, b.line);
      case PatternColumn: return a.pattern < b.pattern;
      case FamilyColumn: return a.family < b.family;
      default: return a.text < b.text;
    }
  };
  if (order == Qt::AscendingOrder) std::stable_sort(rules_.begin(), rules_.end(), less);
  else std::stable_sort(rules_.begin(), rules_.end(), [&](const RuleRow& a, const RuleRow& b) { return less(b, a); });
  QModelIndexList after;
  for (size_t k = 0; k < ids_before.size(); ++k) after.push_back(index(rowOfRule(ids_before[k]), before[int(k)].column()));
  changePersistentIndexList(before, after);
  emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace rw::viewer
