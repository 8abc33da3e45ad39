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
    : columns_(columns), rows_per_statement_(rows_per_statement), many_(db, insert_sql(into, columns, rows_per_statement)) {
  // The rows left at a flush go out in statements of 1/4 the size, then 1/16..., then one.
  for (int rows = rows_per_statement / 4; rows > 1; rows /= 4) smaller_.emplace_back(rows, Stmt(db, insert_sql(into, columns, rows)));
  smaller_.emplace_back(1, Stmt(db, insert_sql(into, columns, 1)));
  values_.resize(size_t(columns) * size_t(rows_per_statement + 1));
}

void BatchedInsert::bind_rows(Stmt& st, size_t first_value, size_t rows) {
  const size_t n = rows * size_t(columns_);
  for (size_t i = 0; i < n; ++i) {
    const Value& v = values_[first_value + i];
    const int param = int(i) + 1;
    switch (v.kind) {
      case Kind::Null: st.bind_null(param); break;
      case Kind::Int: st.bind(param, v.i); break;
      case Kind::Real: st.bind(param, v.real); break;
      case Kind::Text: st.bind_static(param, std::string_view(text_.data() + v.i, v.size)); break;  // text_ is unchanged until run()
    }
  }
  st.run_keep_bindings();  // every parameter is bound again before the next run
}

void BatchedInsert::end_row() {
  if (used_ == size_t(columns_) * size_t(rows_per_statement_)) {
    bind_rows(many_, 0, size_t(rows_per_statement_));
    used_ = 0;
    text_.clear();
  }
}

void BatchedInsert::flush() {
  size_t rows = used_ / size_t(columns_);
  size_t row = 0;
  for (auto& [size, st] : smaller_)
    for (; rows - row >= size_t(size); row += size_t(size)) bind_rows(st, row * size_t(columns_), size_t(size));
  used_ = 0;
  text_.clear();
}

}  // namespace rw
