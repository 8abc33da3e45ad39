#include "engine/trace/schema.h"

#include <chrono>
#include <ctime>
#include <string>

namespace rw {

namespace {

// Schema version 1. Node ids (`uops.id`, and every column that names a node) are per run:
// they join with uops on (run_id, id).
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE strings(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY, command TEXT NOT NULL, program_path TEXT NOT NULL, program_text TEXT NOT NULL,
  options TEXT NOT NULL, engine_version TEXT NOT NULL, start_time_ns INTEGER NOT NULL,
  end_time_ns INTEGER, ok INTEGER);
CREATE TABLE buffers(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
  dtype TEXT NOT NULL, shape TEXT NOT NULL, size_bytes INTEGER NOT NULL, data BLOB,
  path TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE uops(
  run_id INTEGER NOT NULL, id INTEGER NOT NULL, op INTEGER NOT NULL, dtype INTEGER NOT NULL,
  arg TEXT NOT NULL, tag INTEGER NOT NULL, srcs TEXT NOT NULL, hash INTEGER NOT NULL,
  vmin INTEGER, vmax INTEGER, provenance TEXT,
  PRIMARY KEY(run_id, id)) WITHOUT ROWID;
CREATE TABLE rules(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, text INTEGER NOT NULL, pattern INTEGER NOT NULL,
  family INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL, source TEXT NOT NULL,
  fire_count INTEGER NOT NULL);
CREATE TABLE passes(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, parent_id INTEGER, seq INTEGER NOT NULL,
  name INTEGER NOT NULL, kind INTEGER NOT NULL, depth INTEGER NOT NULL, input_root INTEGER,
  output_root INTEGER, ok INTEGER, error TEXT, step_count INTEGER NOT NULL,
  begin_time_ns INTEGER NOT NULL, end_time_ns INTEGER);
CREATE INDEX passes_by_run ON passes(run_id, seq);
CREATE TABLE steps(
  pass_id INTEGER NOT NULL, step INTEGER NOT NULL, rule_id INTEGER NOT NULL,
  matched INTEGER NOT NULL, replacement INTEGER NOT NULL, bound TEXT NOT NULL,
  duration_ns INTEGER NOT NULL,
  PRIMARY KEY(pass_id, step)) WITHOUT ROWID;
CREATE TABLE checkpoints(
  pass_id INTEGER NOT NULL, step INTEGER NOT NULL, root INTEGER NOT NULL, node_count INTEGER NOT NULL,
  PRIMARY KEY(pass_id, step)) WITHOUT ROWID;
CREATE TABLE decisions(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, pass_id INTEGER, node INTEGER,
  decision INTEGER NOT NULL, reason INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE TABLE kernels(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, pass_id INTEGER, name INTEGER NOT NULL,
  ast_root INTEGER, linear TEXT NOT NULL, c_source TEXT NOT NULL, llvm_ir TEXT NOT NULL,
  compile_ms REAL NOT NULL, flops INTEGER NOT NULL, bytes INTEGER NOT NULL, computes TEXT NOT NULL);
CREATE INDEX kernels_by_run ON kernels(run_id, name);
CREATE TABLE timings(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, kernel INTEGER NOT NULL, iterations INTEGER NOT NULL,
  min_us REAL NOT NULL, median_us REAL NOT NULL);
CREATE TABLE checks(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, kernel INTEGER NOT NULL, buffer INTEGER NOT NULL,
  ok INTEGER NOT NULL, max_abs_err REAL NOT NULL, max_rel_err REAL NOT NULL, mismatches INTEGER NOT NULL,
  first_bad_index INTEGER NOT NULL, got REAL NOT NULL, want REAL NOT NULL, detail TEXT NOT NULL);
CREATE TABLE logs(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, pass_id INTEGER, level TEXT NOT NULL,
  text TEXT NOT NULL, time_ns INTEGER NOT NULL);

-- Views with interned strings resolved, for people writing queries by hand.
CREATE VIEW uops_v AS
  SELECT u.run_id, u.id, o.text AS op, d.text AS dtype, u.arg, u.tag, u.srcs, u.hash, u.vmin, u.vmax, u.provenance
  FROM uops u JOIN strings o ON o.id = u.op JOIN strings d ON d.id = u.dtype;
CREATE VIEW rules_v AS
  SELECT r.id, r.run_id, t.text AS text, p.text AS pattern, f.text AS family, fl.text AS file, r.line, r.source, r.fire_count
  FROM rules r JOIN strings t ON t.id = r.text JOIN strings p ON p.id = r.pattern
  JOIN strings f ON f.id = r.family JOIN strings fl ON fl.id = r.file;
CREATE VIEW passes_v AS
  SELECT p.id, p.run_id, p.parent_id, p.seq, n.text AS name, k.text AS kind, p.depth, p.input_root, p.output_root,
         p.ok, p.error, p.step_count, p.begin_time_ns, p.end_time_ns
  FROM passes p JOIN strings n ON n.id = p.name JOIN strings k ON k.id = p.kind;
CREATE VIEW steps_v AS
  SELECT s.pass_id, pn.text AS pass, s.step, s.rule_id, rt.text AS rule, s.matched, s.replacement, s.bound, s.duration_ns
  FROM steps s JOIN passes p ON p.id = s.pass_id JOIN strings pn ON pn.id = p.name
  JOIN rules r ON r.id = s.rule_id JOIN strings rt ON rt.id = r.text;
CREATE VIEW kernels_v AS
  SELECT k.id, k.run_id, k.pass_id, n.text AS name, k.ast_root, k.linear, k.c_source, k.llvm_ir, k.compile_ms,
         k.flops, k.bytes, k.computes
  FROM kernels k JOIN strings n ON n.id = k.name;
CREATE VIEW timings_v AS
  SELECT t.id, t.run_id, n.text AS kernel, t.iterations, t.min_us, t.median_us
  FROM timings t JOIN strings n ON n.id = t.kernel;
CREATE VIEW checks_v AS
  SELECT c.id, c.run_id, k.text AS kernel, b.text AS buffer, c.ok, c.max_abs_err, c.max_rel_err, c.mismatches,
         c.first_bad_index, c.got, c.want, c.detail
  FROM checks c JOIN strings k ON k.id = c.kernel JOIN strings b ON b.id = c.buffer;
CREATE VIEW decisions_v AS
  SELECT x.id, x.run_id, x.pass_id, x.node, d.text AS decision, r.text AS reason, x.detail
  FROM decisions x JOIN strings d ON d.id = x.decision JOIN strings r ON r.id = x.reason;
)sql";

// Schema version 2: nodes and steps are stored in blocks, one JSON array of records per row,
// so a trace costs a few rows per thousand rewrites instead of several per rewrite. Views
// with the v1 names and columns (`uops`, `steps`, `uops_v`, `steps_v`) read through them;
// `uops` adds `shape` (JSON text), which v1 never stored, so migrated nodes have none.
constexpr std::string_view kV1ToV2 = R"sql(
DROP VIEW uops_v;
DROP VIEW steps_v;
CREATE TABLE uop_blocks(
  run_id INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, nodes TEXT NOT NULL,
  PRIMARY KEY(run_id, first_id)) WITHOUT ROWID;
CREATE TABLE step_blocks(
  pass_id INTEGER NOT NULL, first_step INTEGER NOT NULL, last_step INTEGER NOT NULL, steps TEXT NOT NULL,
  PRIMARY KEY(pass_id, first_step)) WITHOUT ROWID;
INSERT INTO uop_blocks(run_id, first_id, last_id, nodes)
  SELECT run_id, min(id), max(id),
         json_group_array(json_array(id, op, dtype, arg, tag, json(srcs), hash, vmin, vmax, provenance))
  FROM (SELECT * FROM uops ORDER BY run_id, id) GROUP BY run_id, id < 0, id / 512;
INSERT INTO step_blocks(pass_id, first_step, last_step, steps)
  SELECT pass_id, min(step), max(step),
         json_group_array(json_array(step, rule_id, matched, replacement, json(bound), duration_ns))
  FROM (SELECT * FROM steps ORDER BY pass_id, step) GROUP BY pass_id, (step - 1) / 512;
DROP TABLE uops;
DROP TABLE steps;
CREATE VIEW uops AS
  SELECT b.run_id, n.value ->> 0 AS id, n.value ->> 1 AS op, n.value ->> 2 AS dtype, n.value ->> 3 AS arg,
         n.value ->> 4 AS tag, n.value -> 5 AS srcs, n.value ->> 6 AS hash, n.value ->> 7 AS vmin,
         n.value ->> 8 AS vmax, n.value ->> 9 AS provenance, nullif(n.value -> 10, 'null') AS shape
  FROM uop_blocks b, json_each(b.nodes) n;
CREATE VIEW steps AS
  SELECT b.pass_id, s.value ->> 0 AS step, s.value ->> 1 AS rule_id, s.value ->> 2 AS matched,
         s.value ->> 3 AS replacement, s.value -> 4 AS bound, s.value ->> 5 AS duration_ns
  FROM step_blocks b, json_each(b.steps) s;
CREATE VIEW uops_v AS
  SELECT u.run_id, u.id, o.text AS op, d.text AS dtype, u.arg, u.tag, u.srcs, u.hash, u.vmin, u.vmax, u.provenance, u.shape
  FROM uops u JOIN strings o ON o.id = u.op JOIN strings d ON d.id = u.dtype;
CREATE VIEW steps_v AS
  SELECT s.pass_id, pn.text AS pass, s.step, s.rule_id, rt.text AS rule, s.matched, s.replacement, s.bound, s.duration_ns
  FROM steps s JOIN passes p ON p.id = s.pass_id JOIN strings pn ON pn.id = p.name
  JOIN rules r ON r.id = s.rule_id JOIN strings rt ON rt.id = r.text;
)sql";

// Schema version 3: per pass, how often each rule was tried and fired and the time it took
// (`passes.rule_counts`, a JSON array of [rule_id, tries, hits, ns], read through the view
// `rule_stats`). One text column on the pass row rather than a row per (pass, rule): a
// simplifier runs one pass per expression and tries tens of rules in each, so rows would
// outnumber steps. Passes written before v3 get their hits from their steps; their tries
// and times were never measured and stay null.
constexpr std::string_view kV2ToV3 = R"sql(
ALTER TABLE passes ADD COLUMN rule_counts TEXT;
UPDATE passes SET rule_counts = (
  SELECT json_group_array(json_array(rule_id, NULL, hits, NULL))
  FROM (SELECT s.rule_id AS rule_id, count(*) AS hits FROM steps s WHERE s.pass_id = passes.id
        GROUP BY s.rule_id ORDER BY s.rule_id))
WHERE EXISTS (SELECT 1 FROM step_blocks b WHERE b.pass_id = passes.id);
CREATE VIEW rule_stats AS
  SELECT p.id AS pass_id, c.value ->> 0 AS rule_id, c.value ->> 1 AS tries, c.value ->> 2 AS hits, c.value ->> 3 AS ns
  FROM passes p, json_each(p.rule_counts) c;
)sql";

// Schema version 4: a rule is stored once per trace, not once per run that uses it. A trace
// that records the same program scheduled again and again (a long-lived process, the viewer's
// re-runs, a benchmark) wrote every rule, with its source lines, for every run. What was per
// run, how often the run's rewrites used each rule, moves to `runs.rule_fires`, a JSON array
// of [rule_id, fires] by rule id (every rule the run tried or fired), read through the view
// `run_rules`. `rules_v` loses run_id and fire_count (its rows are unique by id again, as
// joins like `steps JOIN rules_v` expect); `run_rules_v` has the old per-run shape. Older
// readers would misread the rules, so compatible_version becomes 4.
// `uop_blocks` also becomes a rowid table with an index on (run_id, first_id): in a table
// without rowid (an index b-tree) a row keeps at most about a quarter of a page in place and
// the rest spills into overflow pages, which for node blocks of a few KiB wasted most of a
// page per block.
constexpr std::string_view kV3ToV4 = R"sql(
ALTER TABLE runs ADD COLUMN rule_fires TEXT;
UPDATE runs SET rule_fires = (
  SELECT json_group_array(json_array(id, fire_count))
  FROM (SELECT id, fire_count FROM rules WHERE rules.run_id = runs.id ORDER BY id));
DROP VIEW rules_v;
ALTER TABLE rules DROP COLUMN run_id;
ALTER TABLE rules DROP COLUMN fire_count;
CREATE VIEW rules_v AS
  SELECT r.id, t.text AS text, p.text AS pattern, f.text AS family, fl.text AS file, r.line, r.source
  FROM rules r JOIN strings t ON t.id = r.text JOIN strings p ON p.id = r.pattern
  JOIN strings f ON f.id = r.family JOIN strings fl ON fl.id = r.file;
CREATE VIEW run_rules AS
  SELECT x.id AS run_id, f.value ->> 0 AS rule_id, f.value ->> 1 AS fire_count
  FROM runs x, json_each(x.rule_fires) f;
CREATE VIEW run_rules_v AS
  SELECT u.run_id, r.id, r.text, r.pattern, r.family, r.file, r.line, r.source, u.fire_count
  FROM run_rules u JOIN rules_v r ON r.id = u.rule_id;
DROP VIEW uops_v;
DROP VIEW uops;
ALTER TABLE uop_blocks RENAME TO uop_blocks_v3;
CREATE TABLE uop_blocks(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, nodes TEXT NOT NULL);
INSERT INTO uop_blocks(run_id, first_id, last_id, nodes)
  SELECT run_id, first_id, last_id, nodes FROM uop_blocks_v3 ORDER BY run_id, first_id;
DROP TABLE uop_blocks_v3;
CREATE UNIQUE INDEX uop_blocks_by_run ON uop_blocks(run_id, first_id);
CREATE VIEW uops AS
  SELECT b.run_id, n.value ->> 0 AS id, n.value ->> 1 AS op, n.value ->> 2 AS dtype, n.value ->> 3 AS arg,
         n.value ->> 4 AS tag, n.value -> 5 AS srcs, n.value ->> 6 AS hash, n.value ->> 7 AS vmin,
         n.value ->> 8 AS vmax, n.value ->> 9 AS provenance, nullif(n.value -> 10, 'null') AS shape
  FROM uop_blocks b, json_each(b.nodes) n;
CREATE VIEW uops_v AS
  SELECT u.run_id, u.id, o.text AS op, d.text AS dtype, u.arg, u.tag, u.srcs, u.hash, u.vmin, u.vmax, u.provenance, u.shape
  FROM uops u JOIN strings o ON o.id = u.op JOIN strings d ON d.id = u.dtype;
)sql";

