// Inserts rows many at a time (INSERT ... VALUES (...), (...), ...): SQLite's fixed cost per
// statement execution is paid once per `rows_per_statement` rows, which roughly halves the
// cost of the small, numerous rows a trace is made of (nodes, steps).
//
// Pending values are kept as plain tagged scalars, and text in one reused buffer bound without
// a copy, so adding a row allocates nothing once the buffers have grown.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/trace/sqlite_db.h"

namespace rw {

class BatchedInsert {
 public:
  // `into`: "table(col1, col2, ...)" with `columns` columns.
  BatchedInsert(Db& db, std::string into, int columns, int rows_per_statement = 256);  // 256 * columns stays under SQLite's parameter limit

  BatchedInsert& add(int64_t v) { return put(Kind::Int, 0).i = v, *this; }
  BatchedInsert& add(double v) { return put(Kind::Real, 0).real = v, *this; }
  BatchedInsert& add(std::string_view v) {
    begin_text();
    text_.append(v);
    return end_text();
  }
  BatchedInsert& add_null() { return put(Kind::Null, 0), *this; }
  BatchedInsert& add(std::optional<int64_t> v) { return v ? add(*v) : add_null(); }
  // A text value written in place: begin_text(), append to text(), end_text().
  void begin_text() { text_begin_ = text_.size(); }
  std::string& text() { return text_; }
  BatchedInsert& end_text() { return put(Kind::Text, uint32_t(text_.size() - text_begin_)).i = int64_t(text_begin_), *this; }
  // Completes a row; writes a full statement's worth of rows.
  void end_row();
  // Writes every pending row (call before COMMIT).
  void flush();

 private:
  enum class Kind : uint8_t { Null, Int, Real, Text };
  struct Value {
    union {
      int64_t i;  // the integer, or the text's offset in text_
      double real;
    };
    uint32_t size;  // text length
    Kind kind;
  };
  // The next value slot: the storage holds one full statement, which end_row() runs.
  Value& put(Kind kind, uint32_t size) {
    Value& v = values_[used_++];
    v.kind = kind;
    v.size = size;
    return v;
  }
  void bind_rows(Stmt& st, size_t first_value, size_t rows);

  int columns_;
  int rows_per_statement_;
  Stmt many_;
  std::vector<std::pair<int, Stmt>> smaller_;  // statements for fewer rows, largest first (flush)
  std::vector<Value> values_;  // columns * rows_per_statement slots (+ one row of slack)
  size_t used_ = 0;
  std::string text_;
  size_t text_begin_ = 0;
};

}  // namespace rw
