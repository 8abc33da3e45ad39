// The rewind executable as a user runs it: exit codes, what it prints, the traces it writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/trace/trace_reader.h"

namespace {

struct Result {
  int status;
  std::string out;  // stdout and stderr together
};

Result rewind(const std::string& args) {
  std::string cmd = std::string(REWIND_BINARY) + " " + args + " 2>&1";
  Result r{0, {}};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("rewind_cli_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

TEST(Cli, HelpListsEveryCommand) {
  Result r = rewind("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* c : {"run", "schedule", "conformance", "simplify", "report", "bisect", "rerun", "why", "query", "diff", "view"}) EXPECT_TRUE(contains(r.out, std::string("\n  ") + c + " ")) << c << "\n" << r.out;
  Result none = rewind("");
  EXPECT_EQ(none.status, 2);
}

TEST(Cli, EachCommandHasHelp) {
  for (const char* c : {"run", "schedule", "conformance", "simplify", "report", "bisect", "rerun", "why", "query", "diff", "view"}) {
    Result r = rewind(std::string(c) + " --help");
    EXPECT_EQ(r.status, 0) << c;
    EXPECT_TRUE(contains(r.out, std::string("Usage: rewind ") + c)) << r.out;
    EXPECT_TRUE(contains(r.out, "-h, --help")) << r.out;
  }
}

TEST(Cli, UnknownCommandAndOptionSayWhatToDo) {
  Result r = rewind("frobnicate");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "rewind: unknown command 'frobnicate'; run 'rewind --help' for the list\n");
  Result o = rewind("simplify 'x' --var x=0..3 --bogus");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "rewind simplify: unknown option '--bogus'; try 'rewind simplify --help'\n");
}

TEST(Cli, SimplifyPrintsTheResultAndTheRulesAndWritesATrace) {
  std::string trace = temp_path("simplify.rwd");
  Result r = rewind("simplify '(x*4 + y) // 4' --var x=0..15 --var y=0..3 -o " + trace);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "input:   (x*4+y)//4\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "result:  x\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "range:   [0, 15]\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "engine/rewrite/symbolic_div.cpp:")) << r.out;

  rw::TraceReader reader(trace);
  auto runs = reader.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].command, "simplify");
  EXPECT_EQ(runs[0].program_text, "(x*4 + y) // 4");
  ASSERT_TRUE(runs[0].ok.has_value());
  EXPECT_TRUE(*runs[0].ok);
  auto passes = reader.passes(runs[0].id);
  ASSERT_FALSE(passes.empty());
  EXPECT_EQ(passes[0].name, "symbolic");
  EXPECT_GE(passes[0].step_count, 2);
  // The last step's graph is the printed result.
  auto g = reader.graph_at(passes[0].id, passes[0].step_count);
  EXPECT_EQ(g.nodes.back().op, "DEFINE_VAR");

  Result rep = rewind("report " + trace);
  EXPECT_EQ(rep.status, 0) << rep.out;
  EXPECT_TRUE(contains(rep.out, "symbolic")) << rep.out;
  Result json = rewind("report --json " + trace);
  EXPECT_EQ(json.status, 0);
  EXPECT_EQ(json.out.front(), '{');
}

