// Inserts rows many at a time (INSERT ... VALUES (...), (...), ...): SQLite's fixed cost per
// statement execution is paid once per `rows_per_statement` rows, which roughly halves the
// cost of the small, numerous rows a trace is made of (nodes, steps).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/trace/sqlite_db.h"

namespace rw {

class BatchedInsert {
 public:
  // `into`: "table(col1, col2, ...)" with `columns` columns.
  BatchedInsert(Db& db, std::string into, int columns, int rows_per_statement = 256);  // 256 * columns stays under SQLite's parameter limit

  BatchedInsert& add(int64_t v) { values_.emplace_back(v); return *this; }
  BatchedInsert& add(double v) { values_.emplace_back(v); return *this; }
  BatchedInsert& add(std::string_view v) { values_.emplace_back(std::string(v)); return *this; }
  BatchedInsert& add(std::string&& v) { values_.emplace_back(std::move(v)); return *this; }
  BatchedInsert& add_null() { values_.emplace_back(std::monostate{}); return *this; }
  BatchedInsert& add(std::optional<int64_t> v) { return v ? add(*v) : add_null(); }
  // Completes a row; writes a full statement's worth of rows.
  void end_row();
  // Writes every pending row (call before COMMIT).
  void flush();

 private:
  using Value = std::variant<std::monostate, int64_t, double, std::string>;
  void bind_rows(Stmt& st, size_t first_value, size_t rows);

  int columns_;
  int rows_per_statement_;
  Stmt many_, one_;
  std::vector<Value> values_;
};

}  // namespace rw
