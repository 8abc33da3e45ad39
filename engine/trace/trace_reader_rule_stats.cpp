// TraceReader: rule statistics (schema v3's rule_stats view over passes.rule_counts).
#include "engine/trace/trace_reader.h"

namespace rw {

namespace {
// Rows per rule with the rule's text and place; `where` selects the passes (ids written in).
std::vector<RuleStatRow> read_rule_stats(Db& db, const std::string& where) {
  Stmt st(db,
          "SELECT j.value ->> 0 AS rule, r.text, r.file, r.line, sum(j.value ->> 1), sum(j.value ->> 2) AS hits, sum(j.value ->> 3) AS ns "
          "FROM passes p, json_each(p.rule_counts) j JOIN rules_v r ON r.id = j.value ->> 0 WHERE " + where +
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

std::vector<RuleStatRow> TraceReader::rule_stats(int64_t pass_id) { return read_rule_stats(db_, "p.id = " + std::to_string(pass_id)); }

std::vector<RuleStatRow> TraceReader::run_rule_stats(int64_t run_id) { return read_rule_stats(db_, run_passes_where(run_id)); }

}  // namespace rw