TEST(Cli, ReportShowsRuleStatisticsPerRunAndPerPass) {
  std::string trace = temp_path("stats.rwd");
  Result r = rewind("simplify '(x*4 + y) // 4' --var x=0..7 --var y=0..3 -o " + trace);
  ASSERT_EQ(r.status, 0) << r.out;
  Result rep = rewind("report " + trace);
  EXPECT_EQ(rep.status, 0) << rep.out;
  EXPECT_TRUE(contains(rep.out, "Rule statistics (all passes):\n         tries       hits  hit rate         time  rule\n")) << rep.out;
  EXPECT_FALSE(contains(rep.out, "Rule statistics of pass")) << rep.out;
  Result per_pass = rewind("report --rules " + trace);
  EXPECT_EQ(per_pass.status, 0) << per_pass.out;
  EXPECT_TRUE(contains(per_pass.out, "Rule statistics of pass 1 symbolic [rewrite]:")) << per_pass.out;
  Result one = rewind("report --pass 1 " + trace);
  EXPECT_EQ(one.status, 0) << one.out;
  EXPECT_TRUE(contains(one.out, "Rule statistics of pass 1 symbolic [rewrite]:")) << one.out;
  Result missing = rewind("report --pass 99 " + trace);
  EXPECT_EQ(missing.status, 1);
  EXPECT_TRUE(contains(missing.out, "has no pass 99; `rewind report FILE --rules` lists every pass")) << missing.out;
  Result bad = rewind("report --pass first " + trace);
  EXPECT_EQ(bad.status, 2) << bad.out;
  EXPECT_TRUE(contains(bad.out, "--pass takes a pass id")) << bad.out;
}

TEST(Cli, SimplifyErrorsPointAtTheColumn) {
  Result r = rewind("simplify 'x + * 3' --var x=0..3");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "rewind simplify: column 5: expected an operand after '+', found '*'\n  x + * 3\n      ^\n");
  Result v = rewind("simplify 'x + z' --var x=0..3");
  EXPECT_EQ(v.status, 1);
  EXPECT_TRUE(contains(v.out, "unknown variable 'z'; declare it with --var z=LO..HI")) << v.out;
}

TEST(Cli, SimplifyFuzzRunsTheSoundnessCheck) {
  Result r = rewind("simplify --fuzz 300 --seed 7");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "300 expressions")) << r.out;
  EXPECT_TRUE(contains(r.out, "no failures")) << r.out;
}

TEST(Cli, ReportRejectsFilesThatAreNotTraces) {
  Result missing = rewind("report /nonexistent/x.rwd");
  EXPECT_EQ(missing.status, 1);
  EXPECT_TRUE(contains(missing.out, "does not exist")) << missing.out;
  std::string junk = temp_path("junk.rwd");
  std::ofstream(junk) << std::string(5000, 'x');
  Result bad = rewind("report " + junk);
  EXPECT_EQ(bad.status, 1);
  EXPECT_TRUE(contains(bad.out, "is not a Rewind trace")) << bad.out;
}

TEST(Cli, RunWithTheReferenceInterpreterSavesOutputsAndTracesInputs) {
  std::string dir = temp_path("outputs");
  std::string trace = temp_path("matmul.rwd");
  std::string prog = std::string(REWIND_SHARED_DIR) + "/conformance/matmul/program.tg";
  Result r = rewind("run " + prog + " --reference --save-outputs " + dir + " -o " + trace);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir + "/y.npy"));
  rw::TraceReader reader(trace);
  auto runs = reader.runs();
  ASSERT_EQ(runs.size(), 1u);
  auto buffers = reader.buffers(runs[0].id);
  int inputs = 0, outputs = 0;
  for (const auto& b : buffers) {
    inputs += b.role == "input";
    outputs += b.role == "output";
    EXPECT_TRUE(b.data.has_value()) << b.name;
    EXPECT_EQ(b.sha256.size(), 64u);
  }
  EXPECT_EQ(inputs, 2);
  EXPECT_EQ(outputs, 1);
}

TEST(Cli, ConformanceWithTheReferencePassesEveryPublicCase) {
  Result r = rewind(std::string("conformance ") + REWIND_SHARED_DIR + "/conformance --reference");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "21 passed, 0 failed")) << r.out;
}

TEST(Cli, ConformanceThroughCompiledKernelsPassesEveryPublicCase) {
  Result r = rewind(std::string("conformance ") + REWIND_SHARED_DIR + "/conformance");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "21 passed, 0 failed")) << r.out;
}

