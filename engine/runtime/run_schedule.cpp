#include "engine/runtime/run_schedule.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>

#include "engine/codegen/bounds_record.h"
#include "engine/ir/shape.h"
#include "engine/runtime/buffer_check.h"
#include "engine/runtime/jit.h"
#include "engine/runtime/linear_evaluator.h"
#include "engine/runtime/raw_buffer.h"

namespace rw {

namespace {
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

IntTuple buffer_shape(const ScheduleBuffer& b) {
  int64_t n = 1;
  for (int64_t s : b.shape) n *= s;
  return n == b.size && !(b.shape.empty() && b.size != 1) ? b.shape : IntTuple{b.size};
}

HostArray initial_value(const ScheduleBuffer& b, const BufferTable& inputs) {
  HostArray a;
  a.dtype = b.dtype.base();
  a.shape = buffer_shape(b);
  a.data.assign(size_t(b.size), 0.0);
  if (b.role != ScheduleBuffer::Role::Input) return a;
  if (b.input_slot < 0 || size_t(b.input_slot) >= inputs.size())
    throw std::invalid_argument("buffer " + b.name + " is an input of slot " + std::to_string(b.input_slot) + ", but the buffer table has " +
                                std::to_string(inputs.size()) + " entries");
  const HostArray& src = inputs.at(b.input_slot).data;
  if (int64_t(src.numel()) != b.size)
    throw std::invalid_argument("buffer " + b.name + " holds " + std::to_string(b.size) + " elements, its input '" + inputs.at(b.input_slot).label + "' has " +
                                std::to_string(src.numel()));
  for (size_t i = 0; i < src.numel(); ++i) a.data[i] = cast_value(src.data[i], a.dtype);
  return a;
}

// The buffers a kernel stores into, by DEFINE_GLOBAL slot.
std::vector<int64_t> stored_slots(UOpPtr ast) {
  std::vector<int64_t> out;
  for (UOpPtr st : ast->src)
    if (st->op == Op::STORE && st->src[0]->op == Op::INDEX && st->src[0]->src[0]->op == Op::DEFINE_GLOBAL) out.push_back(st->src[0]->src[0]->arg.get<int64_t>());
  return out;
}

void check_bindings(const KernelProgram& p, const ScheduledKernel& k, const Schedule& s) {
  if (p.params.size() > k.globals.size())
    throw std::invalid_argument("kernel " + k.name + " uses " + std::to_string(p.params.size()) + " buffers but binds " + std::to_string(k.globals.size()));
  for (size_t i = 0; i < p.params.size(); ++i) {
    int id = k.globals[i];
    if (id < 0 || size_t(id) >= s.buffers.size()) throw std::invalid_argument("kernel " + k.name + ": slot " + std::to_string(i) + " binds unknown buffer " + std::to_string(id));
    const ScheduleBuffer& b = s.buffers[size_t(id)];
    if (p.params[i].scalar != b.dtype.scalar || (p.params[i].size >= 0 && p.params[i].size > b.size))
      throw std::invalid_argument("kernel " + k.name + ": slot " + std::to_string(i) + " expects " + to_string(p.params[i]) + " but buffer " + b.name + " is " +
                                  to_string(b.dtype) + "[" + std::to_string(b.size) + "]");
  }
}

TimingRecord time_runs(const std::string& kernel, const RunOptions& opt, const std::function<void()>& run) {
  for (int i = 0; i < opt.warmup; ++i) run();
  std::vector<double> us;
  for (int i = 0; i < std::max(1, opt.iterations); ++i) {
    auto t = Clock::now();
    run();
    us.push_back(ms_since(t) * 1000.0);
  }
  std::sort(us.begin(), us.end());
  TimingRecord r;
  r.kernel = kernel;
  r.iterations = int(us.size());
  r.min_us = us.front();
  r.median_us = us.size() % 2 ? us[us.size() / 2] : (us[us.size() / 2 - 1] + us[us.size() / 2]) / 2;
  return r;
}

std::atomic<uint64_t> g_run_counter{0};
}  // namespace

std::string BoundsReport::to_string() const {
  return "kernel " + kernel + ", buffer slot " + std::to_string(slot) + " (" + buffer + "), index " + std::to_string(index) + " out of bounds [0, " +
         std::to_string(size) + ")" + (count > 1 ? " (" + std::to_string(count) + " out-of-bounds accesses)" : "");
}

bool RunResult::ok() const {
  if (!out_of_bounds.empty()) return false;
  return std::all_of(checks.begin(), checks.end(), [](const CheckRecord& c) { return c.ok; });
}

NamedArrays RunResult::outputs(const Schedule& s) const {
  NamedArrays out;
  for (const ScheduleBuffer& b : s.buffers)
    if (b.role == ScheduleBuffer::Role::Output) out.emplace_back(b.name, buffers.at(size_t(b.id)));
  return out;
}

RunResult run_schedule(const Schedule& s, const BufferTable& inputs, const RunOptions& opt) {
  RunResult result;
  for (const ScheduleBuffer& b : s.buffers) result.buffers.push_back(initial_value(b, inputs));
  std::vector<std::unique_ptr<RawBuffer>> raw;
  if (opt.executor == Executor::Llvm)
    for (size_t i = 0; i < s.buffers.size(); ++i) raw.push_back(std::make_unique<RawBuffer>(to_raw(result.buffers[i], s.buffers[i].dtype)));
  std::unique_ptr<Jit> jit = opt.executor == Executor::Llvm ? std::make_unique<Jit>() : nullptr;
  uint64_t run_id = g_run_counter++;
  std::map<int, std::string> writer;  // buffer id -> the last kernel that stored into it
  Tracer& tracer = current_tracer();

  for (size_t ki = 0; ki < s.kernels.size(); ++ki) {
    const ScheduledKernel& k = s.kernels[ki];
    KernelRun run;
    run.globals = k.globals;
    // Symbols are unique per JIT session and per process, so modules never collide.
    std::string symbol = k.name + "_r" + std::to_string(run_id) + "k" + std::to_string(ki);
    run.program = codegen_kernel(k.ast, k.name, opt.codegen, symbol);
    check_bindings(run.program, k, s);
    for (int64_t slot : stored_slots(k.ast)) writer[k.globals.at(size_t(slot))] = k.name;

    if (opt.executor == Executor::Llvm) {
      auto t = Clock::now();
      Jit::KernelFn fn = jit->compile(run.program.llvm_ir, symbol);
      run.compile_ms = ms_since(t);
      std::vector<void*> args;
      for (size_t i = 0; i < run.program.params.size(); ++i) args.push_back(raw[size_t(k.globals[i])]->data());
      namespace br = bounds_record;
      std::vector<int64_t> record;  // checked kernels: the bounds record, one more argument
      if (opt.codegen.checked) {
        record.assign(size_t(br::words(int64_t(run.program.params.size()))), 0);
        for (size_t i = 0; i < run.program.params.size(); ++i) record[size_t(br::kSizes) + i] = s.buffers.at(size_t(k.globals[i])).size;
        args.push_back(record.data());
      }
      run.timing = time_runs(k.name, opt, [&] {
        if (!record.empty()) std::fill(record.begin(), record.begin() + br::kSizes, 0);  // each run reports its own accesses
        fn(args.data());
      });
      if (!record.empty() && record[size_t(br::kCount)] > 0) {
        BoundsReport b;
        b.kernel = k.name;
        b.slot = record[size_t(br::kSlot)];
        b.buffer = b.slot >= 0 && size_t(b.slot) < k.globals.size() ? s.buffers.at(size_t(k.globals[size_t(b.slot)])).name : "?";
        b.index = record[size_t(br::kIndex)];
        b.size = record[size_t(br::kSize)];
        b.count = record[size_t(br::kCount)];
        tracer.log(LogLevel::Error, b.to_string());
        result.out_of_bounds.push_back(std::move(b));
      }
    } else {
      std::vector<HostArray*> args;
      for (size_t i = 0; i < run.program.params.size(); ++i) args.push_back(&result.buffers[size_t(k.globals[i])]);
      RunOptions once = opt;
      once.warmup = 0;
      once.iterations = 1;  // interpreting is slow, and one run says all it can
      run.timing = time_runs(k.name, once, [&] { evaluate_linear(run.program.linear, args, k.name); });
    }
    tracer.on_kernel(KernelRecord{k.name, k.ast, run.program.linear_text, run.program.c_source, run.program.llvm_ir, run.compile_ms,
                                  run.program.flops, run.program.bytes, k.computes});
    tracer.on_timing(run.timing);
    result.kernels.push_back(std::move(run));
  }

  if (opt.executor == Executor::Llvm)
    for (size_t i = 0; i < s.buffers.size(); ++i) result.buffers[i] = from_raw(*raw[i], buffer_shape(s.buffers[i]));
  for (const auto& [id, want] : opt.expected) {
    const ScheduleBuffer& b = s.buffers.at(size_t(id));
    std::string by = writer.count(id) ? writer[id] : "(no kernel)";
    CheckRecord c = check_buffer(by, b.name, result.buffers.at(size_t(id)), want);
    tracer.on_check(c);
    result.checks.push_back(std::move(c));
  }
  return result;
}

std::map<int, HostArray> expected_outputs(const Schedule& s, const NamedArrays& reference) {
  std::map<int, HostArray> out;
  for (const ScheduleBuffer& b : s.buffers) {
    if (b.role != ScheduleBuffer::Role::Output) continue;
    for (const auto& [name, arr] : reference)
      if (name == b.name) out[b.id] = arr;
  }
  return out;
}

std::map<int, HostArray> expected_buffers(const Schedule& s, Evaluator& reference) {
  std::map<int, HostArray> out;
  for (const ScheduleBuffer& b : s.buffers) {
    if (b.role == ScheduleBuffer::Role::Input || !b.node) continue;
    HostArray want = reference.evaluate(b.node);
    if (int64_t(want.data.size()) != b.size) continue;  // not a plain row-major image of the buffer
    want.shape = b.shape;
    out[b.id] = std::move(want);
  }
  return out;
}

}  // namespace rw
