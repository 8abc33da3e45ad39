#include "engine/trace/sqlite_db.h"

#include <cmath>

namespace rw {

namespace {
// SQLite's allocation statistics take a global mutex on every allocation; traces never read
// them. Must run before SQLite initializes, so the first connection does it (later calls
// would be refused, harmlessly).
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}
}  // namespace

Db::Db(const std::string& path, int flags) : path_(path) {
  configure_sqlite_once();
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    std::string hint = (flags & SQLITE_OPEN_CREATE) ? ". Check that the folder exists and is writable" : ". Check the path and the file's permissions";
    throw TraceError("cannot open trace " + path + ": " + msg + hint);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() { close(); }

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    close();
    db_ = o.db_;
    path_ = std::move(o.path_);
    o.db_ = nullptr;
  }
  return *this;
}

void Db::close() {
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void Db::fail(std::string_view what, int rc) const {
  std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  std::string hint;
  int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    hint = ". The file is damaged (truncated or overwritten): restore a good copy or record the run again";
  else if (primary == SQLITE_FULL || primary == SQLITE_IOERR)
    hint = ". Check free disk space and that the file's folder is writable";
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    hint = ". Another process holds the file locked; try again when it is done";
  throw TraceError(std::string(what) + " in " + path_ + ": " + msg + hint);
}

void Db::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw TraceError("SQL failed in " + path_ + ": " + msg + " (statement: " + s.substr(0, 120) + ")");
  }
}

bool Db::table_exists(std::string_view name) {
  Stmt st(*this, "SELECT 1 FROM sqlite_schema WHERE type IN ('table','view') AND name = ?");
  st.bind(1, name);
  return st.step();
}

Stmt::Stmt(Db& db, std::string_view sql) : db_(&db) {
  int rc = sqlite3_prepare_v3(db.handle(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &st_, nullptr);
  if (rc != SQLITE_OK) db.fail("preparing \"" + std::string(sql.substr(0, 80)) + "\"", rc);
}

Stmt::~Stmt() { sqlite3_finalize(st_); }

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(st_);
    db_ = o.db_;
    st_ = o.st_;
    o.st_ = nullptr;
  }
  return *this;
}

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  // SQLite stores a NaN as NULL, which a NOT NULL column refuses (a kernel that computes NaN
  // must not cost the trace its batch): NaN is stored as the text 'NaN' and read back by f64.
  if (std::isnan(v)) {
    sqlite3_bind_text(st_, i, "NaN", 3, SQLITE_STATIC);
    return *this;
  }
  sqlite3_bind_double(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view text) {
  sqlite3_bind_text(st_, i, text.data(), int(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_static(int i, std::string_view text) {
  sqlite3_bind_text(st_, i, text.data(), int(text.size()), SQLITE_STATIC);
  return *this;
}
Stmt& Stmt::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(st_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(st_, i);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(st_);
  db_->fail("running \"" + std::string(sqlite3_sql(st_)).substr(0, 80) + "\"", rc);
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::run_keep_bindings() {
  while (step()) {
  }
  sqlite3_reset(st_);
}

void Stmt::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(st_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(st_, col))) : std::string();
}

std::string Stmt::blob(int col) const {
  const void* p = sqlite3_column_blob(st_, col);
  return p ? std::string(static_cast<const char*>(p), size_t(sqlite3_column_bytes(st_, col))) : std::string();
}

}  // namespace rw