TEST(Cli, RunCompilesChecksAndTracesEveryKernel) {
  std::string trace = temp_path("softmax.rwd");
  Result r = rewind(std::string("run ") + REWIND_SOURCE_DIR + "/resources/examples/softmax.tg -o " + trace);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "median us")) << r.out;
  rw::TraceReader reader(trace);
  auto runs = reader.runs();
  ASSERT_EQ(runs.size(), 1u);
  auto kernels = reader.kernels(runs[0].id);
  ASSERT_FALSE(kernels.empty());
  for (const auto& k : kernels) {
    EXPECT_FALSE(k.c_source.empty()) << k.name;
    EXPECT_TRUE(contains(k.llvm_ir, "define void @")) << k.name;
    EXPECT_FALSE(k.linear.empty()) << k.name;
    EXPECT_TRUE(k.ast_root.has_value()) << k.name;
    EXPECT_FALSE(k.computes.empty()) << k.name;
  }
  EXPECT_EQ(reader.timings(runs[0].id).size(), kernels.size());
  auto checks = reader.checks(runs[0].id);
  ASSERT_FALSE(checks.empty());
  for (const auto& c : checks) EXPECT_TRUE(c.ok) << c.buffer;
}

TEST(Cli, AWrongKernelFailsTheRunAndIsNamed) {
  Result r = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/pad_sum/program.tg --inject-fault=render-index");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "rewind run: kernel r_")) << r.out;
  EXPECT_TRUE(contains(r.out, "wrong")) << r.out;
  Result unknown = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/pad_sum/program.tg --inject-fault=bogus");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_TRUE(contains(unknown.out, "unknown fault 'bogus'; known faults: pad-mask, shrink-offset, render-index")) << unknown.out;
}

TEST(Cli, RunHelpListsEveryFaultAndCheckedMode) {
  Result r = rewind("run --help");
  EXPECT_EQ(r.status, 0) << r.out;
  for (const char* name : {"pad-mask", "shrink-offset", "render-index", "div-drop-remainder", "mod-stale-bound", "reduce-max-zero", "acc-reset-in-loop"})
    EXPECT_TRUE(contains(r.out, std::string("  ") + name + " ")) << name << "\n" << r.out;
  EXPECT_TRUE(contains(r.out, "--checked")) << r.out;
}

TEST(Cli, CheckedRunIsRecordedInTheTraceAndPasses) {
  std::string trace = temp_path("checked.rwd");
  Result r = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/pad_sum/program.tg --checked -o " + trace);
  ASSERT_EQ(r.status, 0) << r.out;
  rw::TraceReader reader(trace);
  auto runs = reader.runs();
  ASSERT_EQ(runs.size(), 1u);
  const auto& opts = runs[0].options;
  EXPECT_NE(std::find(opts.begin(), opts.end(), std::pair<std::string, std::string>{"checked", "true"}), opts.end());
  Result conf = rewind(std::string("conformance ") + REWIND_SHARED_DIR + "/conformance/pad_sum --checked");
  EXPECT_EQ(conf.status, 0) << conf.out;
  EXPECT_TRUE(contains(conf.out, "1 passed, 0 failed")) << conf.out;
}

TEST(Cli, ALinearizerFaultFailsTheRunWithItsKernelNamed) {
  Result r = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/sum_axis/program.tg --inject-fault=acc-reset-in-loop --checked");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "rewind run: kernel r_8_4_16 wrote buffer y wrong: 32 mismatch(es)")) << r.out;
  EXPECT_FALSE(contains(r.out, "out of bounds")) << r.out;
}

TEST(Cli, RunTimingsArePerPhaseJson) {
  Result r = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/matmul/program.tg --timings");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* k : {"\"parse_ms\":", "\"schedule_ms\":", "\"codegen_ms\":", "\"compile_ms\":", "\"execute_ms\":", "\"trace_ms\":"})
    EXPECT_TRUE(contains(r.out, k)) << k << "\n" << r.out;
}