// Schema version 5: a run's passes are found by the range of their ids, recorded on the run's
// row (`runs.first_pass`, `runs.last_pass`; the last is NULL until the run ends), instead of
// through an index on passes(run_id, seq). Runs are traced one at a time, so a run's passes
// have consecutive ids; the index cost the writer a second b-tree insert for every pass, about
// an eighth of what it spent on a short scheduling run. Older readers read v5 files (they
// only miss the new columns; selecting a run's passes by run_id scans the table).
constexpr std::string_view kV4ToV5 = R"sql(
ALTER TABLE runs ADD COLUMN first_pass INTEGER;
ALTER TABLE runs ADD COLUMN last_pass INTEGER;
UPDATE runs SET first_pass = (SELECT min(id) FROM passes WHERE passes.run_id = runs.id),
                last_pass = CASE WHEN end_time_ns IS NOT NULL THEN (SELECT max(id) FROM passes WHERE passes.run_id = runs.id) END;
DROP INDEX passes_by_run;
)sql";

// Schema version 6: passes that have ended are stored in blocks, like nodes and steps: one
// JSON array of pass records per row of `pass_blocks` (the passes of one run that ended in
// one batch, up to 256), found by the range of their ids. A pass still running when a batch
// is written has a row in `open_passes` (the v5 columns), replaced by its record when it ends.
// The view `passes` reads both with the v5 columns, so queries and older readers see the same
// table. A pass that ends in the batch it began in, with at most 32 steps, carries its steps
// in its record (a 15th field, in step block format) instead of a step_blocks row; the view
// `steps` reads both. An older reader reads steps from step_blocks only and would show such a
// pass without its steps, so compatible_version becomes 6. A row per pass cost the writer about 0.6 µs of SQLite per pass: a third of its time
// on a short scheduling run, whose 18 passes now make one row.
constexpr std::string_view kV5ToV6 = R"sql(
CREATE TABLE pass_blocks(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, first_pass INTEGER NOT NULL, last_pass INTEGER NOT NULL, passes TEXT NOT NULL);
INSERT INTO pass_blocks(run_id, first_pass, last_pass, passes)
  SELECT run_id, min(id), max(id),
         json_group_array(json_array(id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count,
                                     begin_time_ns, end_time_ns, json(rule_counts)))
  FROM (SELECT * FROM passes WHERE end_time_ns IS NOT NULL ORDER BY run_id, id) GROUP BY run_id, id / 256;
