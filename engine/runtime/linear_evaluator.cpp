#include "engine/runtime/linear_evaluator.h"

#include <cmath>
#include <limits>
#include <unordered_map>

#include "engine/ir/intmath.h"

namespace rw {

namespace {
double int_op(Op op, const DType& d, double a, double b) {
  int64_t x = int64_t(a), y = int64_t(b);
  switch (op) {
    case Op::ADD: return double(int64_t(uint64_t(x) + uint64_t(y)));
    case Op::SUB: return double(int64_t(uint64_t(x) - uint64_t(y)));
    case Op::MUL: return double(int64_t(uint64_t(x) * uint64_t(y)));
    case Op::IDIV: return double(floordiv(x, y));
    case Op::MOD: return double(floormod(x, y));
    case Op::MAX: return double(std::max(x, y));
    case Op::AND: return double(x & y);
    case Op::OR: return double(x | y);
    case Op::XOR: return double(x ^ y);
    case Op::SHL: return double(int64_t(uint64_t(x) << (y & 63)));
    case Op::SHR: return d.is_unsigned() ? double(uint64_t(x) >> (y & 63)) : double(x >> (y & 63));
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

double float_op(Op op, double a, double b) {
  switch (op) {
    case Op::ADD: return a + b;
    case Op::SUB: return a - b;
    case Op::MUL: return a * b;
    case Op::FDIV: return a / b;
    case Op::MAX: return std::isnan(a) || std::isnan(b) ? std::numeric_limits<double>::quiet_NaN() : std::max(a, b);
    case Op::POW: return std::pow(a, b);
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

double unary(Op op, double x) {
  switch (op) {
    case Op::NEG: return -x;
    case Op::RECIP: return 1.0 / x;
    case Op::SQRT: return std::sqrt(x);
    case Op::EXP2: return std::exp2(x);
    case Op::LOG2: return std::log2(x);
    case Op::SIN: return std::sin(x);
    case Op::TRUNC: return std::trunc(x);
    default: return x;
  }
}

// A float32 op is computed in float32 (as the compiled kernel does), not in double and
// rounded: exp2f(x) and double(float(exp2(x))) can differ in the last bit.
double float32_unary(Op op, double x) {
  float f = float(x);
  switch (op) {
    case Op::SQRT: return std::sqrt(f);
    case Op::EXP2: return std::exp2(f);
    case Op::LOG2: return std::log2(f);
    case Op::SIN: return std::sin(f);
    default: return unary(op, x);
  }
}

class Machine {
 public:
  Machine(const std::vector<UOpPtr>& p, std::span<HostArray* const> globals, const std::string& kernel)
      : p_(p), globals_(globals), kernel_(kernel), val_(p.size(), 0.0), base_(p.size(), -1), src_(p.size()), jump_(p.size(), 0) {
    std::unordered_map<UOpPtr, size_t> pos;
    for (size_t i = 0; i < p.size(); ++i) pos[p[i]] = i;
    for (size_t i = 0; i < p.size(); ++i) {
      for (UOpPtr s : p[i]->src) src_[i].push_back(pos.count(s) ? pos[s] : i);  // unlisted sources: CONSTs read their arg
      if (p[i]->is_const()) val_[i] = p[i]->dtype.is_float() ? p[i]->const_float() : double(p[i]->const_int());
      if (p[i]->op == Op::END) {
        size_t r = pos.at(p[i]->src[1]);
        jump_[r] = i;  // RANGE -> its END
        jump_[i] = r;  // END -> its RANGE
      }
    }
  }

  void run() {
    size_t pc = 0;
    while (pc < p_.size()) pc = step(pc);
  }

 private:
  double v(size_t i, size_t k) const {
    size_t s = src_[i][k];
    UOpPtr n = p_[i]->src[k];
    if (s == i) return n->is_const() ? (n->dtype.is_float() ? n->const_float() : double(n->const_int())) : 0.0;
    return val_[s];
  }

  std::vector<double>& memory(size_t index_pos, int64_t& offset) {
    size_t i = index_pos;
    int64_t b = base_[i];
    offset = int64_t(val_[i]);
    std::vector<double>& mem = b >= 0 ? globals_[size_t(b)]->data : regs_[size_t(-b - 1)];
    if (offset < 0 || offset >= int64_t(mem.size()))
      throw OutOfBoundsError("kernel " + kernel_ + ": " + std::string(b >= 0 ? "buffer data" + std::to_string(b) : "accumulator") + " accessed at index " +
                      std::to_string(offset) + ", outside [0, " + std::to_string(mem.size()) + ") (" + p_[i]->summary() + " %" + std::to_string(p_[i]->id) + ")");
    return mem;
  }

  size_t step(size_t i) {
    UOpPtr n = p_[i];
    const DType& d = n->dtype;
    switch (n->op) {
      case Op::SINK: case Op::GROUP: case Op::CONST: return i + 1;
      case Op::DEFINE_GLOBAL: {
        int64_t slot = n->arg.get<int64_t>();
        if (slot < 0 || size_t(slot) >= globals_.size() || !globals_[size_t(slot)])
          throw EvalError("kernel " + kernel_ + ": no buffer bound to DEFINE_GLOBAL slot " + std::to_string(slot));
        base_[i] = slot;
        return i + 1;
      }
      case Op::DEFINE_REG:
        regs_.emplace_back(size_t(std::max<int64_t>(1, d.size)), 0.0);
        base_[i] = -int64_t(regs_.size());
        return i + 1;
      case Op::NOOP:
        base_[i] = base_[src_[i][0]];
        val_[i] = val_[src_[i][0]];
        return i + 1;
      case Op::INDEX: {
        base_[i] = base_[src_[i][0]];
        bool open = n->src.size() < 3 || v(i, 2) != 0;
        val_[i] = open ? v(i, 1) : 0.0;
        return i + 1;
      }
      case Op::LOAD: {
        if (n->src.size() == 3 && v(i, 2) == 0) {
          val_[i] = v(i, 1);
          return i + 1;
        }
        int64_t off;
        std::vector<double>& mem = memory(src_[i][0], off);
        val_[i] = cast_value(mem[size_t(off)], d);
        return i + 1;
      }
      case Op::STORE: {
        if (n->src.size() == 3 && v(i, 2) == 0) return i + 1;
        int64_t off;
        std::vector<double>& mem = memory(src_[i][0], off);
        mem[size_t(off)] = cast_value(v(i, 1), n->src[1]->dtype);
        return i + 1;
      }
      case Op::RANGE:
        val_[i] = 0;
        return v(i, 0) > 0 ? i + 1 : jump_[i] + 1;
      case Op::END: {
        size_t r = jump_[i];
        val_[r] += 1;
        return val_[r] < v(r, 0) ? r + 1 : i + 1;
      }
      default: val_[i] = alu(i); return i + 1;
    }
  }

  double alu(size_t i) {
    UOpPtr n = p_[i];
    const DType& d = n->dtype;
    const DType& sd = n->src[0]->dtype;
    switch (n->op) {
      case Op::CMPLT: return v(i, 0) < v(i, 1);
      case Op::CMPNE: return v(i, 0) != v(i, 1);
      case Op::CMPEQ: return v(i, 0) == v(i, 1);
      case Op::WHERE: return v(i, 0) != 0 ? v(i, 1) : v(i, 2);
      case Op::CAST: return cast_value(v(i, 0), d);
      case Op::MULACC: return cast_value(cast_value(v(i, 0) * v(i, 1), d) + v(i, 2), d);
      default: break;
    }
    if (is_unary(n->op)) {
      if (sd.is_bool() && n->op == Op::NEG) return v(i, 0) == 0;
      if (!d.is_float()) return cast_value(n->op == Op::NEG ? -v(i, 0) : v(i, 0), d);
      bool f32 = d.scalar == Scalar::Float32 || d.scalar == Scalar::Float16;  // float16 is kept at float32
      return cast_value(f32 ? float32_unary(n->op, v(i, 0)) : unary(n->op, v(i, 0)), d);
    }
    if (d.is_bool()) {  // bool arithmetic is logic
      bool a = v(i, 0) != 0, b = v(i, 1) != 0;
      switch (n->op) {
        case Op::ADD: case Op::OR: case Op::MAX: return a || b;
        case Op::MUL: case Op::AND: return a && b;
        case Op::SUB: case Op::XOR: return a != b;
        default: break;
      }
    }
    if (d.is_float()) return cast_value(float_op(n->op, v(i, 0), v(i, 1)), d);
    return cast_value(int_op(n->op, d, v(i, 0), v(i, 1)), d);
  }

  const std::vector<UOpPtr>& p_;
  std::span<HostArray* const> globals_;
  const std::string& kernel_;
  std::vector<double> val_;
  std::vector<int64_t> base_;  // INDEX/NOOP/DEFINE: the memory it points into (slot, or -1-reg)
  std::vector<std::vector<size_t>> src_;
  std::vector<size_t> jump_;
  std::vector<std::vector<double>> regs_;
};
}  // namespace

void evaluate_linear(const std::vector<UOpPtr>& linear, std::span<HostArray* const> globals, const std::string& kernel) {
  Machine(linear, globals, kernel).run();
}

}  // namespace rw