TEST(Cli, BisectNamesTheFaultyStepAsTextAndJson) {
  std::string trace = temp_path("bisect-pad.rwd");
  std::filesystem::remove(trace);
  Result run = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/pad_sum/program.tg --inject-fault=pad-mask -o " + trace);
  ASSERT_EQ(run.status, 1) << run.out;
  Result text = rewind("bisect " + trace);
  ASSERT_EQ(text.status, 0) << text.out;
  EXPECT_TRUE(contains(text.out, "verdict: wrong-step")) << text.out;
  EXPECT_TRUE(contains(text.out, "rule:    FAULT pad-mask")) << text.out;
  EXPECT_TRUE(contains(text.out, "engine/schedule/rangeify_faults.cpp:")) << text.out;

  // The viewer's Bisect button reads these: progress lines on stderr, one JSON object on stdout.
  Result json = rewind("bisect " + trace + " --json --progress");
  ASSERT_EQ(json.status, 0) << json.out;
  EXPECT_TRUE(contains(json.out, "progress 0 ")) << json.out;
  for (const char* k : {"\"verdict\":\"wrong-step\"", "\"culprit\":{\"pass_id\":", "\"pass\":\"rangeify\"", "\"step\":", "\"rule\":\"FAULT pad-mask",
                        "\"location\":\"engine/schedule/rangeify_faults.cpp:", "\"diff\":{", "\"evaluated\":"})
    EXPECT_TRUE(contains(json.out, k)) << k << "\n" << json.out;
}

TEST(Cli, RerunWithoutTheFaultyRuleIsRight) {
  std::string trace = temp_path("rerun-shrink.rwd"), out = temp_path("rerun-shrink-out.rwd");
  std::filesystem::remove(trace);
  std::filesystem::remove(out);
  ASSERT_EQ(rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/shrink_flip/program.tg --inject-fault=shrink-offset -o " + trace).status, 1);
  Result r = rewind("rerun " + trace + " --disable-rule engine/schedule/rangeify_faults.cpp:34 -o " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "refused 1 firing(s) of the disabled rule(s)")) << r.out;
  EXPECT_TRUE(contains(r.out, "the re-run's checks all pass")) << r.out;
  Result again = rewind("bisect " + out);
  EXPECT_TRUE(contains(again.out, "verdict: correct")) << again.out;

  Result missing = rewind("rerun " + trace + " -o " + out);
  EXPECT_EQ(missing.status, 2);
  EXPECT_TRUE(contains(missing.out, "say what to switch off")) << missing.out;
  Result bad_step = rewind("rerun " + trace + " --skip-step 12 -o " + out);
  EXPECT_EQ(bad_step.status, 2);
  EXPECT_TRUE(contains(bad_step.out, "--skip-step takes PASS:STEP")) << bad_step.out;
  // A pass by name: the faulty step is rangeify's third.
  Result by_name = rewind("rerun " + trace + " --skip-step rangeify:3 -o " + out);
  EXPECT_EQ(by_name.status, 0) << by_name.out;
  EXPECT_TRUE(contains(by_name.out, "skipped FAULT shrink-offset")) << by_name.out;
}

// softmax traced once per policy for the inspect commands: rangeify makes 2 kernels,
// conservative 3.
std::string softmax_trace(const std::string& fusion) {
  std::string trace = temp_path("softmax_" + fusion + ".rwd");
  if (!std::filesystem::exists(trace)) {
    Result r = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/softmax/program.tg --fusion=" + fusion + " -o " + trace);
    EXPECT_EQ(r.status, 0) << r.out;
  }
  return trace;
}

