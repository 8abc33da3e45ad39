// Shared pieces of the trace tests: a small real rewrite workload (constant folding over a
// random index expression graph, reported the way a bottom-up graph_rewrite reports it),
// temporary files, and table dumps.
#pragma once
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/trace/tracer.h"

namespace rw::testing {

// A fresh, empty folder for one test's files, inside a folder of this test process that is
// removed when the process exits (so parallel test processes never share files).
inline std::filesystem::path temp_dir(const std::string& name) {
  struct ProcessDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("rewind-trace-tests-" + std::to_string(::getpid()));
    ~ProcessDir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static ProcessDir root;
  auto dir = root.path / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct FoldRules {
  RuleInfo add0{"x+0 -> x", "ADD(x, 0:CONST)", "fold", "tests/trace/trace_test_util.h", 40};
  RuleInfo mul1{"x*1 -> x", "MUL(x, 1:CONST)", "fold", "tests/trace/trace_test_util.h", 41};
  RuleInfo mul_consts{"(x*c1)*c2 -> x*(c1*c2)", "MUL(MUL(x, c1:CONST), c2:CONST)", "fold", "tests/trace/trace_test_util.h", 42};
};

struct Step {
  UOpPtr matched, replacement;
};

// Bottom-up constant folding, as graph_rewrite does it: rewrite the sources, rebuild the node
// from them, then apply rules to the rebuilt node until none fires (a rule's result is itself
// rewritten). Every rewrite is reported to `t` and appended to `log`.
class Folder {
 public:
  Folder(Tracer& t, const FoldRules& rules, std::vector<Step>& log) : t_(t), rules_(rules), log_(log) {}

  UOpPtr rewrite(UOpPtr n) {
    if (auto it = done_.find(n); it != done_.end()) return it->second;
    std::vector<UOpPtr> src;
    bool changed = false;
    for (UOpPtr s : n->src) {
      src.push_back(rewrite(s));
      changed |= src.back() != s;
    }
    UOpPtr cur = changed ? n->with_src(src) : n;
    for (;;) {
      UOpPtr next = apply_rules(cur);
      if (!next) break;
      cur = next;
    }
    done_[n] = cur;
    return cur;
  }

  // The pass's rule counts as graph_rewrite reports them with the pass's end: a rule is tried
  // on the nodes of its root op. Times are made up (deterministic): 10 ns per try, 50 more per
  // hit.
  std::vector<RuleStat> rule_stats() const {
    std::vector<RuleStat> stats;
    for (const RuleInfo* r : {&rules_.add0, &rules_.mul1, &rules_.mul_consts}) {
      auto it = counts_.find(r);
      if (it == counts_.end()) continue;
      const Counts& c = it->second;
      if (c.tries) stats.push_back({r, c.tries, c.hits, 10 * c.tries + 50 * c.hits});
    }
    return stats;
  }

 private:
  UOpPtr report(const RuleInfo& rule, UOpPtr matched, std::vector<Binding> bound, UOpPtr replacement) {
    ++counts_[&rule].hits;
    t_.on_rewrite(RewriteEvent{&rule, matched, bound, replacement, int64_t(100 + log_.size())});
    log_.push_back({matched, replacement});
    return replacement;
  }

  UOpPtr apply_rules(UOpPtr n) {
    if (n->op == Op::ADD) ++counts_[&rules_.add0].tries;
    if (n->op == Op::ADD && n->src[1]->is_const(0)) return report(rules_.add0, n, {{"x", n->src[0]}}, n->src[0]);
    if (n->op == Op::MUL) ++counts_[&rules_.mul1].tries;
    if (n->op == Op::MUL && n->src[1]->is_const(1)) return report(rules_.mul1, n, {{"x", n->src[0]}}, n->src[0]);
    if (n->op == Op::MUL) ++counts_[&rules_.mul_consts].tries;
    if (n->op == Op::MUL && n->src[1]->is_const() && n->src[0]->op == Op::MUL && n->src[0]->src[1]->is_const()) {
      UOpPtr x = n->src[0]->src[0], c1 = n->src[0]->src[1], c2 = n->src[1];
      UOpPtr folded = x->mul(n->arena->index_const(c1->const_int() * c2->const_int()));
      // The caller's loop applies rules to the result next (it may fold further: x*1).
      return report(rules_.mul_consts, n, {{"x", x}, {"c1", c1}, {"c2", c2}}, folded);
    }
    return nullptr;
  }

  Tracer& t_;
  const FoldRules& rules_;
  std::vector<Step>& log_;
  std::unordered_map<UOpPtr, UOpPtr> done_;
  struct Counts {
    int64_t tries = 0, hits = 0;
  };
  std::unordered_map<const RuleInfo*, Counts> counts_;
};

// A random index expression over three variables, rich in x+0, x*1 and (x*c)*c' so folding
// has plenty to do, with shared subexpressions. Deterministic for a seed (no std
// distributions: their output differs between standard libraries).
inline UOpPtr random_expression(Arena& a, uint32_t seed, int nodes) {
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  std::vector<UOpPtr> pool = {a.var("x", 0, 15), a.var("y", 0, 7), a.var("z", 1, 9)};
  for (int i = 0; i < nodes; ++i) {
    UOpPtr l = pool[pool.size() - 1 - pick(std::min<size_t>(pool.size(), 8))];
    UOpPtr r = pool[pick(pool.size())];
    switch (rng() % 6) {
      case 0: pool.push_back(l->add(int64_t(0))); break;
      case 1: pool.push_back(l->mul(int64_t(1))); break;
      case 2: pool.push_back(l->mul(int64_t(2 + rng() % 3))->mul(int64_t(rng() % 2 ? 1 : 3))); break;
      case 3: pool.push_back(l->add(r)); break;
      case 4: pool.push_back(l->mul(r)->add(int64_t(rng() % 2))); break;
      default: pool.push_back(l->add(int64_t(1 + rng() % 4))); break;
    }
  }
  // Many outputs, so most of the pool is reachable.
  std::vector<UOpPtr> outs(pool.end() - 4, pool.end());
  for (size_t i = 3; i + 4 < pool.size(); i += 16) outs.push_back(pool[i]);
  return a.sink(outs);
}

// Every row of a table as text, in a stable order, with the named columns masked.
inline std::vector<std::string> dump_table(sqlite3* db, const std::string& table, const std::vector<std::string>& masked) {
  sqlite3_stmt* st = nullptr;
  std::string sql = "SELECT * FROM " + table;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::vector<std::string> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      std::string name = sqlite3_column_name(st, c);
      bool mask = std::find(masked.begin(), masked.end(), table + "." + name) != masked.end();
      const unsigned char* v = sqlite3_column_text(st, c);
      row += name + "=" + (mask ? std::string("*") : v ? std::string(reinterpret_cast<const char*>(v), sqlite3_column_bytes(st, c)) : "NULL") + "|";
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// One run of `t` that stores `root` and everything under it, as a pass's input and output.
inline void run_storing(Tracer& t, UOpPtr root) {
  t.begin_run(RunInfo{"schedule", "p.tg", "", {}, "test"});
  t.begin_pass("stage", "rewrite", root);
  t.end_pass(root, true);
  t.end_run(true);
}

}  // namespace rw::testing
