// TraceReader: rule statistics (schema v3's rule_stats view over the passes' rule_counts).
#include "engine/trace/trace_reader.h"

namespace rw {

namespace {
// Rows per rule with the rule's text and place, summed over the passes of the table
// expression `passes` (TraceReader::run_passes or pass_by_id).
std::vector<RuleStatRow> read_rule_stats(Db& db, const std::string& passes) {
  Stmt st(db,
          "SELECT c.value ->> 0 AS rule, r.text, r.file, r.line, sum(c.value ->> 1), sum(c.value ->> 2) AS hits, sum(c.value ->> 3) AS ns "
          "FROM " + passes + ", json_each(p.rule_counts) c JOIN rules_v r ON r.id = c.value ->> 0"
          " GROUP BY rule ORDER BY ns DESC NULLS LAST, hits DESC, rule");
  std::vector<RuleStatRow> out;
  while (st.step()) {
    RuleStatRow r;
    r.rule_id = st.i64(0);
    r.text = st.text(1);
    r.file = st.text(2);
    r.line = st.i64(3);
    r.tries = st.opt_i64(4);
    r.hits = st.i64(5);
    r.ns = st.opt_i64(6);
    out.push_back(std::move(r));
  }
  return out;
}
}  // namespace

std::vector<RuleStatRow> TraceReader::rule_stats(int64_t pass_id) { return read_rule_stats(db_, pass_by_id(pass_id)); }

std::vector<RuleStatRow> TraceReader::run_rule_stats(int64_t run_id) { return read_rule_stats(db_, run_passes(run_id)); }

}  // namespace rw
