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

void RulesModel::setStats(const std::vector<RuleStatRow>& stats) {
  stats_.clear();
  for (const RuleStatRow& s : stats) stats_[s.rule_id] = s;
  if (!rules_.empty()) emit dataChanged(index(0, TriesColumn), index(int(rules_.size()) - 1, TimeColumn));
}

const RuleStatRow* RulesModel::stat(const RuleRow& r) const {
  auto it = stats_.find(r.id);
  return it == stats_.end() ? nullptr : &it->second;
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
  const bool numeric = index.column() >= FiresColumn && index.column() <= TimeColumn;
  if (role == Qt::TextAlignmentRole && numeric) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole && !r->source.empty()) return QString::fromStdString(r->source);
  if (role != Qt::DisplayRole) return {};
  const RuleStatRow* st = stat(*r);
  switch (index.column()) {
    case TextColumn: return QString::fromStdString(r->text);
    case FiresColumn: return qint64(r->fire_count);
    case TriesColumn: return st && st->tries ? QVariant(qint64(*st->tries)) : QVariant();
    case HitsColumn: return st ? QVariant(qint64(st->hits)) : QVariant();
    case HitRateColumn: return st && st->hit_rate() ? QVariant(QString::number(100.0 * *st->hit_rate(), 'f', 1) + QLatin1Char('%')) : QVariant();
    case TimeColumn: return st && st->ns ? QVariant(QString::number(double(*st->ns) / 1000.0, 'f', 1)) : QVariant();
    case LocationColumn: return ruleLocation(*r);
    case PatternColumn: return QString::fromStdString(r->pattern);
    case FamilyColumn: return QString::fromStdString(r->family);
    default: return {};
  }
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Rule", "Fires", "Tries", "Hits", "Hit rate", "Time µs", "Defined at", "Pattern", "Family"};
  static_assert(sizeof(names) / sizeof(names[0]) == ColumnCount);
  return section >= 0 && section < ColumnCount ? QString::fromUtf8(names[section]) : QVariant();
}

void RulesModel::sort(int column, Qt::SortOrder order) {
  if (column < 0 || column >= ColumnCount) return;
  emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  QModelIndexList before = persistentIndexList();
  std::vector<int64_t> ids_before;
  for (const QModelIndex& i : before) ids_before.push_back(rules_[size_t(i.row())].id);
  // Statistics sort as numbers; a rule not tried sorts below every tried one.
  auto number = [this](const RuleRow& r, int column) -> double {
    const RuleStatRow* st = stat(r);
    if (!st) return -1;
    switch (column) {
      case TriesColumn: return st->tries ? double(*st->tries) : -1;
      case HitsColumn: return double(st->hits);
      case HitRateColumn: return st->hit_rate().value_or(-1);
      default: return st->ns ? double(*st->ns) : -1;
    }
  };
  auto less = [column, &number](const RuleRow& a, const RuleRow& b) {
    switch (column) {
      case FiresColumn: return a.fire_count < b.fire_count;
      case TriesColumn: case HitsColumn: case HitRateColumn: case TimeColumn: return number(a, column) < number(b, column);
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