TEST(Cli, DiffOfTwoFusionPoliciesNamesTheSplitKernelsAndWhy) {
  std::string a = softmax_trace("rangeify"), b = softmax_trace("conservative");
  Result r = rewind("diff " + a + " " + b);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "(fusion=rangeify ")) << r.out;
  EXPECT_TRUE(contains(r.out, "): 2 kernels\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "): 3 kernels\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  A r_6_10_10 -> B r_6_10, r_6_10n1, E_6_10\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "      REDUCE_AXIS %2 [6,1]: realize policy_conservative_expand (B) - ")) << r.out;
  EXPECT_TRUE(contains(r.out, "      EXP2 %10 [6,10]: realize children_mismatch (A) - ")) << r.out;
  EXPECT_TRUE(contains(r.out, "  A only: EXP2 %10 [6,10] float32  240 B  [realize children_mismatch]\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  bytes: A 240 B in 1 buffer(s), B 48 B in 2 buffer(s)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  REDUCE_AXIS %2 [6,1]: A r_6_10_10 -> B r_6_10 (realized)\n")) << r.out;
  Result json = rewind("diff --json " + a + " " + b);
  ASSERT_EQ(json.status, 0) << json.out;
  EXPECT_TRUE(contains(json.out, "\"same_fusion\":false")) << json.out;
  EXPECT_TRUE(contains(json.out, "\"reason\":\"children_mismatch\"")) << json.out;
}

TEST(Cli, DiffOfATraceWithItselfFindsNothing) {
  std::string a = softmax_trace("conservative");
  Result fusion = rewind("diff " + a + " " + a);
  ASSERT_EQ(fusion.status, 0) << fusion.out;
  EXPECT_TRUE(contains(fusion.out, "no fusion differences")) << fusion.out;
  EXPECT_TRUE(contains(fusion.out, "min 0.")) << fusion.out;
  EXPECT_TRUE(contains(fusion.out, "(+0.000)")) << fusion.out;
  Result graphs = rewind("diff " + a + " " + a + " --pass rangeify");
  ASSERT_EQ(graphs.status, 0) << graphs.out;
  EXPECT_TRUE(contains(graphs.out, "no differences: the two graphs have the same structure")) << graphs.out;
}

TEST(Cli, DiffBetweenStepsListsRemovedAndAddedSubgraphs) {
  std::string a = softmax_trace("rangeify");
  Result r = rewind("diff " + a + " --from rangeify:in --to rangeify:1");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "from  pass 6 (rangeify) input of run 1 in " + a + "  (17 nodes)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "removed subgraphs (1):\n  %16 REALIZE float32 [6,10]   1 node\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "added subgraphs (1):\n  %23 BUFFERIZE float32 0   ")) << r.out;
  Result json = rewind("diff " + a + " --from rangeify:in --to rangeify:1 --json");
  ASSERT_EQ(json.status, 0) << json.out;
  EXPECT_TRUE(contains(json.out, "{\"id\":16,\"op\":\"REALIZE\",\"class\":\"removed\",\"other\":null}")) << json.out;
  // Across policies: the realize decisions differ in the reduces realized.
  Result across = rewind("diff " + a + " " + softmax_trace("conservative") + " --pass \"realize decisions\"");
  ASSERT_EQ(across.status, 0) << across.out;
  EXPECT_TRUE(contains(across.out, "removed subgraphs (1):\n  %11 REDUCE_AXIS")) << across.out;
}

TEST(Cli, DiffMistakesSayWhatToTry) {
  std::string a = softmax_trace("rangeify");
  Result pass = rewind("diff " + a + " --from rangify --to 6");
  EXPECT_EQ(pass.status, 1);
  EXPECT_TRUE(contains(pass.out, "no pass named 'rangify' in run 1 of " + a + "; give a pass id or one of these names:\n")) << pass.out;
  Result step = rewind("diff " + a + " --from 6:99 --to 6");
  EXPECT_EQ(step.status, 1);
  EXPECT_TRUE(contains(step.out, "step 99 is out of range for pass 6 (rangeify)")) << step.out;
  Result half = rewind("diff " + a + " --from 6");
  EXPECT_EQ(half.status, 2);
  EXPECT_TRUE(contains(half.out, "--from and --to go together")) << half.out;
  Result run = rewind("diff " + a + " " + a + " --run-b 2");
  EXPECT_EQ(run.status, 1);
  EXPECT_TRUE(contains(run.out, "has no run 2; its runs are 1 (run ")) << run.out;
}

