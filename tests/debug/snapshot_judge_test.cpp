// The judges bisection relies on: on a correct run every snapshot the judges can evaluate is
// right — scheduling snapshots against the reference outputs, codegen snapshots (before and
// during lowering) against each kernel's reference buffers — and every one is evaluable, so
// on these programs bisection never has to answer with an interval.
#include <gtest/gtest.h>

#include "engine/debug/pass_recorder.h"
#include "engine/debug/snapshot_judge.h"
#include "engine/debug/snapshots.h"
#include "tests/debug/traced_run.h"

namespace rw::test {
namespace {

struct Tally {
  int right = 0, wrong = 0, not_evaluable = 0;
  std::string first_problem;
};

void count(Tally& t, const Judgement& j, const std::string& where) {
  if (!j.evaluable) {
    ++t.not_evaluable;
    if (t.first_problem.empty()) t.first_problem = where + ": not evaluable: " + j.why_not;
  } else if (j.right) {
    ++t.right;
  } else {
    ++t.wrong;
    if (t.first_problem.empty()) t.first_problem = where + ": wrong: " + j.diff.buffer + " " + j.diff.detail;
  }
}

int root_of(const std::vector<RecordedPass>& passes, int p) {
  while (passes[size_t(p)].parent >= 0) p = passes[size_t(p)].parent;
  return p;
}

void judge_every_snapshot(const std::string& program_path, Tally& schedule, Tally& codegen) {
  Arena arena;
  Program program = load_program(arena, kShared / program_path);
  CompiledOptions o;
  o.run.warmup = 0;
  o.run.iterations = 1;
  PassRecorder rec;
  CompiledRun run;
  {
    TracerScope scope(rec);
    run = run_compiled(program, o);
  }
  ASSERT_TRUE(run.failures().empty());
  Evaluator reference(program.buffers());
  std::map<int, HostArray> expected = expected_buffers(run.schedule, reference);
  for (auto& [id, want] : expected_outputs(run.schedule, run.reference)) expected.try_emplace(id, std::move(want));

  Snapshots snaps(rec.passes());
  ProgramJudge pj(program, run.reference);
  std::vector<std::unique_ptr<KernelJudge>> kj;
  for (size_t k = 0; k < run.schedule.kernels.size(); ++k) kj.push_back(std::make_unique<KernelJudge>(run.schedule, k, program.buffers(), expected));
  // Kernel k's codegen pass is the k-th outermost codegen pass.
  std::map<int, size_t> kernel_of_root;
  for (size_t i = 0; i < rec.passes().size(); ++i)
    if (rec.passes()[i].parent < 0 && rec.passes()[i].kind == "codegen") kernel_of_root.emplace(int(i), kernel_of_root.size());

  for (const TimelineEntry& e : rec.timeline()) {
    if (snaps.top(e.pass) != e.pass) continue;
    UOpPtr g = snaps.local(e.pass, e.step);  // a top pass's graph is whole
    ASSERT_TRUE(g);
    const RecordedPass& p = rec.passes()[size_t(e.pass)];
    std::string where = program_path + " " + p.name + " step " + std::to_string(e.step);
    auto it = kernel_of_root.find(root_of(rec.passes(), e.pass));
    if (it == kernel_of_root.end()) count(schedule, pj.judge(g), where);
    else count(codegen, kj[it->second]->judge(g, p.name), where);
  }
  for (size_t k = 0; k < run.result.kernels.size(); ++k) count(codegen, kj[k]->judge_linear(run.result.kernels[k].program.linear), program_path + " linear");
}

TEST(SnapshotJudge, EveryEvaluableSnapshotOfACorrectRunIsRight) {
  Tally schedule, codegen;
  for (std::string p : {"conformance/softmax/program.tg", "conformance/pad_sum/program.tg", "conformance/cumsum/program.tg",
                        "conformance/matmul/program.tg", "conformance/max_keepdim/program.tg", "conformance/layernorm/program.tg",
                        "bench/attention/program.tg", "bench/conv2d/program.tg"})
    judge_every_snapshot(p, schedule, codegen);
  EXPECT_EQ(schedule.wrong, 0) << schedule.first_problem;
  EXPECT_EQ(codegen.wrong, 0) << codegen.first_problem;
  RecordProperty("schedule_right", schedule.right);
  RecordProperty("codegen_right", codegen.right);
  // Nearly every snapshot is evaluable (figures: see the test log).
  EXPECT_GT(schedule.right, 50);
  EXPECT_GT(codegen.right, 50);
  EXPECT_LE(schedule.not_evaluable * 10, schedule.right) << schedule.first_problem;
  if (!schedule.first_problem.empty()) std::printf("first not evaluable: %s\n", schedule.first_problem.c_str());
  EXPECT_LE(codegen.not_evaluable * 10, codegen.right) << codegen.first_problem;
  std::printf("schedule snapshots: %d right, %d not evaluable; codegen snapshots: %d right, %d not evaluable\n", schedule.right,
              schedule.not_evaluable, codegen.right, codegen.not_evaluable);
}

}  // namespace
}  // namespace rw::test
