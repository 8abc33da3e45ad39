#include "engine/reference/stage_evaluator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/ir/shape.h"

namespace rw {

using Ranges = std::vector<UOpPtr>;

struct StageEvaluator::State {
  const BufferTable& table;
  std::shared_ptr<std::map<int64_t, HostArray>> stored;  // scheduler buffers by BUFFER id
  std::vector<HostArray*> bound;                         // DEFINE_GLOBAL slot -> buffer (inside a kernel)
  std::unordered_map<UOpPtr, Ranges> free_memo;
  std::array<Evaluator::Rule, kNumOps> reference{};      // the tensor rules this extends
};

namespace {

using Src = std::span<const HostArray* const>;
using State = StageEvaluator::State;

int64_t range_id(UOpPtr r) { return r->arg.get<IntTuple>()[0]; }
int64_t range_end(UOpPtr r) { return r->src[0]->const_int(); }

void sort_ranges(Ranges& r) {
  std::sort(r.begin(), r.end(), [](UOpPtr a, UOpPtr b) { return range_id(a) != range_id(b) ? range_id(a) < range_id(b) : a->id < b->id; });
  r.erase(std::unique(r.begin(), r.end()), r.end());
}

const Ranges& free_ranges(State& st, UOpPtr n) {
  if (auto it = st.free_memo.find(n); it != st.free_memo.end()) return it->second;
  Ranges out;
  switch (n->op) {
    case Op::RANGE: out = {n}; break;
    case Op::BUFFERIZE: case Op::STORE: case Op::NOOP: case Op::KERNEL: case Op::SINK: case Op::DEFINE_GLOBAL: case Op::BUFFER: break;
    default: {
      size_t first = n->op == Op::INDEX ? 1 : 0;
      size_t last = n->op == Op::REDUCE ? 1 : n->src.size();
      for (size_t i = first; i < last; ++i) {
        const Ranges& r = free_ranges(st, n->src[i]);
        out.insert(out.end(), r.begin(), r.end());
      }
      sort_ranges(out);
      if (n->op == Op::REDUCE) std::erase_if(out, [&](UOpPtr r) { return std::find(n->src.begin() + 1, n->src.end(), r) != n->src.end(); });
    }
  }
  return st.free_memo.emplace(n, std::move(out)).first->second;
}

IntTuple ends(const Ranges& r) {
  IntTuple e;
  for (UOpPtr x : r) e.push_back(range_end(x));
  return e;
}

// Calls f(offset into `to`-major order, offsets into each of `srcs`) for every assignment of
// `to`, where source i is laid out over from[i] (each a subset of `to`).
template <class F>
void odometer(const Ranges& to, const std::vector<const Ranges*>& from, F&& f) {
  IntTuple e = ends(to);
  size_t k = from.size();
  std::vector<IntTuple> strides(k, IntTuple(to.size(), 0));
  for (size_t i = 0; i < k; ++i) {
    IntTuple s = shape_strides(ends(*from[i]));
    for (size_t j = 0; j < from[i]->size(); ++j) {
      auto pos = std::find(to.begin(), to.end(), (*from[i])[j]);
      if (pos == to.end()) throw EvalError("stage evaluator: a value depends on " + (*from[i])[j]->summary() + " outside the ranges it is laid out over");
      strides[i][size_t(pos - to.begin())] = s[j];
    }
  }
  int64_t total = shape_numel(e);
  IntTuple idx(to.size(), 0);
  std::vector<int64_t> off(k, 0);
  for (int64_t t = 0; t < total; ++t) {
    f(t, off);
    for (size_t a = to.size(); a-- > 0;) {
      for (size_t i = 0; i < k; ++i) off[i] += strides[i][a];
      if (++idx[a] < e[a]) break;
      for (size_t i = 0; i < k; ++i) off[i] -= strides[i][a] * e[a];
      idx[a] = 0;
    }
  }
}

HostArray broadcast(const HostArray& v, const Ranges& from, const Ranges& to) {
  HostArray out{v.dtype, ends(to), std::vector<double>(size_t(shape_numel(ends(to))))};
  if (v.data.size() == 1 && from.empty()) {
    std::fill(out.data.begin(), out.data.end(), v.data[0]);
    return out;
  }
  odometer(to, {&from}, [&](int64_t t, const std::vector<int64_t>& off) { out.data[size_t(t)] = v.data[size_t(off[0])]; });
  return out;
}

// The data an INDEX reads and the shape its operands address.
struct Source {
  const HostArray* data;
  IntTuple shape;
};

HostArray zeros(DType d, int64_t n) { return HostArray{d, {n}, std::vector<double>(size_t(n))}; }

HostArray& stored_buffer(State& st, UOpPtr buffer) {
  int64_t id = buffer->arg.get<int64_t>();
  auto it = st.stored->find(id);
  if (it == st.stored->end()) it = st.stored->emplace(id, zeros(DType(buffer->dtype.scalar), buffer->dtype.size)).first;
  return it->second;
}

HostArray& global_buffer(State& st, UOpPtr g) {
  size_t slot = size_t(g->arg.get<int64_t>());
  if (slot >= st.bound.size() || !st.bound[slot])
    throw EvalError("DEFINE_GLOBAL slot " + std::to_string(slot) + " is not bound: kernels are evaluated through their KERNEL node or run_schedule");
  return *st.bound[slot];
}

Source index_source(State& st, UOpPtr src, Evaluator& ev) {
  switch (src->op) {
    case Op::BUFFER:
      if (src->arg.is<int64_t>()) {
        HostArray& b = stored_buffer(st, src);
        return {&b, {int64_t(b.numel())}};
      }
      { const HostArray& b = ev.evaluate(src); return {&b, b.shape}; }
    case Op::DEFINE_GLOBAL: {
      HostArray& b = global_buffer(st, src);
      return {&b, {int64_t(b.numel())}};
    }
    case Op::BUFFERIZE: case Op::NOOP: {
      const HostArray& b = ev.evaluate(src);
      return {&b, b.shape};
    }
    case Op::KERNEL: {  // mid-split snapshots: the kernel's output buffer once it ran
      const HostArray& b = ev.evaluate(src);
      return {&b, {int64_t(b.numel())}};
    }
    default:
      // Mid-rangeify snapshots index tensor nodes whose movement ops are still there: their
      // value is the reference's, read at the index.
      if (src->shape && ev.rule(src->op)) {
        const HostArray& b = ev.evaluate(src);
        return {&b, b.shape};
      }
      throw EvalError("the stage evaluator cannot index " + src->summary() + " (node %" + std::to_string(src->id) + ")");
  }
}

// Value of every element an INDEX (or a STORE's target) addresses, over `to`: the offsets,
// and whether each is valid (the gate).
struct Addresses {
  std::vector<int64_t> offset;
  std::vector<bool> valid;
};

Addresses addresses(State& st, UOpPtr idx, const IntTuple& shape, const Ranges& to, Evaluator& ev) {
  size_t end = idx->src.size();
  UOpPtr gate = end > 2 && idx->src.back()->dtype.is_bool() ? idx->src[--end] : nullptr;
  size_t nops = end - 1;
  IntTuple strides = nops == shape.size() ? shape_strides(shape) : IntTuple{1};
  if (nops != shape.size() && nops != 1)
    throw EvalError(idx->summary() + " (node %" + std::to_string(idx->id) + ") has " + std::to_string(nops) + " operands for a buffer of shape " + shape_str(shape));
  int64_t n = shape_numel(ends(to));
  Addresses a{std::vector<int64_t>(size_t(n), 0), std::vector<bool>(size_t(n), true)};
  for (size_t j = 0; j < nops; ++j) {
    UOpPtr op = idx->src[1 + j];
    HostArray v = broadcast(ev.evaluate(op), free_ranges(st, op), to);
    for (size_t t = 0; t < v.data.size(); ++t) a.offset[t] += int64_t(v.data[t]) * strides[j];
  }
  if (gate) {
    HostArray g = broadcast(ev.evaluate(gate), free_ranges(st, gate), to);
    for (size_t t = 0; t < g.data.size(); ++t) a.valid[t] = g.data[t] != 0;
  }
  return a;
}

// The buffer an INDEX addresses, as a person finds it in a trace or a kernel.
std::string buffer_name(UOpPtr src) {
  if (src->op == Op::DEFINE_GLOBAL) return "DEFINE_GLOBAL slot " + std::to_string(src->arg.get<int64_t>());
  if (src->op == Op::BUFFER && src->arg.is<int64_t>()) return "buffer " + std::to_string(src->arg.get<int64_t>());
  return src->summary() + " %" + std::to_string(src->id);
}

// An access outside its buffer is an error naming the buffer, the index and the node, never
// a read of whatever lies past the array.
[[noreturn]] void out_of_bounds(const char* access, UOpPtr idx, int64_t off, size_t size) {
  throw OutOfBoundsError(std::string("out-of-bounds ") + access + " of " + buffer_name(idx->src[0]) + ": index " + std::to_string(off) +
                  " out of bounds [0, " + std::to_string(size) + ") (" + idx->summary() + " %" + std::to_string(idx->id) + ")");
}

}  // namespace

StageEvaluator::StageEvaluator(const BufferTable& buffers)
    : StageEvaluator(buffers, std::make_shared<std::map<int64_t, HostArray>>(), {}) {}

StageEvaluator::StageEvaluator(const BufferTable& buffers, std::shared_ptr<std::map<int64_t, HostArray>> stored, std::vector<HostArray*> bound)
    : st_(std::make_unique<State>(State{buffers, std::move(stored), std::move(bound), {}, {}})), ev_(buffers) {
  add_rules();
}

StageEvaluator::~StageEvaluator() = default;

const HostArray& StageEvaluator::evaluate(UOpPtr node) { return ev_.evaluate(node); }

HostArray StageEvaluator::value_as(UOpPtr node, const IntTuple& shape) {
  HostArray v = evaluate(node);
  if (int64_t(v.numel()) != shape_numel(shape))
    throw EvalError(node->summary() + " (node %" + std::to_string(node->id) + ") has " + std::to_string(v.numel()) + " elements, expected " + shape_str(shape));
  v.shape = shape;
  return v;
}

void StageEvaluator::add_rules() {
  State& st = *st_;
  for (int i = 0; i < kNumOps; ++i) st.reference[size_t(i)] = ev_.rule(Op(i));

  // ALU ops after rangeify carry no tensor shape: broadcast their sources over their ranges,
  // then apply the reference rule. Tensor-shaped nodes keep the reference rule as it is.
  for (int i = 0; i < kNumOps; ++i) {
    Op op = Op(i);
    if (!is_alu(op) || !st.reference[size_t(i)]) continue;
    ev_.set_rule(op, [&st, op](UOpPtr n, Src s, Evaluator& ev) {
      if (n->shape) return st.reference[size_t(op)](n, s, ev);
      const Ranges& to = free_ranges(st, n);
      std::vector<HostArray> b;
      for (size_t k = 0; k < s.size(); ++k) b.push_back(broadcast(*s[k], free_ranges(st, n->src[k]), to));
      std::vector<const HostArray*> ptrs;
      for (const HostArray& x : b) ptrs.push_back(&x);
      HostArray out = st.reference[size_t(op)](n, ptrs, ev);
      out.shape = ends(to);
      return out;
    });
  }

  ev_.set_rule(Op::RANGE, [](UOpPtr n, Src, Evaluator&) {
    HostArray out{DType::index(), {range_end(n)}, {}};
    for (int64_t i = 0; i < range_end(n); ++i) out.data.push_back(double(i));
    return out;
  });

  ev_.set_rule(Op::BUFFER, [&st](UOpPtr n, Src s, Evaluator& ev) {
    if (n->arg.is<int64_t>()) return stored_buffer(st, n);
    return st.reference[size_t(Op::BUFFER)](n, s, ev);
  });
  ev_.set_rule(Op::DEFINE_GLOBAL, [](UOpPtr n, Src, Evaluator&) { return HostArray{DType(n->dtype.scalar), {0}, {}}; });
  ev_.set_rule(Op::SINK, [](UOpPtr, Src, Evaluator&) { return HostArray{DType::void_(), {0}, {}}; });

  ev_.set_rule(
      Op::INDEX,
      [&st](UOpPtr n, Src, Evaluator& ev) {
        Source src = index_source(st, n->src[0], ev);
        const Ranges& to = free_ranges(st, n);
        Addresses a = addresses(st, n, src.shape, to, ev);
        DType dt(n->dtype.scalar);
        HostArray out{dt, ends(to), std::vector<double>(a.offset.size())};
        for (size_t t = 0; t < a.offset.size(); ++t) {
          if (!a.valid[t]) continue;
          if (a.offset[t] < 0 || size_t(a.offset[t]) >= src.data->numel()) out_of_bounds("read", n, a.offset[t], src.data->numel());
          out.data[t] = cast_value(src.data->data[size_t(a.offset[t])], dt);
        }
        return out;
      },
      1);

  ev_.set_rule(Op::LOAD, [](UOpPtr, Src s, Evaluator&) { return *s[0]; });

  ev_.set_rule(Op::BUFFERIZE, [&st](UOpPtr n, Src s, Evaluator&) {
    Ranges to;
    IntTuple shape;
    for (size_t i = 1; i < n->src.size(); ++i) {
      shape.push_back(n->src[i]->op == Op::RANGE ? range_end(n->src[i]) : 1);
      if (n->src[i]->op == Op::RANGE) to.push_back(n->src[i]);
    }
    HostArray out = broadcast(*s[0], free_ranges(st, n->src[0]), to);
    out.shape = shape;
    for (double& v : out.data) v = cast_value(v, n->dtype);
    return out;
  });

  ev_.set_rule(Op::REDUCE, [&st](UOpPtr n, Src s, Evaluator&) {
    const Ranges& from = free_ranges(st, n->src[0]);
    const Ranges& to = free_ranges(st, n);
    Ranges all = from;
    all.insert(all.end(), n->src.begin() + 1, n->src.end());
    sort_ranges(all);
    Op op = n->arg.get<ReduceArg>().op;
    bool ints = !n->dtype.is_float();
    double identity = op == Op::ADD ? 0.0 : op == Op::MUL ? 1.0 : ints ? double(n->dtype.min_int()) : -INFINITY;
    HostArray out{n->dtype, ends(to), std::vector<double>(size_t(shape_numel(ends(to))), identity)};
    const HostArray& v = *s[0];
    odometer(all, {&from, &to}, [&](int64_t, const std::vector<int64_t>& off) {
      double x = v.data[size_t(off[0])];
      double& acc = out.data[size_t(off[1])];
      if (op == Op::ADD) acc = ints ? double(int64_t(uint64_t(int64_t(acc)) + uint64_t(int64_t(x)))) : acc + x;
      else if (op == Op::MUL) acc = ints ? double(int64_t(uint64_t(int64_t(acc)) * uint64_t(int64_t(x)))) : acc * x;
      else acc = std::isnan(acc) || std::isnan(x) ? std::numeric_limits<double>::quiet_NaN() : std::max(acc, x);
    });
    for (double& x : out.data) x = cast_value(x, n->dtype);
    return out;
  });

  ev_.set_rule(
      Op::STORE,
      [&st](UOpPtr n, Src s, Evaluator& ev) {
        UOpPtr target = n->src[0];
        HostArray& buf = target->src[0]->op == Op::DEFINE_GLOBAL ? global_buffer(st, target->src[0]) : stored_buffer(st, target->src[0]);
        Ranges to(n->src.begin() + 2, n->src.end());
        for (UOpPtr r : to)
          if (r->op != Op::RANGE) throw EvalError(n->summary() + " (node %" + std::to_string(n->id) + ") runs over " + r->summary() + ", not a RANGE");
        HostArray v = broadcast(*s[1], free_ranges(st, n->src[1]), to);
        Addresses a = addresses(st, target, {int64_t(buf.numel())}, to, ev);
        for (size_t t = 0; t < a.offset.size(); ++t) {
          if (!a.valid[t]) continue;
          if (a.offset[t] < 0 || size_t(a.offset[t]) >= buf.numel()) out_of_bounds("write", target, a.offset[t], buf.numel());
          buf.data[size_t(a.offset[t])] = cast_value(v.data[t], buf.dtype);
        }
        return buf;
      },
      1);

  ev_.set_rule(Op::NOOP, [](UOpPtr n, Src s, Evaluator&) {
    if (n->src.size() != 2 || n->src[1]->op != Op::STORE || !n->arg.is<IntTuple>())
      throw EvalError("the stage evaluator evaluates NOOP(buffer, store) only, got " + n->summary());
    HostArray out = *s[1];
    out.shape = n->arg.get<IntTuple>();
    return out;
  });

  ev_.set_rule(
      Op::KERNEL,
      [&st](UOpPtr n, Src, Evaluator& ev) {
        std::vector<HostArray> inputs;  // copies of the input BUFFERs a kernel reads
        inputs.reserve(n->src.size());
        std::vector<HostArray*> bound;
        for (size_t i = 1; i < n->src.size() && n->src[i]->op == Op::BUFFER; ++i) {
          UOpPtr b = n->src[i];
          if (b->arg.is<int64_t>()) {
            bound.push_back(&stored_buffer(st, b));
          } else {
            inputs.push_back(ev.evaluate(b));
            bound.push_back(&inputs.back());
          }
        }
        StageEvaluator inner(st.table, st.stored, bound);
        inner.evaluate(n->src[0]);
        return *bound.at(0);
      },
      1);
}

NamedArrays evaluate_schedule(const Schedule& schedule, const BufferTable& buffers) {
  std::vector<HostArray> arrays;
  for (const ScheduleBuffer& b : schedule.buffers) {
    if (b.role == ScheduleBuffer::Role::Input) {
      HostArray a = buffers.at(b.input_slot).data;
      a.shape = {int64_t(a.numel())};
      for (double& v : a.data) v = cast_value(v, b.dtype);
      arrays.push_back(std::move(a));
    } else {
      arrays.push_back(zeros(b.dtype, b.size));
    }
  }
  auto stored = std::make_shared<std::map<int64_t, HostArray>>();
  for (const ScheduledKernel& k : schedule.kernels) {
    std::vector<HostArray*> bound;
    for (int id : k.globals) bound.push_back(&arrays.at(size_t(id)));
    StageEvaluator ev(buffers, stored, bound);
    ev.evaluate(k.ast);
  }
  NamedArrays out;
  for (const ScheduleBuffer& b : schedule.buffers) {
    if (b.role != ScheduleBuffer::Role::Output) continue;
    HostArray a = arrays[size_t(b.id)];
    a.shape = b.shape;
    out.emplace_back(b.name, std::move(a));
  }
  return out;
}

}  // namespace rw
