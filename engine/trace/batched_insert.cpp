#include "engine/trace/batched_insert.h"

namespace rw {

namespace {
std::string insert_sql(const std::string& into, int columns, int rows) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c ? ",?" : "?";
  row += ")";
  std::string sql = "INSERT INTO " + into + " VALUES ";
  for (int r = 0; r < rows; ++r) sql += (r ? "," : "") + row;
  return sql;
}
}  // namespace

BatchedInsert::BatchedInsert(Db& db, std::string into, int columns, int rows_per_statement)
    : columns_(columns),
      rows_per_statement_(rows_per_statement),
      many_(db, insert_sql(into, columns, rows_per_statement)),
      one_(db, insert_sql(into, columns, 1)) {
  values_.reserve(size_t(columns) * size_t(rows_per_statement));
}

void BatchedInsert::bind_rows(Stmt& st, size_t first_value, size_t rows) {
  for (size_t i = 0; i < rows * size_t(columns_); ++i) {
    int param = int(i) + 1;
    std::visit(
        [&](auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) st.bind_null(param);
          else if constexpr (std::is_same_v<T, std::string>) st.bind_static(param, v);  // values_ outlive run()
          else st.bind(param, v);
        },
        values_[first_value + i]);
  }
  st.run();
}

void BatchedInsert::end_row() {
  if (values_.size() == size_t(columns_) * size_t(rows_per_statement_)) {
    bind_rows(many_, 0, size_t(rows_per_statement_));
    values_.clear();
  }
}

void BatchedInsert::flush() {
  size_t rows = values_.size() / size_t(columns_);
  for (size_t r = 0; r < rows; ++r) bind_rows(one_, r * size_t(columns_), 1);
  values_.clear();
}

}  // namespace rw
