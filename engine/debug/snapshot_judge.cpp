#include "engine/debug/snapshot_judge.h"

#include <algorithm>

#include "engine/codegen/linearize.h"
#include "engine/codegen/lowering.h"
#include "engine/ir/graph.h"
#include "engine/ir/verify.h"
#include "engine/reference/stage_evaluator.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/runtime/buffer_check.h"
#include "engine/runtime/linear_evaluator.h"

namespace rw {

namespace {

// Judging must neither be traced nor be switched by a re-run's gate: it runs the engine as
// it is meant to run.
struct Quiet {
  Tracer null;
  TracerScope scope{null};
};

// An evaluator's error: an access outside a buffer is the snapshot computing something wrong
// (it was well formed enough to run); anything else means no evaluator takes the snapshot.
Judgement failed(const std::string& kernel, const std::exception& e) {
  Judgement j;
  const std::string what = e.what();
  if (!dynamic_cast<const OutOfBoundsError*>(&e)) {
    j.why_not = what;
    return j;
  }
  j.evaluable = true;
  j.right = false;
  j.diff.kernel = kernel;
  j.diff.ok = false;
  j.diff.buffer = "(out-of-bounds access)";
  j.diff.detail = what.starts_with("out-of-bounds") ? what : "out-of-bounds access: " + what;
  return j;
}

// A snapshot is evaluable when the verifier accepts it for the stage the evaluator runs.
std::optional<std::string> rejected(UOpPtr graph, Stage stage) {
  std::vector<Violation> bad = verify_graph(graph, stage);
  if (bad.empty()) return std::nullopt;
  return "the verifier rejects it for the " + std::string(stage_name(stage)) + " stage: " + bad.front().to_string();
}

}  // namespace

ProgramJudge::ProgramJudge(const Program& program, const NamedArrays& reference) : program_(program) {
  UOpPtr sink = program.sink();
  for (const ProgramOutput& o : program.outputs()) {
    auto at = std::find(sink->src.begin(), sink->src.end(), o.tensor.node());
    auto want = std::find_if(reference.begin(), reference.end(), [&](const auto& r) { return r.first == o.name; });
    if (at == sink->src.end() || want == reference.end()) continue;
    wanted_.push_back({size_t(at - sink->src.begin()), {o.name, want->second}});
  }
}

const Judgement& ProgramJudge::judge(UOpPtr graph) {
  auto [it, fresh] = cache_.try_emplace(graph->hash);
  if (!fresh) return it->second;
  Judgement& j = it->second;
  Quiet quiet;
  if (auto why = rejected(graph, Stage::Scheduling)) {
    j.why_not = *why;
    return j;
  }
  try {
    StageEvaluator ev(program_.buffers());
    j.evaluable = true;
    j.right = true;
    for (const auto& [pos, named] : wanted_) {
      if (pos >= graph->src.size()) throw EvalError("the graph has " + std::to_string(graph->src.size()) + " outputs, the program " + std::to_string(wanted_.size()));
      HostArray got = ev.value_as(graph->src[pos], named.second.shape);
      CheckRecord c = check_buffer("", named.first, got, named.second);
      if (!c.ok && j.right) {
        j.right = false;
        j.diff = c;
      }
    }
  } catch (const std::exception& e) {
    j = failed("", e);
  }
  return j;
}

KernelJudge::KernelJudge(const Schedule& schedule, size_t index, const BufferTable& inputs, const std::map<int, HostArray>& expected)
    : schedule_(schedule), k_(schedule.kernels.at(index)), inputs_(inputs), expected_(expected), kernel_(k_.name) {
  for (UOpPtr st : k_.ast->src)
    if (st->op == Op::STORE && st->src[0]->op == Op::INDEX && st->src[0]->src[0]->op == Op::DEFINE_GLOBAL)
      written_slots_.push_back(size_t(st->src[0]->src[0]->arg.get<int64_t>()));
}

// Each slot holds its buffer as the kernel finds it when everything before it was right:
// inputs and earlier results at their reference values, the buffers it writes zeroed.
std::vector<HostArray> KernelJudge::fresh_globals() const {
  std::vector<HostArray> out;
  for (size_t slot = 0; slot < k_.globals.size(); ++slot) {
    const ScheduleBuffer& b = schedule_.buffers.at(size_t(k_.globals[slot]));
    HostArray a{b.dtype.base(), {b.size}, std::vector<double>(size_t(b.size), 0.0)};
    bool written = std::find(written_slots_.begin(), written_slots_.end(), slot) != written_slots_.end();
    if (b.role == ScheduleBuffer::Role::Input) {
      const HostArray& src = inputs_.at(b.input_slot).data;
      for (size_t i = 0; i < src.numel() && i < a.data.size(); ++i) a.data[i] = cast_value(src.data[i], a.dtype);
    } else if (auto it = expected_.find(b.id); it != expected_.end() && !written) {
      for (size_t i = 0; i < it->second.numel() && i < a.data.size(); ++i) a.data[i] = it->second.data[i];
    }
    out.push_back(std::move(a));
  }
  return out;
}

Judgement KernelJudge::compare(const std::vector<HostArray>& globals) const {
  Judgement j;
  j.evaluable = true;
  j.right = true;
  for (size_t slot : written_slots_) {
    const ScheduleBuffer& b = schedule_.buffers.at(size_t(k_.globals[slot]));
    auto it = expected_.find(b.id);
    if (it == expected_.end()) continue;
    CheckRecord c = check_buffer(kernel_, b.name, globals[slot], it->second);
    if (!c.ok && j.right) {
      j.right = false;
      j.diff = c;
    }
  }
  return j;
}

Judgement KernelJudge::run_ast(UOpPtr graph) const {
  std::vector<HostArray> globals = fresh_globals();
  std::vector<HostArray*> bound;
  for (HostArray& a : globals) bound.push_back(&a);
  StageEvaluator ev(inputs_, std::make_shared<std::map<int64_t, HostArray>>(), bound);
  ev.evaluate(graph);
  return compare(globals);
}

Judgement KernelJudge::run_lowered(UOpPtr graph, const std::string& pass) const {
  // The lowering passes from the snapshot's own on, as codegen.cpp runs them.
  static const PatternMatcher lower_reduce = lower_reduce_rules(), lower_memory = lower_memory_rules(),
                              lower_index_dtype = lower_index_dtype_rules();
  const int from = pass == "lower reduce" ? 0 : pass == "lower memory" ? 1 : pass == "lower index dtype" ? 2 : 3;
  LoweringContext ctx;
  for (UOpPtr n : toposort(graph))  // accumulators made before the snapshot keep their ids
    if (n->op == Op::DEFINE_REG && n->arg.is<int64_t>()) ctx.next_register = std::max(ctx.next_register, n->arg.get<int64_t>() + 1);
  UOpPtr k = graph;
  if (from <= 0) k = graph_rewrite(k, lower_reduce, ctx, "lower reduce");
  if (from <= 1) k = graph_rewrite(k, lower_memory, ctx, "lower memory");
  if (from <= 2) {
    ctx.index_dtype = choose_index_dtype(k);
    k = graph_rewrite(k, lower_index_dtype, ctx, "lower index dtype");
  }
  return judge_linear(linearize(k, kernel_));
}

const Judgement& KernelJudge::judge(UOpPtr graph, const std::string& pass) {
  auto [it, fresh] = cache_.try_emplace(graph->hash);
  if (!fresh) return it->second;
  Quiet quiet;
  const bool lowered = pass == "lower reduce" || pass == "lower memory" || pass == "lower index dtype" || pass == "merge block ends";
  // Lowered snapshots are checked by the passes that finish them (and the linear program's
  // own verifier); a kernel AST must be a valid rangeified graph.
  if (!lowered) {
    if (auto why = rejected(graph, Stage::Rangeified)) {
      it->second.why_not = *why;
      return it->second;
    }
  }
  try {
    it->second = lowered ? run_lowered(graph, pass) : run_ast(graph);
  } catch (const std::exception& e) {
    it->second = failed(kernel_, e);
  }
  return it->second;
}

Judgement KernelJudge::judge_linear(const std::vector<UOpPtr>& linear) const {
  Quiet quiet;
  try {
    std::vector<HostArray> globals = fresh_globals();
    std::vector<HostArray*> bound;
    for (HostArray& a : globals) bound.push_back(&a);
    evaluate_linear(linear, bound, kernel_);
    return compare(globals);
  } catch (const std::exception& e) {
    return failed(kernel_, e);
  }
}

}  // namespace rw