CREATE INDEX pass_blocks_by_range ON pass_blocks(first_pass, last_pass);
CREATE TABLE open_passes(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, parent_id INTEGER, seq INTEGER NOT NULL,
  name INTEGER NOT NULL, kind INTEGER NOT NULL, depth INTEGER NOT NULL, input_root INTEGER,
  output_root INTEGER, ok INTEGER, error TEXT, step_count INTEGER NOT NULL,
  begin_time_ns INTEGER NOT NULL, end_time_ns INTEGER, rule_counts TEXT);
INSERT INTO open_passes SELECT * FROM passes WHERE end_time_ns IS NULL;
DROP TABLE passes;
CREATE VIEW passes AS
  SELECT id, run_id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count,
         begin_time_ns, end_time_ns, rule_counts FROM open_passes
  UNION ALL
  SELECT p.value ->> 0, b.run_id, p.value ->> 1, p.value ->> 2, p.value ->> 3, p.value ->> 4, p.value ->> 5, p.value ->> 6,
         p.value ->> 7, p.value ->> 8, p.value ->> 9, p.value ->> 10, p.value ->> 11, p.value ->> 12, p.value ->> 13
  FROM pass_blocks b, json_each(b.passes) p;
DROP VIEW steps_v;
DROP VIEW steps;
CREATE VIEW steps AS
  SELECT b.pass_id, s.value ->> 0 AS step, s.value ->> 1 AS rule_id, s.value ->> 2 AS matched,
         s.value ->> 3 AS replacement, s.value -> 4 AS bound, s.value ->> 5 AS duration_ns
  FROM step_blocks b, json_each(b.steps) s
  UNION ALL
  SELECT p.value ->> 0, s.value ->> 0, s.value ->> 1, s.value ->> 2, s.value ->> 3, s.value -> 4, s.value ->> 5
  FROM pass_blocks b, json_each(b.passes) p, json_each(p.value, '$[14]') s;
