// Thin RAII over the SQLite C API: a connection and prepared statements. Every failure becomes
// a TraceError naming the file and the statement, so callers never check return codes.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <limits>
#include <string>
#include <string_view>

#include "engine/trace/trace_error.h"

namespace rw {

class Db {
 public:
  Db() = default;
  // flags: SQLITE_OPEN_* (READONLY, or READWRITE|CREATE).
  Db(const std::string& path, int flags);
  ~Db();
  Db(Db&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  explicit operator bool() const { return db_ != nullptr; }

  void exec(std::string_view sql);  // one or more statements, no results
  int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  bool table_exists(std::string_view name);
  // Throws TraceError "<what> in <file>: <sqlite message>".
  [[noreturn]] void fail(std::string_view what, int rc) const;
  void close();

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Stmt {
 public:
  Stmt() = default;
  Stmt(Db& db, std::string_view sql);
  ~Stmt();
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binding is 1-based like SQLite. Text and blobs are copied only if `transient`.
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, int v) { return bind(i, int64_t(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view text);
  Stmt& bind_blob(int i, std::string_view bytes);
  // Text that stays valid and unchanged until the statement is reset (no copy).
  Stmt& bind_static(int i, std::string_view text);
  Stmt& bind_null(int i);
  template <class T> Stmt& bind(int i, const std::optional<T>& v) { return v ? bind(i, *v) : bind_null(i); }

  bool step();        // true while a row is available
  void run();         // step to completion, then reset
  // Step to completion and reset, leaving the bindings in place: for a caller that binds every
  // parameter before each run (clearing thousands of them would cost as much as binding).
  void run_keep_bindings();
  void reset();

  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  int64_t i64(int col) const { return sqlite3_column_int64(st_, col); }
  double f64(int col) const {
    if (sqlite3_column_type(st_, col) == SQLITE_TEXT) return std::numeric_limits<double>::quiet_NaN();  // bind(double) stores NaN as 'NaN'
    return sqlite3_column_double(st_, col);
  }
  std::string text(int col) const;
  std::string blob(int col) const;
  std::optional<int64_t> opt_i64(int col) const { return is_null(col) ? std::nullopt : std::optional<int64_t>(i64(col)); }

 private:
  Db* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace rw
