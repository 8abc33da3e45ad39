// Builds kernel ASTs (docs/kernel-ast.md) and whole schedules by hand, for codegen and runtime
// tests written before the scheduler produces them. Expected values are computed by the tests
// themselves with plain loops, independently of every evaluator.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/ir/arena.h"
#include "engine/ir/buffer_table.h"
#include "engine/schedule/schedule.h"

namespace rw::testing {

class KernelBuilder {
 public:
  explicit KernelBuilder(Arena& a) : a_(a) {}
  Arena& arena() { return a_; }

  UOpPtr global(int64_t slot, DType t, int64_t size) { return a_.make(Op::DEFINE_GLOBAL, t.as_ptr(size), {}, Arg(slot)); }
  UOpPtr loop(int64_t id, int64_t end) { return range(id, end, 0); }
  UOpPtr reduce_range(int64_t id, int64_t end) { return range(id, end, 1); }
  UOpPtr range(int64_t id, int64_t end, int64_t kind) {
    return a_.make(Op::RANGE, DType::index(), {a_.index_const(end)}, Arg(IntTuple{id, kind}));
  }
  UOpPtr idx(int64_t v) { return a_.index_const(v); }
  UOpPtr f32(double v) { return a_.const_float(DType::float32(), v); }
  UOpPtr i32(int64_t v) { return a_.const_int(DType::int32(), v); }

  UOpPtr at(UOpPtr buf, UOpPtr i, UOpPtr gate = nullptr) {
    std::vector<UOpPtr> s{buf, i};
    if (gate) s.push_back(gate);
    return a_.make(Op::INDEX, buf->dtype, s);
  }
  UOpPtr load(UOpPtr buf, UOpPtr i, UOpPtr gate = nullptr) { return a_.make(Op::LOAD, buf->dtype.base(), {at(buf, i, gate)}); }
  UOpPtr store(UOpPtr buf, UOpPtr i, UOpPtr value, std::vector<UOpPtr> loops, UOpPtr gate = nullptr) {
    std::vector<UOpPtr> s{at(buf, i, gate), value};
    s.insert(s.end(), loops.begin(), loops.end());
    return a_.make(Op::STORE, DType::void_(), s);
  }
  UOpPtr reduce(Op op, UOpPtr value, std::vector<UOpPtr> ranges) {
    std::vector<UOpPtr> s{value};
    s.insert(s.end(), ranges.begin(), ranges.end());
    return a_.make(Op::REDUCE, value->dtype, s, Arg(ReduceArg{op, {}}));
  }
  UOpPtr alu(Op op, DType t, std::vector<UOpPtr> s) { return a_.make(op, t, std::move(s)); }
  UOpPtr sink(std::vector<UOpPtr> stores) { return a_.sink(std::move(stores)); }

 private:
  Arena& a_;
};

// A schedule and its inputs, built buffer by buffer and kernel by kernel.
struct TestSchedule {
  Schedule schedule;
  BufferTable inputs;
  std::map<int, HostArray> expected;

  int input(const std::string& name, DType t, std::vector<double> values) {
    HostArray h{t, IntTuple{int64_t(values.size())}, std::move(values)};
    int64_t slot = inputs.add(BufferEntry{name, BufferOrigin::Literal, "", h});
    return add(t, int64_t(h.numel()), ScheduleBuffer::Role::Input, name, slot);
  }
  int output(const std::string& name, DType t, std::vector<double> want) {
    int id = add(t, int64_t(want.size()), ScheduleBuffer::Role::Output, name, -1);
    expected[id] = HostArray{t, IntTuple{int64_t(want.size())}, std::move(want)};
    return id;
  }
  int intermediate(DType t, int64_t size) { return add(t, size, ScheduleBuffer::Role::Intermediate, "buf" + std::to_string(schedule.buffers.size()), -1); }
  void kernel(const std::string& name, UOpPtr ast, std::vector<int> globals) { schedule.kernels.push_back(ScheduledKernel{name, ast, std::move(globals), {}}); }

 private:
  int add(DType t, int64_t size, ScheduleBuffer::Role role, const std::string& name, int64_t slot) {
    ScheduleBuffer b;
    b.id = int(schedule.buffers.size());
    b.dtype = t;
    b.size = size;
    b.role = role;
    b.input_slot = slot;
    b.name = name;
    b.shape = {size};
    schedule.buffers.push_back(b);
    return b.id;
  }
};

// Values 0..n-1 through f.
inline std::vector<double> values(int64_t n, const std::function<double(int64_t)>& f) {
  std::vector<double> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[size_t(i)] = f(i);
  return v;
}

}  // namespace rw::testing