TEST(Cli, QueryNodeTracesItBackToItsLine) {
  std::string a = softmax_trace("rangeify");
  Result r = rewind("query " + a + " node 14");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "node 14 of run 1: %14 MUL float32 [6,10] (program.tg:2:7)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "           2 | y = x.softmax(axis=1)\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "  created  program: in the input of pass 1")) << r.out;
  EXPECT_TRUE(contains(r.out, "  removed  pass 6 (rangeify) step 2: op(a, b)[i] -> op(a[i], b[i])  [engine/schedule/rangeify_ops.cpp:")) << r.out;
  EXPECT_TRUE(contains(r.out, "  decision realize output: ")) << r.out;
  EXPECT_TRUE(contains(r.out, "  computed by kernel r_6_10_10n1\n")) << r.out;
  Result json = rewind("query " + a + " node 24 --json");
  ASSERT_EQ(json.status, 0) << json.out;
  EXPECT_TRUE(contains(json.out, "\"created\":{\"origin\":\"step\",\"step\":{\"pass_id\":6,\"pass\":\"rangeify\",\"step\":1,")) << json.out;
  Result missing = rewind("query " + a + " node 123456");
  EXPECT_EQ(missing.status, 1);
  EXPECT_TRUE(contains(missing.out, "run 1 of " + a + " stores no node 123456")) << missing.out;
  Result bad = rewind("query " + a + " node x");
  EXPECT_EQ(bad.status, 2);
  EXPECT_TRUE(contains(bad.out, "the node id must be a number, not 'x'")) << bad.out;
}

TEST(Cli, QueryFindCombinesFilters) {
  std::string a = softmax_trace("rangeify");
  Result r = rewind("query " + a + " find --op reduce_axis --arg MAX");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "1 node of run 1\n  %2 REDUCE_AXIS float32 [6,1] (Ops.MAX, (1,)) (program.tg:2:7)\n");
  Result k = rewind("query " + a + " find --computed-by r_6_10_10n1 --json");
  ASSERT_EQ(k.status, 0) << k.out;
  EXPECT_TRUE(contains(k.out, "\"total\":4")) << k.out;
  Result none = rewind("query " + a + " find");
  EXPECT_EQ(none.status, 2);
  EXPECT_TRUE(contains(none.out, "'find' needs at least one of --op")) << none.out;
  Result kernel = rewind("query " + a + " find --kernel E_9");
  EXPECT_EQ(kernel.status, 1);
  EXPECT_TRUE(contains(kernel.out, "no kernel named 'E_9' in run 1 of " + a + "; its kernels are r_6_10_10, r_6_10_10n1")) << kernel.out;
}

TEST(Cli, WhyListsTheRulesForTheNodeAndWhereEachFails) {
  std::string trace = softmax_trace("rangeify");
  // The first step of the pass "lower index dtype" (id from the trace) rewrites some node;
  // asked at step 0, that rule is the one that fires.
  rw::TraceReader reader(trace);
  int64_t pass = 0, node = 0;
  for (const rw::PassRow& p : reader.passes(1))
    if (!pass && p.name == "lower index dtype" && p.step_count > 0) pass = p.id;
  ASSERT_GT(pass, 0);
  node = reader.steps(pass).front().matched;
  Result r = rewind("why " + trace + " " + std::to_string(pass) + ":0 --node " + std::to_string(node));
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "step 1 rewrites it with 'x:index -> x:int32|int64'")) << r.out;
  EXPECT_TRUE(contains(r.out, "[fires] x:index -> x:int32|int64  (engine/codegen/lower_index_dtype.cpp:")) << r.out;
  Result json = rewind("why " + trace + " " + std::to_string(pass) + ":0 --node " + std::to_string(node) + " --json");
  EXPECT_TRUE(contains(json.out, "\"outcome\":\"fires\"")) << json.out;
  Result missing = rewind("why " + trace + " " + std::to_string(pass) + ":0");
  EXPECT_EQ(missing.status, 2);
  EXPECT_TRUE(contains(missing.out, "say which node with --node ID")) << missing.out;
}

}  // namespace
