// The trace file's schema: creation of the current version, and the migration ladder that
// brings an older file up to it. Columns are documented in docs/trace-schema.md.
#pragma once
#include <string_view>
#include <vector>

#include "engine/trace/sqlite_db.h"

namespace rw {

// Bump kSchemaVersion for every change, add a step to the ladder in migrate_schema(), commit
// a fixture tests/fixtures/trace-v<N>.rwd, and document the change in docs/trace-schema.md.
constexpr int kSchemaVersion = 8;
// The oldest reader version that can read files this build writes. Raise it only when an
// older reader would misread a new file (not merely miss new columns).
constexpr int kCompatibleVersion = 8;  // v8: a v7 reader would find no nodes in a block that points to an earlier run's (see kV7ToV8)

// The tables every readable trace has (after migration).
const std::vector<std::string_view>& required_tables();

// Creates every table, view and index of the current version and fills `meta` (inside one
// transaction). `db` must be empty.
void create_schema(Db& db, std::string_view engine_version);
// The same schema made the long way, a v1 file brought up by the migration ladder: what the
// tests compare create_schema() with.
void create_schema_through_ladder(Db& db, std::string_view engine_version);

// Reads meta.schema_version / meta.compatible_version (0 when absent).
int read_schema_version(Db& db);
int read_compatible_version(Db& db);

// Brings a database written with schema `from` up to kSchemaVersion, one ladder step at a
// time, all inside one transaction; a failing step leaves the database unchanged.
void migrate_schema(Db& db, int from);

}  // namespace rw
