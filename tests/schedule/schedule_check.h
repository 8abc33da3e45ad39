// Schedules a case folder's program and evaluates, with the stage evaluator, the graph after
// every scheduler pass and the final Schedule kernel by kernel, against expected_<name>.npy.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "engine/frontend/npy.h"
#include "engine/ir/arena.h"
#include "engine/reference/stage_evaluator.h"
#include "engine/runtime/conformance.h"
#include "engine/schedule/schedule_program.h"
#include "engine/trace/tracer.h"

namespace rw::test {

// Keeps the output of every top-level scheduler pass (kind "schedule").
class PassSnapshots : public Tracer {
 public:
  bool active() const override { return true; }
  void begin_pass(std::string_view name, std::string_view kind, UOpPtr) override { open_.push_back({std::string(name), kind == "schedule"}); }
  void end_pass(UOpPtr output, bool ok, std::string_view, std::span<const RuleStat>) override {
    auto [name, keep] = open_.back();
    open_.pop_back();
    if (keep && ok) passes.push_back({name, output});
  }
  void on_rewrite(const RewriteEvent& e) override {
    if (e.rule->text.starts_with("FAULT")) fault_steps.push_back(open_.empty() ? "" : open_.back().first);
  }
  void on_decision(const DecisionRecord& d) override { decisions.push_back(d); }
  void on_kernel(const KernelRecord& k) override { kernels.push_back(k); }
  std::vector<std::pair<std::string, UOpPtr>> passes;
  std::vector<std::string> fault_steps;  // the pass each faulty rule fired in
  std::vector<DecisionRecord> decisions;
  std::vector<KernelRecord> kernels;

 private:
  std::vector<std::pair<std::string, bool>> open_;
};

struct PassCheck {
  std::string pass;
  bool ok = false;
  std::string message;
};

struct CaseCheck {
  std::vector<PassCheck> passes;  // in pass order
  bool final_ok = false;
  std::string final_message;
  Schedule schedule;
  std::vector<std::string> fault_steps;
  std::vector<DecisionRecord> decisions;
  std::vector<KernelRecord> kernels;
  std::string error;  // scheduling failed
  std::string first_red() const {
    for (const PassCheck& p : passes)
      if (!p.ok) return p.pass;
    return "";
  }
};

inline CaseCheck check_case(const std::filesystem::path& dir, ScheduleOptions options) {
  CaseCheck out;
  Arena arena;
  Program program = load_program(arena, dir / "program.tg");
  std::vector<std::pair<std::string, HostArray>> expected;
  std::vector<size_t> sink_pos;
  UOpPtr sink = program.sink();
  for (const ProgramOutput& o : program.outputs()) {
    auto file = dir / ("expected_" + o.name + ".npy");
    if (!std::filesystem::exists(file)) continue;
    expected.emplace_back(o.name, read_npy(file));
    sink_pos.push_back(size_t(std::find(sink->src.begin(), sink->src.end(), o.tensor.node()) - sink->src.begin()));
  }
  PassSnapshots snaps;
  try {
    TracerScope scope(snaps);
    out.schedule = schedule_program(program, options);
    out.fault_steps = snaps.fault_steps;
    out.decisions = snaps.decisions;
    out.kernels = snaps.kernels;
  } catch (const std::exception& e) {
    out.error = e.what();
    return out;
  }
  for (const auto& [name, root] : snaps.passes) {
    PassCheck pc{name, true, ""};
    try {
      StageEvaluator ev(program.buffers());
      for (size_t i = 0; i < expected.size() && pc.ok; ++i) {
        Comparison c = compare_arrays(ev.value_as(root->src[sink_pos[i]], expected[i].second.shape), expected[i].second, expected[i].first);
        pc.ok = c.ok;
        pc.message = c.message;
      }
    } catch (const std::exception& e) {
      pc.ok = false;
      pc.message = e.what();
    }
    out.passes.push_back(pc);
  }
  try {
    NamedArrays got = evaluate_schedule(out.schedule, program.buffers());
    out.final_ok = true;
    for (const auto& [name, want] : expected) {
      auto it = std::find_if(got.begin(), got.end(), [&](auto& g) { return g.first == name; });
      if (it == got.end()) {
        out.final_ok = false;
        out.final_message = "no output " + name;
        break;
      }
      Comparison c = compare_arrays(it->second, want, name);
      if (!c.ok) {
        out.final_ok = false;
        out.final_message = c.message;
        break;
      }
    }
  } catch (const std::exception& e) {
    out.final_message = e.what();
  }
  return out;
}

inline std::string describe(const CaseCheck& c) {
  std::string s = c.error.empty() ? "" : "schedule error: " + c.error + "\n";
  for (const PassCheck& p : c.passes) s += "  " + p.pass + ": " + (p.ok ? "ok" : "RED " + p.message) + "\n";
  s += "  final schedule: " + std::string(c.final_ok ? "ok" : "RED " + c.final_message) + "\n  kernels:";
  for (const ScheduledKernel& k : c.schedule.kernels) s += " " + k.name;
  return s;
}

}  // namespace rw::test