CREATE VIEW steps_v AS
  SELECT s.pass_id, pn.text AS pass, s.step, s.rule_id, rt.text AS rule, s.matched, s.replacement, s.bound, s.duration_ns
  FROM steps s JOIN passes p ON p.id = s.pass_id JOIN strings pn ON pn.id = p.name
  JOIN rules r ON r.id = s.rule_id JOIN strings rt ON rt.id = r.text;
)sql";

// Schema version 7: a pass record in pass_blocks holds its begin and end times relative to its
// run's start (runs.start_time_ns) instead of since the epoch: six digits where there were
// nineteen, twice per pass, which took a twelfth off a short scheduling run's bytes. The view
// `passes` adds the run's start back, so queries see the v6 columns. open_passes keeps times
// since the epoch (its rows are few and short-lived). A v6 reader would read the relative
// times as they are, so compatible_version becomes 7.
constexpr std::string_view kV6ToV7 = R"sql(
UPDATE pass_blocks SET passes = (
  SELECT json_group_array(json_replace(p.value, '$[11]', (p.value ->> 11) - s.start, '$[12]', (p.value ->> 12) - s.start))
  FROM json_each(pass_blocks.passes) p, (SELECT coalesce((SELECT start_time_ns FROM runs WHERE id = pass_blocks.run_id), 0) AS start) s);
