// The C-like renderer: readable source for the viewer. One statement per value, loops as
// for-loops, accumulators as one-element arrays, floor division through helpers.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "engine/codegen/render.h"
#include "engine/codegen/render_names.h"

namespace rw {

namespace {
std::string c_type(const DType& d) {
  switch (d.scalar) {
    case Scalar::Bool: return "bool";
    case Scalar::Int8: return "int8_t";
    case Scalar::Int16: return "int16_t";
    case Scalar::Int32: return "int32_t";
    case Scalar::Int64: return "int64_t";
    case Scalar::UInt8: return "uint8_t";
    case Scalar::UInt16: return "uint16_t";
    case Scalar::UInt32: return "uint32_t";
    case Scalar::UInt64: return "uint64_t";
    case Scalar::Float16: return "float";  // computed at float32 precision, like every evaluator
    case Scalar::Float32: return "float";
    case Scalar::Float64: return "double";
    default: return "void";
  }
}

std::string float_literal(double v, const DType& d) {
  bool f32 = d.scalar != Scalar::Float64;
  if (std::isnan(v)) return "NAN";
  if (std::isinf(v)) return v > 0 ? "INFINITY" : "-INFINITY";
  char buf[64];
  std::snprintf(buf, sizeof buf, f32 ? "%.9g" : "%.17g", v);
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return f32 ? s + "f" : s;
}

class CRenderer {
 public:
  CRenderer(const std::string& name, bool checked) : name_(name), checked_(checked) {}

  std::string render(const std::vector<UOpPtr>& linear) {
    std::vector<UOpPtr> globals;  // parameters in slot order, as the runtime binds them
    for (UOpPtr n : linear)
      if (n->op == Op::DEFINE_GLOBAL) globals.push_back(n);
    std::sort(globals.begin(), globals.end(), [](UOpPtr a, UOpPtr b) { return a->arg.get<int64_t>() < b->arg.get<int64_t>(); });
    std::string params;
    for (UOpPtr n : globals) {
      bool written = false;
      for (UOpPtr m : linear)
        if (m->op == Op::STORE && m->src[0]->src[0] == n) written = true;
      params += (params.empty() ? "" : ", ") + std::string(written ? "" : "const ") + c_type(n->dtype) + "* restrict " + names_.name(n);
    }
    for (UOpPtr n : linear) line(n);
    std::string head;
    if (uses_oob_)
      head += "// records an out-of-bounds access in the run's bounds record; the access goes to a scratch word instead of the buffer\n"
              "int64_t rw_oob(int64_t slot, int64_t index, int64_t size);\n";
    for (const std::string& h : helpers_) head += h;
    return head + (head.empty() ? "" : "\n") + "void " + name_ + "(" + params + ") {\n" + body_ + "}\n";
  }

 private:
  std::string ref(UOpPtr n) {
    if (n->op == Op::CONST) {
      if (n->dtype.is_float()) return float_literal(n->const_float(), n->dtype);
      if (n->dtype.is_bool()) return n->const_int() ? "true" : "false";
      if (n->dtype.scalar == Scalar::Int64 && (n->const_int() > INT32_MAX || n->const_int() < INT32_MIN)) return std::to_string(n->const_int()) + "LL";
      return std::to_string(n->const_int());
    }
    if (n->op == Op::NOOP) return ref(n->src[0]);
    return names_.name(n);
  }

  std::string element(UOpPtr index) { return ref(index->src[0]) + "[" + ref(index->src[1]) + "]"; }

  // The bounds test of a buffer access, or "" when unchecked (accumulators are never checked).
  bool checks(UOpPtr index) { return checked_ && index->src[0]->op == Op::DEFINE_GLOBAL; }
  std::string in_bounds(UOpPtr index) {
    return "(uint64_t)" + ref(index->src[1]) + " < " + std::to_string(index->src[0]->dtype.size) + "u";
  }
  std::string oob_call(UOpPtr index) {
    uses_oob_ = true;
    return "rw_oob(" + std::to_string(index->src[0]->arg.get<int64_t>()) + ", " + ref(index->src[1]) + ", " + std::to_string(index->src[0]->dtype.size) + ")";
  }
  std::string read(UOpPtr index) {
    if (!checks(index)) return element(index);
    return "(" + in_bounds(index) + " ? " + element(index) + " : " + oob_call(index) + ")";
  }

  void emit(const std::string& s) { body_ += std::string(size_t(2 * depth_), ' ') + s + "\n"; }
  void define(UOpPtr n, const std::string& expr) { emit(c_type(n->dtype) + " " + names_.name(n) + " = " + expr + ";"); }

  std::string helper(Op op, const DType& d) {
    std::string t = c_type(d), fn = std::string(op == Op::IDIV ? "floordiv_" : "floormod_") + t;
    std::string body;
    if (d.is_unsigned()) {
      body = op == Op::IDIV ? "return b == 0 ? 0 : a / b;" : "return b == 0 ? 0 : a % b;";
    } else if (op == Op::IDIV) {
      body = "if (b == 0) return 0; if (b == -1) return (" + t + ")(0u - (u" + t + ")a); " + t +
             " q = a / b; return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;";
    } else {
      body = "if (b == 0 || b == -1) return 0; " + t + " r = a % b; return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;";
    }
    helpers_.insert("static inline " + t + " " + fn + "(" + t + " a, " + t + " b) { " + body + " }\n");
    return fn;
  }

