// Opening a trace: every way a file can fail to be a readable trace becomes a TraceError that
// says what, which file, and what to try; older schemas are upgraded in memory.
#include <array>
#include <filesystem>
#include <fstream>

#include "engine/trace/schema.h"
#include "engine/trace/trace_reader.h"

namespace rw {

namespace {

namespace fs = std::filesystem;

uint32_t be(const unsigned char* p, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | p[i];
  return v;
}

// Checks what can be checked without SQLite: presence, size, the SQLite magic, and that the
// file is as long as its header says (a cut-short copy otherwise reads as silently missing rows).
void check_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw TraceError("trace file " + path + " does not exist. Check the path, or record a trace with `rewind run PROG.tg -o " + path + "`");
  if (fs::is_directory(path, ec)) throw TraceError("trace path " + path + " is a folder, not a .rwd file. Pass the trace file inside it");
  auto size = fs::file_size(path, ec);
  std::array<unsigned char, 100> h{};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceError("cannot read trace file " + path + ": permission denied or unreadable. Check the file's permissions");
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  if (size == 0) throw TraceError("trace file " + path + " is empty (0 bytes). The run that wrote it probably failed at once; record it again");
  static const char kMagic[] = "SQLite format 3";
  if (size < 100 || std::string_view(reinterpret_cast<char*>(h.data()), 15) != kMagic)
    throw TraceError("file " + path + " is not a Rewind trace: it is not an SQLite database. Pass a .rwd file written by `rewind run` or `rewind schedule`");
  uint32_t page_size = be(&h[16], 2);
  if (page_size == 1) page_size = 65536;
  uint32_t pages = be(&h[28], 4);
  bool pages_valid = pages != 0 && be(&h[24], 4) == be(&h[92], 4);
  bool has_wal = fs::exists(path + "-wal", ec) && fs::file_size(path + "-wal", ec) > 0;
  if (pages_valid && !has_wal && uint64_t(pages) * page_size > size)
    throw TraceError("trace file " + path + " is truncated: its header says " + std::to_string(uint64_t(pages) * page_size) +
                     " bytes but the file has " + std::to_string(size) + ". The copy was cut short; copy it again or record the run again");
}

}  // namespace

TraceReader::TraceReader(const std::string& path) : path_(path) {
  open_checked();
  read_meta();
}

TraceReader::~TraceReader() = default;

void TraceReader::open_checked() {
  check_file(path_);
  db_ = Db(path_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);  // a reader is used by one thread at a time
  sqlite3_busy_timeout(db_.handle(), 5000);
  int version = 0, compatible = 0;
  try {
    if (!db_.table_exists("meta"))
      throw TraceError("file " + path_ + " is an SQLite database but not a Rewind trace (it has no meta table). Pass a .rwd file written by `rewind run`");
    version = read_schema_version(db_);
    compatible = read_compatible_version(db_);
  } catch (const TraceError& e) {
    std::string what = e.what();
    if (what.find(path_) == std::string::npos) what = "cannot read trace " + path_ + ": " + what;
    throw TraceError(what);
  }
  written_version_ = version;
  written_compatible_ = compatible;
  if (version <= 0)
    throw TraceError("file " + path_ + " is an SQLite database but not a Rewind trace (meta has no schema_version). Pass a .rwd file written by `rewind run`");
  if (compatible > kSchemaVersion)
    throw TraceError("trace " + path_ + " was written by a newer Rewind (schema v" + std::to_string(version) +
                     ", readable from schema v" + std::to_string(compatible) + "); this build reads schema v" + std::to_string(kSchemaVersion) +
                     " and older. Update Rewind to open it");
  if (version < kSchemaVersion) {
    // Never touch the user's file: copy it into memory and upgrade the copy.
    Db mem(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY);
    sqlite3_backup* b = sqlite3_backup_init(mem.handle(), "main", db_.handle(), "main");
    if (!b) mem.fail("copying " + path_ + " into memory for migration", sqlite3_errcode(mem.handle()));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) db_.fail("copying the trace into memory for migration", rc);
    migrate_schema(mem, version);
    db_ = std::move(mem);
    migrated_ = true;
  }
  std::string missing;
  for (std::string_view t : required_tables())
    if (!db_.table_exists(t)) missing += (missing.empty() ? "" : ", ") + std::string(t);
  if (!missing.empty())
    throw TraceError("trace " + path_ + " is missing table(s) " + missing + "; it is damaged or was not written by Rewind. Record the run again");
}

void TraceReader::read_meta() {
  Stmt st(db_, "SELECT key, value FROM meta ORDER BY key");
  while (st.step()) {
    std::string k = st.text(0), v = st.text(1);
    if (k == "schema_version") meta_.schema_version = std::stoi("0" + v);
    if (k == "compatible_version") meta_.compatible_version = std::stoi("0" + v);
    if (k == "engine_version") meta_.engine_version = v;
    if (k == "created_at") meta_.created_at = v;
    meta_.entries.emplace_back(std::move(k), std::move(v));
  }
  meta_.schema_version = written_version_;
  meta_.compatible_version = written_compatible_;
}

bool TraceReader::changed() {
  Stmt st(db_, "PRAGMA data_version");
  st.step();
  int64_t v = st.i64(0);
  bool c = data_version_ >= 0 && v != data_version_;
  data_version_ = v;
  return c;
}

}  // namespace rw