DROP VIEW passes;
CREATE VIEW passes AS
  SELECT id, run_id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count,
         begin_time_ns, end_time_ns, rule_counts FROM open_passes
  UNION ALL
  SELECT p.value ->> 0, b.run_id, p.value ->> 1, p.value ->> 2, p.value ->> 3, p.value ->> 4, p.value ->> 5, p.value ->> 6,
         p.value ->> 7, p.value ->> 8, p.value ->> 9, p.value ->> 10, coalesce(r.start_time_ns, 0) + (p.value ->> 11),
         coalesce(r.start_time_ns, 0) + (p.value ->> 12), p.value ->> 13
  FROM pass_blocks b LEFT JOIN runs r ON r.id = b.run_id, json_each(b.passes) p;
)sql";

// Schema version 8: a node block identical to one an earlier run of the trace wrote (the same
// id range, the same text: a process scheduling the same graph again in one arena) is a row
// that names that run in `same_as_run`, with empty `nodes`; the view `uops` and the reader
// read the named run's text. On a short scheduling run scheduled again and again, the node
// blocks were more than half of the bytes written. A v7 reader would find such a block
// empty, so compatible_version becomes 8.
constexpr std::string_view kV7ToV8 = R"sql(
ALTER TABLE uop_blocks ADD COLUMN same_as_run INTEGER;
DROP VIEW uops;
CREATE VIEW uops AS
  SELECT b.run_id, n.value ->> 0 AS id, n.value ->> 1 AS op, n.value ->> 2 AS dtype, n.value ->> 3 AS arg,
         n.value ->> 4 AS tag, n.value -> 5 AS srcs, n.value ->> 6 AS hash, n.value ->> 7 AS vmin,
         n.value ->> 8 AS vmax, n.value ->> 9 AS provenance, nullif(n.value -> 10, 'null') AS shape
  FROM uop_blocks b LEFT JOIN uop_blocks s ON s.run_id = b.same_as_run AND s.first_id = b.first_id,
       json_each(coalesce(s.nodes, b.nodes)) n;
)sql";

