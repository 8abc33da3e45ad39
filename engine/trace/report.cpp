#include "engine/trace/report.h"

#include <cstdio>
#include <functional>
#include <unordered_map>

#include "engine/trace/json_writer.h"
#include "engine/trace/run_flops.h"
#include "engine/trace/trace_error.h"

namespace rw {

namespace {

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string status(const std::optional<bool>& ok) { return !ok ? "in progress" : *ok ? "ok" : "FAILED"; }

double duration_ms(int64_t begin, const std::optional<int64_t>& end) { return end ? double(*end - begin) / 1e6 : 0.0; }

// Everything a report says about one run, read once so text and JSON agree.
struct RunReport {
  RunRow run;
  std::vector<PassRow> passes;
  std::vector<RuleRow> rules;
  std::vector<KernelRow> kernels;
  std::vector<TimingRow> timings;
  std::vector<CheckRow> checks;
  std::vector<DecisionRow> decisions;
  std::vector<std::string> errors;  // failed passes, failed checks, error logs
  std::optional<RunFlops> flops;     // as the runner logged it (compiled runs)
  std::vector<RuleStatRow> rule_stats;  // summed over the run's passes
  std::unordered_map<int64_t, std::vector<RuleStatRow>> pass_rule_stats;  // the passes asked for
};

std::vector<RunReport> collect(TraceReader& r, const ReportOptions& o) {
  std::vector<RunReport> out;
  bool pass_found = false;
  for (RunRow& run : r.runs()) {
    RunReport rr;
    rr.passes = r.passes(run.id);
    rr.rule_stats = r.run_rule_stats(run.id);
    for (const PassRow& p : rr.passes) {
      if (!o.rules_per_pass && o.pass != p.id) continue;
      pass_found |= o.pass == p.id;
      if (auto stats = r.rule_stats(p.id); !stats.empty() || o.pass == p.id) rr.pass_rule_stats[p.id] = std::move(stats);
    }
    rr.rules = r.rules(run.id);
    while (!rr.rules.empty() && rr.rules.back().fire_count == 0) rr.rules.pop_back();
    if (rr.rules.size() > o.top_rules) rr.rules.resize(o.top_rules);
    rr.kernels = r.kernels(run.id);
    rr.timings = r.timings(run.id);
    rr.checks = r.checks(run.id);
    rr.decisions = r.decisions(run.id);
    for (const PassRow& p : rr.passes)
      if (p.ok == false) rr.errors.push_back("pass " + p.name + " failed" + (p.error.empty() ? "" : ": " + p.error));
    for (const CheckRow& c : rr.checks)
      if (!c.ok) rr.errors.push_back("check of " + c.kernel + " " + c.buffer + " failed: " + std::to_string(c.mismatches) + " mismatches" + (c.detail.empty() ? "" : " (" + c.detail + ")"));
    for (const LogRow& l : r.logs(run.id)) {
      if (l.level == "error") rr.errors.push_back(l.text);
      if (auto f = parse_run_flops(l.text)) rr.flops = f;
    }
    rr.run = std::move(run);
    out.push_back(std::move(rr));
  }
  if (o.pass && !pass_found)
    throw TraceError("trace " + r.path() + " has no pass " + std::to_string(*o.pass) +
                     "; `rewind report FILE --rules` lists every pass with rule statistics and its id");
  return out;
}

std::string count_or_dash(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "-"; }

// A rule statistics table: tries, hits, hit rate, time, the rule; at most `limit` rows.
std::string rule_stats_table(const std::vector<RuleStatRow>& rows, size_t limit, const std::string& indent) {
  if (rows.empty()) return indent + "(no rule was tried)\n";
  char line[96];
  std::snprintf(line, sizeof line, "%12s %10s %9s %12s  ", "tries", "hits", "hit rate", "time");
  std::string out = indent + line + "rule\n";
  for (size_t i = 0; i < rows.size() && i < limit; ++i) {
    const RuleStatRow& r = rows[i];
    auto rate = r.hit_rate();
    std::snprintf(line, sizeof line, "%12s %10lld %9s %12s  ", count_or_dash(r.tries).c_str(), static_cast<long long>(r.hits),
                  rate ? fmt("%.1f%%", 100.0 * *rate).c_str() : "-", r.ns ? fmt("%.3f ms", double(*r.ns) / 1e6).c_str() : "-");
    out += indent + line + r.text + "  " + r.file + ":" + std::to_string(r.line) + "\n";
  }
  if (rows.size() > limit) out += indent + "(" + std::to_string(rows.size() - limit) + " more rules; --top N shows more)\n";
  return out;
}

void rule_stats_json(JsonWriter& w, const std::vector<RuleStatRow>& rows) {
  w.begin_array();
  for (const RuleStatRow& r : rows) {
    w.begin_object().key("rule_id").value(r.rule_id).key("text").value(r.text).key("file").value(r.file).key("line").value(r.line);
    w.key("tries");
    if (r.tries) w.value(*r.tries); else w.null();
    w.key("hits").value(r.hits).key("hit_rate");
    if (auto rate = r.hit_rate()) w.value(*rate); else w.null();
    w.key("ns");
    if (r.ns) w.value(*r.ns); else w.null();
    w.end_object();
  }
  w.end_array();
}

// Passes in tree order (each parent before its children), with their depth.
void walk_tree(const std::vector<PassRow>& passes, const std::function<void(const PassRow&)>& f) {
  std::unordered_map<int64_t, const PassRow*> by_id;
  for (const PassRow& p : passes) by_id[p.id] = &p;
  std::function<void(const PassRow&)> visit = [&](const PassRow& p) {
    f(p);
    for (int64_t c : p.children)
      if (by_id.count(c)) visit(*by_id[c]);
  };
  for (const PassRow& p : passes)
    if (!p.parent_id || !by_id.count(*p.parent_id)) visit(p);
}

}  // namespace

std::string report_text(TraceReader& reader, const ReportOptions& options) {
  const MetaInfo& m = reader.meta();
  std::string out = "Trace " + reader.path() + " (schema v" + std::to_string(m.schema_version) + ", engine " + m.engine_version +
                    ", created " + m.created_at + ")\n";
  for (const RunReport& rr : collect(reader, options)) {
    const RunRow& run = rr.run;
    out += "\nRun " + std::to_string(run.id) + ": " + run.command + (run.program_path.empty() ? "" : " " + run.program_path) + "  [" +
           status(run.ok) + "]" + (run.end_time_ns ? fmt("  %.1f ms", duration_ms(run.start_time_ns, run.end_time_ns)) : "") + "\n";
    if (!run.options.empty()) {
      out += "  options:";
      for (const auto& [k, v] : run.options) out += " " + k + "=" + v;
      out += "\n";
    }
    out += "  engine " + run.engine_version + "\n";
    out += "\nPasses (own steps):\n";
    walk_tree(rr.passes, [&](const PassRow& p) {
      out += std::string(size_t(2 + 2 * p.depth), ' ') + p.name + " [" + p.kind + "] " + std::to_string(p.step_count) + " steps";
      if (p.ok != true) out += "  " + status(p.ok) + (p.error.empty() ? "" : ": " + p.error);
      out += "\n";
    });
    if (!rr.rules.empty()) {
      out += "\nMost-fired rules:\n";
      for (const RuleRow& r : rr.rules)
        out += "  " + std::to_string(r.fire_count) + "  " + r.text + "  " + r.file + ":" + std::to_string(r.line) + "\n";
    }
    if (!rr.rule_stats.empty()) {
      out += "\nRule statistics (all passes):\n" + rule_stats_table(rr.rule_stats, options.top_rules, "  ");
    }
    walk_tree(rr.passes, [&](const PassRow& p) {
      auto it = rr.pass_rule_stats.find(p.id);
      if (it == rr.pass_rule_stats.end()) return;
      out += "\nRule statistics of pass " + std::to_string(p.id) + " " + p.name + " [" + p.kind + "]";
      if (p.ok == false) out += "  FAILED" + (p.error.empty() ? "" : ": " + p.error);
      out += ":\n" + rule_stats_table(it->second, options.top_rules, "  ");
    });
    if (!rr.kernels.empty()) {
      out += "\nKernels:\n";
      for (const KernelRow& k : rr.kernels)
        if (k.llvm_ir.empty())
          out += "  " + k.name + "  scheduled (not compiled in this run)\n";
        else
          out += "  " + k.name + "  " + std::to_string(k.flops) + " flops  " + std::to_string(k.bytes) + " bytes  compile " + fmt("%.2f ms", k.compile_ms) + "\n";
    }
    if (rr.flops) out += "\nFLOPs: " + describe_run_flops(*rr.flops) + "\n";
    if (!rr.timings.empty()) {
      out += "\nTimings:\n";
      for (const TimingRow& t : rr.timings)
        out += "  " + t.kernel + "  min " + fmt("%.2f us", t.min_us) + "  median " + fmt("%.2f us", t.median_us) + "  (" + std::to_string(t.iterations) + " iterations)\n";
    }
    if (!rr.checks.empty()) {
      out += "\nChecks:\n";
      for (const CheckRow& c : rr.checks) {
        out += "  " + c.kernel + " " + c.buffer + "  " + (c.ok ? "ok" : "FAILED");
        if (!c.ok)
          out += "  " + std::to_string(c.mismatches) + " mismatches, first at " + std::to_string(c.first_bad_index) + ": got " + fmt("%g", c.got) +
                 " want " + fmt("%g", c.want);
        out += "  max abs err " + fmt("%g", c.max_abs_err) + ", rel " + fmt("%g", c.max_rel_err) + "\n";
      }
    }
    if (!rr.decisions.empty()) {
      out += "\nDecisions:\n";
      for (const DecisionRow& d : rr.decisions)
        out += "  " + d.decision + (d.node ? " node " + std::to_string(*d.node) : "") + ": " + d.reason + (d.detail.empty() ? "" : " - " + d.detail) + "\n";
    }
    if (!rr.errors.empty()) {
      out += "\nErrors:\n";
      for (const std::string& e : rr.errors) out += "  " + e + "\n";
    }
  }
  return out;
}

std::string report_json(TraceReader& reader, const ReportOptions& options) {
  const MetaInfo& m = reader.meta();
  JsonWriter w;
  w.begin_object().key("file").value(reader.path());
  w.key("meta").begin_object().key("schema_version").value(m.schema_version).key("compatible_version").value(m.compatible_version);
  w.key("engine_version").value(m.engine_version).key("created_at").value(m.created_at).end_object();
  w.key("runs").begin_array();
  for (const RunReport& rr : collect(reader, options)) {
    const RunRow& run = rr.run;
    w.begin_object().key("id").value(run.id).key("command").value(run.command).key("program_path").value(run.program_path);
    w.key("engine_version").value(run.engine_version);
    w.key("options").begin_object();
    for (const auto& [k, v] : run.options) w.key(k).value(v);
    w.end_object();
    w.key("ok");
    if (run.ok) w.value(*run.ok); else w.null();
    w.key("duration_ms").value(duration_ms(run.start_time_ns, run.end_time_ns));
    // The pass tree as nested objects.
    std::unordered_map<int64_t, const PassRow*> by_id;
    for (const PassRow& p : rr.passes) by_id[p.id] = &p;
    std::function<void(const PassRow&)> pass = [&](const PassRow& p) {
      w.begin_object().key("id").value(p.id).key("name").value(p.name).key("kind").value(p.kind).key("steps").value(p.step_count);
      w.key("ok");
      if (p.ok) w.value(*p.ok); else w.null();
      if (!p.error.empty()) w.key("error").value(p.error);
      if (auto it = rr.pass_rule_stats.find(p.id); it != rr.pass_rule_stats.end()) {
        w.key("rule_stats");
        rule_stats_json(w, it->second);
      }
      w.key("children").begin_array();
      for (int64_t c : p.children)
        if (by_id.count(c)) pass(*by_id[c]);
      w.end_array().end_object();
    };
    w.key("passes").begin_array();
    for (const PassRow& p : rr.passes)
      if (!p.parent_id || !by_id.count(*p.parent_id)) pass(p);
    w.end_array();
    w.key("top_rules").begin_array();
    for (const RuleRow& r : rr.rules)
      w.begin_object().key("text").value(r.text).key("file").value(r.file).key("line").value(r.line).key("fires").value(r.fire_count).end_object();
    w.end_array();
    w.key("rule_stats");
    rule_stats_json(w, rr.rule_stats);
    w.key("kernels").begin_array();
    for (const KernelRow& k : rr.kernels)
      w.begin_object().key("name").value(k.name).key("flops").value(k.flops).key("bytes").value(k.bytes).key("compile_ms").value(k.compile_ms).end_object();
    w.end_array();
    if (rr.flops) {
      w.key("flops").begin_object().key("executed").value(rr.flops->executed).key("tensor_graph").value(rr.flops->graph);
      w.end_object();
    }
    w.key("timings").begin_array();
    for (const TimingRow& t : rr.timings)
      w.begin_object().key("kernel").value(t.kernel).key("iterations").value(t.iterations).key("min_us").value(t.min_us).key("median_us").value(t.median_us).end_object();
    w.end_array();
    w.key("checks").begin_array();
    for (const CheckRow& c : rr.checks)
      w.begin_object().key("kernel").value(c.kernel).key("buffer").value(c.buffer).key("ok").value(c.ok).key("mismatches").value(c.mismatches)
          .key("first_bad_index").value(c.first_bad_index).key("got").value(c.got).key("want").value(c.want)
          .key("max_abs_err").value(c.max_abs_err).key("max_rel_err").value(c.max_rel_err).end_object();
    w.end_array();
    w.key("decisions").begin_array();
    for (const DecisionRow& d : rr.decisions) {
      w.begin_object().key("decision").value(d.decision).key("reason").value(d.reason).key("detail").value(d.detail).key("node");
      if (d.node) w.value(*d.node); else w.null();
      w.end_object();
    }
    w.end_array();
    w.key("errors").begin_array();
    for (const std::string& e : rr.errors) w.value(e);
    w.end_array();
    w.end_object();
  }
  w.end_array().end_object();
  return w.str() + "\n";
}

}  // namespace rw
