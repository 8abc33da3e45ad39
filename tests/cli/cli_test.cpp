// The rewind executable as a user runs it: exit codes, what it prints, the traces it writes.
#include <gtest/gtest.h>

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
  for (const char* c : {"run", "schedule", "conformance", "simplify", "report", "view"}) EXPECT_TRUE(contains(r.out, std::string("\n  ") + c + " ")) << c << "\n" << r.out;
  Result none = rewind("");
  EXPECT_EQ(none.status, 2);
}

TEST(Cli, EachCommandHasHelp) {
  for (const char* c : {"run", "schedule", "conformance", "simplify", "report", "view"}) {
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

TEST(Cli, RunTimingsArePerPhaseJson) {
  Result r = rewind(std::string("run ") + REWIND_SHARED_DIR + "/conformance/matmul/program.tg --timings");
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* k : {"\"parse_ms\":", "\"schedule_ms\":", "\"codegen_ms\":", "\"compile_ms\":", "\"execute_ms\":", "\"trace_ms\":"})
    EXPECT_TRUE(contains(r.out, k)) << k << "\n" << r.out;
}

}  // namespace
