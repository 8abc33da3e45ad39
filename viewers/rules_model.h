// The rules of a run as a sortable table: text, fire count, the rule statistics of the run
// or of one pass (tries, hits, hit rate, time), file:line, pattern, family. Sorting is the
// model's own (stable, so equal values keep the reader's order).
#pragma once
#include <QAbstractTableModel>
#include <unordered_map>
#include <vector>

#include "engine/trace/trace_records.h"

namespace rw::viewer {

class RulesModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    TextColumn, FiresColumn, TriesColumn, HitsColumn, HitRateColumn, TimeColumn, LocationColumn, PatternColumn, FamilyColumn, ColumnCount
  };
  enum Role { RuleIdRole = Qt::UserRole + 1 };

  explicit RulesModel(QObject* parent = nullptr);
  void setRules(std::vector<RuleRow> rules);
  // The statistics the Tries..Time columns show (the run's, or one pass's); rules without a
  // row were not tried there and show blanks.
  void setStats(const std::vector<RuleStatRow>& stats);
  const RuleRow* rule(int row) const;
  int rowOfRule(int64_t rule_id) const;  // -1 when unknown

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

 private:
  const RuleStatRow* stat(const RuleRow& r) const;
  std::vector<RuleRow> rules_;
  std::unordered_map<int64_t, RuleStatRow> stats_;  // by rule id
};

QString ruleLocation(const RuleRow& r);  // "engine/rewrite/symbolic.cpp:41"

}  // namespace rw::viewer
