// A fresh trace gets the current schema from one script (create_schema); an old file gets it
// from the migration ladder. Both must give the same tables, columns, indexes and views, or a
// migrated file would read differently from a new one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/trace/schema.h"
#include "engine/trace/sqlite_db.h"

namespace rw {
namespace {

Db memory_db() { return Db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY); }

// Every schema object with its columns (name, declared type, NOT NULL, default, key position)
// or, for an index, its indexed columns; one line each, sorted.
std::vector<std::string> describe(Db& db) {
  std::vector<std::string> out;
  Stmt objects(db, "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
  while (objects.step()) {
    const std::string type = objects.text(0), name = objects.text(1);
    std::string line = type + " " + name + " on " + objects.text(2) + ":";
    if (type == "index") {
      Stmt cols(db, "SELECT name FROM pragma_index_info(?) ORDER BY seqno");
      cols.bind(1, name);
      while (cols.step()) line += " " + cols.text(0);
    } else {
      Stmt cols(db, "SELECT name, type, \"notnull\", coalesce(dflt_value, ''), pk FROM pragma_table_info(?) ORDER BY cid");
      cols.bind(1, name);
      while (cols.step())
        line += " " + cols.text(0) + "/" + cols.text(1) + "/" + std::to_string(cols.i64(2)) + "/" + cols.text(3) + "/" + std::to_string(cols.i64(4));
    }
    out.push_back(line);
  }
  return out;
}

std::string meta_value(Db& db, const char* key) {
  Stmt st(db, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.text(0) : "";
}

TEST(SchemaLadder, DirectCreationAndTheLadderGiveTheSameSchema) {
  Db direct = memory_db(), ladder = memory_db();
  create_schema(direct, "test");
  create_schema_through_ladder(ladder, "test");
  const std::vector<std::string> a = describe(direct), b = describe(ladder);
  ASSERT_GE(a.size(), 20u);  // tables, indexes and views: a describe() that saw nothing would agree too
  EXPECT_EQ(a, b);
  for (const char* key : {"schema_version", "compatible_version", "engine_version"}) EXPECT_EQ(meta_value(direct, key), meta_value(ladder, key)) << key;
  EXPECT_EQ(meta_value(direct, "schema_version"), std::to_string(kSchemaVersion));
}

// describe() sees a difference the ladder could introduce: one column more.
TEST(SchemaLadder, DescribeNoticesAnExtraColumn) {
  Db direct = memory_db(), changed = memory_db();
  create_schema(direct, "test");
  create_schema(changed, "test");
  changed.exec("ALTER TABLE runs ADD COLUMN extra TEXT");
  EXPECT_NE(describe(direct), describe(changed));
}

}  // namespace
}  // namespace rw