// The current schema (v8) as one script: what the ladder makes of a fresh v1 file, created
// directly, because every ALTER TABLE of the ladder re-parses the whole schema and a fresh
// trace paid about 5 ms for that. tests/trace/schema_ladder_test.cpp checks that both give the
// same tables, columns, indexes and views.
constexpr std::string_view kSchemaCurrent = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE strings(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY, command TEXT NOT NULL, program_path TEXT NOT NULL, program_text TEXT NOT NULL,
  options TEXT NOT NULL, engine_version TEXT NOT NULL, start_time_ns INTEGER NOT NULL,
  end_time_ns INTEGER, ok INTEGER, rule_fires TEXT, first_pass INTEGER, last_pass INTEGER);
CREATE TABLE buffers(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
  dtype TEXT NOT NULL, shape TEXT NOT NULL, size_bytes INTEGER NOT NULL, data BLOB,
  path TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE rules(
  id INTEGER PRIMARY KEY, text INTEGER NOT NULL, pattern INTEGER NOT NULL,
  family INTEGER NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE pass_blocks(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, first_pass INTEGER NOT NULL, last_pass INTEGER NOT NULL, passes TEXT NOT NULL);
CREATE INDEX pass_blocks_by_range ON pass_blocks(first_pass, last_pass);
CREATE TABLE open_passes(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, parent_id INTEGER, seq INTEGER NOT NULL,
  name INTEGER NOT NULL, kind INTEGER NOT NULL, depth INTEGER NOT NULL, input_root INTEGER,
  output_root INTEGER, ok INTEGER, error TEXT, step_count INTEGER NOT NULL,
  begin_time_ns INTEGER NOT NULL, end_time_ns INTEGER, rule_counts TEXT);
CREATE TABLE checkpoints(
  pass_id INTEGER NOT NULL, step INTEGER NOT NULL, root INTEGER NOT NULL, node_count INTEGER NOT NULL,
  PRIMARY KEY(pass_id, step)) WITHOUT ROWID;
CREATE TABLE decisions(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, pass_id INTEGER, node INTEGER,
  decision INTEGER NOT NULL, reason INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE TABLE kernels(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, pass_id INTEGER, name INTEGER NOT NULL,
  ast_root INTEGER, linear TEXT NOT NULL, c_source TEXT NOT NULL, llvm_ir TEXT NOT NULL,
  compile_ms REAL NOT NULL, flops INTEGER NOT NULL, bytes INTEGER NOT NULL, computes TEXT NOT NULL);
CREATE INDEX kernels_by_run ON kernels(run_id, name);
CREATE TABLE timings(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, kernel INTEGER NOT NULL, iterations INTEGER NOT NULL,
  min_us REAL NOT NULL, median_us REAL NOT NULL);
CREATE TABLE checks(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, kernel INTEGER NOT NULL, buffer INTEGER NOT NULL,
  ok INTEGER NOT NULL, max_abs_err REAL NOT NULL, max_rel_err REAL NOT NULL, mismatches INTEGER NOT NULL,
  first_bad_index INTEGER NOT NULL, got REAL NOT NULL, want REAL NOT NULL, detail TEXT NOT NULL);
CREATE TABLE logs(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, pass_id INTEGER, level TEXT NOT NULL,
  text TEXT NOT NULL, time_ns INTEGER NOT NULL);
CREATE TABLE uop_blocks(
  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, nodes TEXT NOT NULL,
  same_as_run INTEGER);
CREATE UNIQUE INDEX uop_blocks_by_run ON uop_blocks(run_id, first_id);
CREATE TABLE step_blocks(
  pass_id INTEGER NOT NULL, first_step INTEGER NOT NULL, last_step INTEGER NOT NULL, steps TEXT NOT NULL,
  PRIMARY KEY(pass_id, first_step)) WITHOUT ROWID;

CREATE VIEW passes AS
  SELECT id, run_id, parent_id, seq, name, kind, depth, input_root, output_root, ok, error, step_count,
         begin_time_ns, end_time_ns, rule_counts FROM open_passes
  UNION ALL
  SELECT p.value ->> 0, b.run_id, p.value ->> 1, p.value ->> 2, p.value ->> 3, p.value ->> 4, p.value ->> 5, p.value ->> 6,
         p.value ->> 7, p.value ->> 8, p.value ->> 9, p.value ->> 10, coalesce(r.start_time_ns, 0) + (p.value ->> 11),
         coalesce(r.start_time_ns, 0) + (p.value ->> 12), p.value ->> 13
  FROM pass_blocks b LEFT JOIN runs r ON r.id = b.run_id, json_each(b.passes) p;
CREATE VIEW uops AS
  SELECT b.run_id, n.value ->> 0 AS id, n.value ->> 1 AS op, n.value ->> 2 AS dtype, n.value ->> 3 AS arg,
         n.value ->> 4 AS tag, n.value -> 5 AS srcs, n.value ->> 6 AS hash, n.value ->> 7 AS vmin,
         n.value ->> 8 AS vmax, n.value ->> 9 AS provenance, nullif(n.value -> 10, 'null') AS shape
  FROM uop_blocks b LEFT JOIN uop_blocks s ON s.run_id = b.same_as_run AND s.first_id = b.first_id,
       json_each(coalesce(s.nodes, b.nodes)) n;
CREATE VIEW steps AS
  SELECT b.pass_id, s.value ->> 0 AS step, s.value ->> 1 AS rule_id, s.value ->> 2 AS matched,
         s.value ->> 3 AS replacement, s.value -> 4 AS bound, s.value ->> 5 AS duration_ns
  FROM step_blocks b, json_each(b.steps) s
  UNION ALL
  SELECT p.value ->> 0, s.value ->> 0, s.value ->> 1, s.value ->> 2, s.value ->> 3, s.value -> 4, s.value ->> 5
  FROM pass_blocks b, json_each(b.passes) p, json_each(p.value, '$[14]') s;
CREATE VIEW uops_v AS
  SELECT u.run_id, u.id, o.text AS op, d.text AS dtype, u.arg, u.tag, u.srcs, u.hash, u.vmin, u.vmax, u.provenance, u.shape
  FROM uops u JOIN strings o ON o.id = u.op JOIN strings d ON d.id = u.dtype;
CREATE VIEW steps_v AS
  SELECT s.pass_id, pn.text AS pass, s.step, s.rule_id, rt.text AS rule, s.matched, s.replacement, s.bound, s.duration_ns
  FROM steps s JOIN passes p ON p.id = s.pass_id JOIN strings pn ON pn.id = p.name
  JOIN rules r ON r.id = s.rule_id JOIN strings rt ON rt.id = r.text;
CREATE VIEW rules_v AS
  SELECT r.id, t.text AS text, p.text AS pattern, f.text AS family, fl.text AS file, r.line, r.source
  FROM rules r JOIN strings t ON t.id = r.text JOIN strings p ON p.id = r.pattern
  JOIN strings f ON f.id = r.family JOIN strings fl ON fl.id = r.file;
CREATE VIEW run_rules AS
  SELECT x.id AS run_id, f.value ->> 0 AS rule_id, f.value ->> 1 AS fire_count
  FROM runs x, json_each(x.rule_fires) f;
CREATE VIEW run_rules_v AS
  SELECT u.run_id, r.id, r.text, r.pattern, r.family, r.file, r.line, r.source, u.fire_count
  FROM run_rules u JOIN rules_v r ON r.id = u.rule_id;
CREATE VIEW passes_v AS
  SELECT p.id, p.run_id, p.parent_id, p.seq, n.text AS name, k.text AS kind, p.depth, p.input_root, p.output_root,
         p.ok, p.error, p.step_count, p.begin_time_ns, p.end_time_ns
  FROM passes p JOIN strings n ON n.id = p.name JOIN strings k ON k.id = p.kind;
CREATE VIEW kernels_v AS
  SELECT k.id, k.run_id, k.pass_id, n.text AS name, k.ast_root, k.linear, k.c_source, k.llvm_ir, k.compile_ms,
         k.flops, k.bytes, k.computes
  FROM kernels k JOIN strings n ON n.id = k.name;
CREATE VIEW timings_v AS
  SELECT t.id, t.run_id, n.text AS kernel, t.iterations, t.min_us, t.median_us
  FROM timings t JOIN strings n ON n.id = t.kernel;
CREATE VIEW checks_v AS
  SELECT c.id, c.run_id, k.text AS kernel, b.text AS buffer, c.ok, c.max_abs_err, c.max_rel_err, c.mismatches,
         c.first_bad_index, c.got, c.want, c.detail
  FROM checks c JOIN strings k ON k.id = c.kernel JOIN strings b ON b.id = c.buffer;
CREATE VIEW decisions_v AS
  SELECT x.id, x.run_id, x.pass_id, x.node, d.text AS decision, r.text AS reason, x.detail
  FROM decisions x JOIN strings d ON d.id = x.decision JOIN strings r ON r.id = x.reason;
CREATE VIEW rule_stats AS
  SELECT p.id AS pass_id, c.value ->> 0 AS rule_id, c.value ->> 1 AS tries, c.value ->> 2 AS hits, c.value ->> 3 AS ns
  FROM passes p, json_each(p.rule_counts) c;
)sql";


std::string utc_now_iso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int read_meta_int(Db& db, std::string_view key) {
  if (!db.table_exists("meta")) return 0;
  Stmt st(db, "SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? int(std::stoll("0" + st.text(0))) : 0;
}

void set_meta(Db& db, std::string_view key, std::string_view value) {
  Stmt st(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
  st.bind(1, key).bind(2, value);
  st.run();
}

}  // namespace

const std::vector<std::string_view>& required_tables() {
  static const std::vector<std::string_view> names = {"meta",        "strings", "runs",        "buffers",     "uops",      "uop_blocks",
                                                      "rules",       "passes",  "pass_blocks", "open_passes", "steps",     "step_blocks",
                                                      "checkpoints", "decisions", "kernels",   "timings",     "checks",    "logs",
                                                      "rule_stats",  "run_rules"};
  return names;
}

namespace {
void create_at(Db& db, std::string_view script, int version, std::string_view engine_version) {
  db.exec("BEGIN");
  try {
    db.exec(script);
    set_meta(db, "schema_version", std::to_string(version));
    set_meta(db, "compatible_version", std::to_string(version == kSchemaVersion ? kCompatibleVersion : 1));
    set_meta(db, "engine_version", engine_version);
    set_meta(db, "created_at", utc_now_iso());
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}
}  // namespace

void create_schema(Db& db, std::string_view engine_version) { create_at(db, kSchemaCurrent, kSchemaVersion, engine_version); }

void create_schema_through_ladder(Db& db, std::string_view engine_version) {
  create_at(db, kSchemaV1, 1, engine_version);
  migrate_schema(db, 1);
}

int read_schema_version(Db& db) { return read_meta_int(db, "schema_version"); }
int read_compatible_version(Db& db) { return read_meta_int(db, "compatible_version"); }

void migrate_schema(Db& db, int from) {
  if (from >= kSchemaVersion) return;
  db.exec("BEGIN");
  try {
    int version = from;
    // One step per schema change, oldest first. Template for the next one:
    //   if (version == 2) { db.exec("ALTER TABLE ..."); ++version; }
    if (version == 1) {
      db.exec(kV1ToV2);
      ++version;
    }
    if (version == 2) {
      db.exec(kV2ToV3);
      ++version;
    }
    if (version == 3) {
      db.exec(kV3ToV4);
      ++version;
    }
    if (version == 4) {
      db.exec(kV4ToV5);
      ++version;
    }
    if (version == 5) {
      db.exec(kV5ToV6);
      ++version;
    }
    if (version == 6) {
      db.exec(kV6ToV7);
      ++version;
    }
    if (version == 7) {
      db.exec(kV7ToV8);
      ++version;
    }
    if (version != kSchemaVersion)
      throw TraceError("no migration from trace schema v" + std::to_string(version) + " to v" + std::to_string(kSchemaVersion) +
                       " in " + db.path() + "; this build cannot upgrade it");
    set_meta(db, "schema_version", std::to_string(kSchemaVersion));
    set_meta(db, "compatible_version", std::to_string(kCompatibleVersion));
    db.exec("COMMIT");
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}

}  // namespace rw