  std::string alu(UOpPtr n) {
    auto a = [&](size_t i) { return ref(n->src[i]); };
    bool flt = n->dtype.is_float() || (n->src.size() > 0 && n->src[0]->dtype.is_float());
    std::string f = n->dtype.scalar == Scalar::Float64 ? "" : "f";
    switch (n->op) {
      case Op::ADD:  // x + -2 reads as x - 2
        if (n->src[1]->is_const() && !flt && !n->dtype.is_bool() && n->src[1]->const_int() < 0 && n->src[1]->const_int() > INT32_MIN)
          return a(0) + " - " + std::to_string(-n->src[1]->const_int());
        return a(0) + " + " + a(1);
      case Op::SUB: return a(0) + " - " + a(1);
      case Op::MUL: return a(0) + " * " + a(1);
      case Op::FDIV: return a(0) + " / " + a(1);
      case Op::IDIV: case Op::MOD: return helper(n->op, n->dtype) + "(" + a(0) + ", " + a(1) + ")";
      case Op::MAX:
        if (flt) return "(isnan(" + a(0) + ") || isnan(" + a(1) + ") ? NAN : fmax" + f + "(" + a(0) + ", " + a(1) + "))";
        return "(" + a(0) + " > " + a(1) + " ? " + a(0) + " : " + a(1) + ")";
      case Op::CMPLT: return a(0) + " < " + a(1);
      case Op::CMPNE: return a(0) + " != " + a(1);
      case Op::CMPEQ: return a(0) + " == " + a(1);
      case Op::AND: return a(0) + " & " + a(1);
      case Op::OR: return a(0) + " | " + a(1);
      case Op::XOR: return a(0) + " ^ " + a(1);
      case Op::SHL: return a(0) + " << " + a(1);
      case Op::SHR: return a(0) + " >> " + a(1);
      case Op::NEG: return n->dtype.is_bool() ? "!" + a(0) : "-" + a(0);
      case Op::RECIP: return (f.empty() ? "1.0 / " : "1.0f / ") + a(0);
      case Op::EXP2: return "exp2" + f + "(" + a(0) + ")";
      case Op::LOG2: return "log2" + f + "(" + a(0) + ")";
      case Op::SIN: return "sin" + f + "(" + a(0) + ")";
      case Op::SQRT: return "sqrt" + f + "(" + a(0) + ")";
      case Op::TRUNC: return "trunc" + f + "(" + a(0) + ")";
      case Op::POW: return "pow" + f + "(" + a(0) + ", " + a(1) + ")";
      case Op::WHERE: return a(0) + " ? " + a(1) + " : " + a(2);
      case Op::MULACC: return a(0) + " * " + a(1) + " + " + a(2);
      case Op::CAST: return "(" + c_type(n->dtype) + ")" + a(0);
      case Op::BITCAST: return "bitcast<" + c_type(n->dtype) + ">(" + a(0) + ")";
      default: throw std::invalid_argument("the C renderer cannot render " + n->summary() + " %" + std::to_string(n->id));
    }
  }

  void line(UOpPtr n) {
    switch (n->op) {
      case Op::DEFINE_GLOBAL: case Op::CONST: case Op::NOOP: case Op::INDEX: case Op::SINK: case Op::GROUP: return;
      case Op::DEFINE_REG: emit(c_type(n->dtype) + " " + names_.name(n) + "[1];"); return;
      case Op::RANGE: {
        std::string v = names_.name(n);
        emit("for (" + c_type(n->dtype) + " " + v + " = 0; " + v + " < " + ref(n->src[0]) + "; " + v + "++) {");
        ++depth_;
        return;
      }
      case Op::END: --depth_; emit("}"); return;
      case Op::LOAD:
        if (n->src.size() == 3) define(n, ref(n->src[2]) + " ? " + read(n->src[0]) + " : " + ref(n->src[1]));
        else define(n, read(n->src[0]));
        return;
      case Op::STORE: {
        std::string gate = n->src.size() == 3 ? "if (" + ref(n->src[2]) + ") " : std::string();
        std::string store = element(n->src[0]) + " = " + ref(n->src[1]) + ";";
        if (!checks(n->src[0])) return emit(gate + store);
        return emit(gate + (gate.empty() ? "" : "{ ") + "if (" + in_bounds(n->src[0]) + ") " + store + " else " + oob_call(n->src[0]) + ";" +
                    (gate.empty() ? "" : " }"));
      }
      default: define(n, alu(n)); return;
    }
  }

  std::string name_;
  bool checked_;
  bool uses_oob_ = false;
  ValueNames names_;
  std::set<std::string> helpers_;
  std::string body_;
  int depth_ = 1;
};
}  // namespace

std::string render_c(const std::vector<UOpPtr>& linear, const std::string& name, bool checked) { return CRenderer(name, checked).render(linear); }

}  // namespace rw
