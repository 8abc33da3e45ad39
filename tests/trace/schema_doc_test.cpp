// Every example query in docs/trace-schema.md runs on the current fixture, and on the older
// fixtures read through the migration, and returns rows; every table and column of the
// schema is documented there.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/trace/schema.h"
#include "engine/trace/trace_reader.h"

namespace rw {
namespace {

std::string read_doc() {
  std::ifstream in(std::string(REWIND_SOURCE_DIR) + "/docs/trace-schema.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> sql_blocks(const std::string& doc) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = doc.find("```sql\n", pos)) != std::string::npos) {
    size_t end = doc.find("```", pos + 7);
    out.push_back(doc.substr(pos + 7, end - pos - 7));
    pos = end + 3;
  }
  return out;
}

TEST(SchemaDoc, EveryExampleQueryRunsOnTheFixtureAndReturnsRows) {
  auto queries = sql_blocks(read_doc());
  ASSERT_GE(queries.size(), 10u);
  for (const char* fixture : {"/trace-v1.rwd", "/trace-v2.rwd", "/trace-v3.rwd", "/trace-v4.rwd", "/trace-v5.rwd", "/trace-v6.rwd", "/trace-v7.rwd", "/trace-v8.rwd"}) {
    TraceReader r(std::string(REWIND_FIXTURE_DIR) + fixture);
    for (const std::string& q : queries) {
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(r.db().handle(), q.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(r.db().handle()) << "\n" << q;
      int rows = 0, rc;
      while ((rc = sqlite3_step(st)) == SQLITE_ROW) ++rows;
      EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(r.db().handle()) << "\n" << q;
      sqlite3_finalize(st);
      EXPECT_GT(rows, 0) << "no rows from\n" << q << "\non " << fixture;
    }
  }
}

TEST(SchemaDoc, EveryTableAndColumnIsDocumented) {
  std::string doc = read_doc();
  TraceReader r(std::string(REWIND_FIXTURE_DIR) + "/trace-v" + std::to_string(kSchemaVersion) + ".rwd");
  for (std::string_view table : required_tables()) {
    std::string heading = "### `" + std::string(table) + "`";
    size_t at = doc.find(heading);
    ASSERT_NE(at, std::string::npos) << "table " << table << " has no section";
    size_t end = doc.find("\n### ", at + 1);
    std::string section = doc.substr(at, end == std::string::npos ? std::string::npos : end - at);
    Stmt st(r.db(), "SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step()) {
      std::string col = st.text(0);
      // A column is documented in its table's section as "| col |" or in a "| a, b |" row.
      bool found = section.find("| " + col + " |") != std::string::npos || section.find("| " + col + ",") != std::string::npos ||
                   section.find(", " + col + " |") != std::string::npos || section.find(", " + col + ",") != std::string::npos;
      EXPECT_TRUE(found) << table << "." << col << " is not documented";
    }
  }
}

}  // namespace
}  // namespace rw
