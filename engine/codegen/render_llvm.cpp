// The LLVM IR renderer: the IR the runtime compiles and runs, exactly as shown.
//
// Kernel signature: void @name(ptr %bufs), bufs[i] = buffer of DEFINE_GLOBAL slot i.
// Loops are head/body/latch/exit blocks with a phi for the loop variable; accumulators are
// allocas in the entry block (the -O2 pipeline promotes them to registers). Gated loads read
// element 0 where the gate is false and select the default, so no address leaves the buffer;
// gated stores branch around the store. Integer arithmetic wraps (no nsw/nuw), floor
// division is a helper with the engine's semantics (x//0 == 0), float math uses llvm
// intrinsics (libm calls after lowering) with no fast-math flags. Checked kernels
// (bounds_record.h) test every buffer address against its buffer's size; the test's failure
// branch calls a cold helper that records it, and the access goes to the record's scratch word.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "engine/codegen/bounds_record.h"
#include "engine/codegen/render.h"
#include "engine/codegen/render_llvm_fault.h"
#include "engine/codegen/render_llvm_types.h"
#include "engine/codegen/render_names.h"

namespace rw {

namespace {
std::string fsuffix(const DType& d) { return d.scalar == Scalar::Float64 ? "f64" : "f32"; }

std::string floor_helper(Op op, const DType& d) {
  std::string t = llvm_type(d), name = std::string(op == Op::IDIV ? "@floordiv." : "@floormod.") + (d.is_unsigned() ? "u" : "") + t;
  std::string s = "define internal " + t + " " + name + "(" + t + " %a, " + t + " %b) #1 {\n";
  s += "  %zero = icmp eq " + t + " %b, 0\n";
  if (d.is_unsigned()) {
    s += "  %bs = select i1 %zero, " + t + " 1, " + t + " %b\n";
    s += "  %r = " + std::string(op == Op::IDIV ? "udiv " : "urem ") + t + " %a, %bs\n";
    s += "  %res = select i1 %zero, " + t + " 0, " + t + " %r\n  ret " + t + " %res\n}\n";
    return s;
  }
  // b == -1 is divided as 1 and negated: sdiv of INT_MIN by -1 would trap.
  s += "  %minus1 = icmp eq " + t + " %b, -1\n  %unsafe = or i1 %zero, %minus1\n";
  s += "  %bs = select i1 %unsafe, " + t + " 1, " + t + " %b\n";
  s += "  %q = sdiv " + t + " %a, %bs\n  %r = srem " + t + " %a, %bs\n";
  s += "  %rnz = icmp ne " + t + " %r, 0\n  %rneg = icmp slt " + t + " %r, 0\n  %bneg = icmp slt " + t + " %bs, 0\n";
  s += "  %signs = xor i1 %rneg, %bneg\n  %adjust = and i1 %rnz, %signs\n";
  if (op == Op::IDIV) {
    s += "  %qm1 = sub " + t + " %q, 1\n  %qf = select i1 %adjust, " + t + " %qm1, " + t + " %q\n";
    s += "  %neg = sub " + t + " 0, %a\n  %qn = select i1 %minus1, " + t + " %neg, " + t + " %qf\n";
    s += "  %res = select i1 %zero, " + t + " 0, " + t + " %qn\n";
  } else {
    s += "  %rb = add " + t + " %r, %bs\n  %res = select i1 %adjust, " + t + " %rb, " + t + " %r\n";
  }
  return s + "  ret " + t + " %res\n}\n";
}

// @rw.oob(record, slot, index, size): counts an out-of-bounds access and keeps the first.
std::string oob_helper() {
  using namespace bounds_record;
  std::string s = "define internal void @rw.oob(ptr %rec, i64 %slot, i64 %index, i64 %size) #2 {\n";
  s += "  %count = load i64, ptr %rec, align 8\n  %first = icmp eq i64 %count, 0\n  br i1 %first, label %keep, label %done\n";
  s += "keep:\n";
  s += "  %at.slot = getelementptr i64, ptr %rec, i64 " + std::to_string(kSlot) + "\n  store i64 %slot, ptr %at.slot, align 8\n";
  s += "  %at.index = getelementptr i64, ptr %rec, i64 " + std::to_string(kIndex) + "\n  store i64 %index, ptr %at.index, align 8\n";
  s += "  %at.size = getelementptr i64, ptr %rec, i64 " + std::to_string(kSize) + "\n  store i64 %size, ptr %at.size, align 8\n";
  s += "  br label %done\ndone:\n  %more = add i64 %count, 1\n  store i64 %more, ptr %rec, align 8\n  ret void\n}\n";
  return s;
}

class LlvmRenderer {
 public:
  LlvmRenderer(const std::string& name, const FaultSet& faults, bool checked) : name_(name), faults_(faults), checked_(checked) {}

  std::string render(const std::vector<UOpPtr>& linear) {
    for (UOpPtr n : linear)
      if (n->op == Op::LOAD) loaded_.insert(n->src[0]);
    std::string prologue;
    if (checked_) {
      int64_t params = 0;
      for (UOpPtr n : linear)
        if (n->op == Op::DEFINE_GLOBAL) params = std::max(params, n->arg.get<int64_t>() + 1);
      prologue += "  %oob.rec.slot = getelementptr ptr, ptr %bufs, i64 " + std::to_string(params) + "\n";
      prologue += "  %oob.rec = load ptr, ptr %oob.rec.slot, align 8\n";
      prologue += "  %oob.scratch = getelementptr i64, ptr %oob.rec, i64 " + std::to_string(bounds_record::kScratch) + "\n";
      helpers_.insert(oob_helper());
    }
    for (UOpPtr n : linear) {
      if (n->op == Op::DEFINE_GLOBAL) {
        std::string v = "%" + names_.name(n), slot = std::to_string(n->arg.get<int64_t>());
        prologue += "  " + v + ".slot = getelementptr ptr, ptr %bufs, i64 " + slot + "\n";
        prologue += "  " + v + " = load ptr, ptr " + v + ".slot, align 8\n";
      }
      if (n->op == Op::DEFINE_REG)
        prologue += "  %" + names_.name(n) + " = alloca " + llvm_mem_type(n->dtype) + ", align " + std::to_string(llvm_align(n->dtype)) + "\n";
    }
    for (UOpPtr n : linear) line(n);
    std::string out = "; kernel " + name_ + "\n";
    out += "define void @" + name_ + "(ptr noalias %bufs) #0 {\nentry:\n" + prologue + body_ + "  ret void\n}\n";
    for (const std::string& h : helpers_) out += "\n" + h;
    if (!decls_.empty()) out += "\n";
    for (const std::string& d : decls_) out += d + "\n";
    out += "\nattributes #0 = { nounwind }\nattributes #1 = { alwaysinline nounwind }\n";
    if (checked_) out += "attributes #2 = { cold noinline nounwind }\n";
    return out;
  }

 private:
  std::string ref(UOpPtr n) {
    if (n->op == Op::CONST) return llvm_const(n);
    if (n->op == Op::NOOP) return ref(n->src[0]);
    return "%" + names_.name(n);
  }
  std::string typed(UOpPtr n) { return llvm_type(n->dtype) + " " + ref(n); }
  void emit(const std::string& s) { body_ += "  " + s + "\n"; }
  void label(const std::string& l) {
    body_ += l + ":\n";
    block_ = l;
  }
  std::string intrinsic(const std::string& base, const DType& d, int args) {
    std::string t = llvm_type(d), fn = "@llvm." + base + "." + fsuffix(d);
    std::string params;
    for (int i = 0; i < args; ++i) params += (i ? ", " : "") + t;
    decls_.insert("declare " + t + " " + fn + "(" + params + ")");
    return fn;
  }

  void define(UOpPtr n, const std::string& rhs) { emit("%" + names_.name(n) + " = " + rhs); }

  void index(UOpPtr n) {
    std::string offset = ref(n->src[1]), t = llvm_type(n->src[1]->dtype), v = names_.name(n);
    if (n->src.size() == 3) {  // gated: element 0 where the gate is false
      emit("%" + v + ".safe = select i1 " + ref(n->src[2]) + ", " + t + " " + offset + ", " + t + " 0");
      offset = "%" + v + ".safe";
    }
    if (faults_.has("render-index") && !fault_used_ && loaded_.count(n) && render_index_fault_applies(n)) {
      fault_used_ = true;
      offset = render_index_fault_offset(n, offset, v, [&](const std::string& s) { emit(s); });
    }
    if (checked_ && n->src[0]->op == Op::DEFINE_GLOBAL) return checked_address(n, offset);
    define(n, "getelementptr " + llvm_mem_type(n->dtype) + ", ptr " + ref(n->src[0]) + ", " + t + " " + offset);
  }

  // The address of INDEX n at `offset`, or the scratch word when the offset is outside the
  // buffer (then recorded by @rw.oob). Gated-off accesses already read element 0.
  void checked_address(UOpPtr n, const std::string& offset) {
    UOpPtr buf = n->src[0];
    std::string t = llvm_type(n->src[1]->dtype), v = "%" + names_.name(n), wide = offset;
    if (t != "i64") {
      wide = v + ".wide";
      emit(wide + " = sext " + t + " " + offset + " to i64");
    }
    const int64_t slot = buf->arg.get<int64_t>();
    std::string size = std::to_string(buf->dtype.size);
    if (buf->dtype.size < 0) {  // no size in the dtype: the runner's, from the record
      emit(v + ".size.at = getelementptr i64, ptr %oob.rec, i64 " + std::to_string(bounds_record::kSizes + slot));
      emit(v + ".size = load i64, ptr " + v + ".size.at, align 8");
      size = v + ".size";
    }
    std::string l = names_.name(n);
    emit(v + ".inside = icmp ult i64 " + wide + ", " + size);
    emit("br i1 " + v + ".inside, label %" + l + ".in, label %" + l + ".oob");
    label(l + ".oob");
    emit("call void @rw.oob(ptr %oob.rec, i64 " + std::to_string(slot) + ", i64 " + wide + ", i64 " + size + ")");
    emit("br label %" + l + ".in");
    label(l + ".in");
    emit(v + ".at = getelementptr " + llvm_mem_type(n->dtype) + ", ptr " + ref(buf) + ", " + t + " " + offset);
    define(n, "select i1 " + v + ".inside, ptr " + v + ".at, ptr %oob.scratch");
  }

  void load(UOpPtr n) {
    UOpPtr addr = n->src[0];
    std::string v = names_.name(n), mt = llvm_mem_type(n->dtype), align = std::to_string(llvm_align(n->dtype));
    bool gated = n->src.size() == 3;
    bool is_bool = n->dtype.is_bool();
    std::string raw = is_bool || gated ? "%" + v + ".raw" : "%" + v;
    emit(raw + " = load " + mt + ", ptr " + ref(addr) + ", align " + align);
    std::string value = raw;
    if (is_bool) {
      value = gated ? "%" + v + ".bool" : "%" + v;
      emit(value + " = icmp ne i8 " + raw + ", 0");
    }
    if (gated) emit("%" + v + " = select i1 " + ref(n->src[2]) + ", " + llvm_type(n->dtype) + " " + value + ", " + typed(n->src[1]));
  }

  void store(UOpPtr n) {
    UOpPtr addr = n->src[0], val = n->src[1];
    std::string value = ref(val), mt = llvm_mem_type(val->dtype), id = "st" + std::to_string(stores_++);
    if (val->dtype.is_bool()) {
      emit("%" + id + ".byte = zext i1 " + value + " to i8");
      value = "%" + id + ".byte";
    }
    std::string st = "store " + mt + " " + value + ", ptr " + ref(addr) + ", align " + std::to_string(llvm_align(val->dtype));
    if (n->src.size() < 3) return emit(st);
    emit("br i1 " + ref(n->src[2]) + ", label %" + id + ".do, label %" + id + ".done");
    label(id + ".do");
    emit(st);
    emit("br label %" + id + ".done");
    label(id + ".done");
  }

  void range(UOpPtr n) {
    std::string v = names_.name(n), t = llvm_type(n->dtype), from = block_;
    emit("br label %" + v + ".head");
    label(v + ".head");
    emit("%" + v + " = phi " + t + " [ 0, %" + from + " ], [ %" + v + ".next, %" + v + ".latch ]");
    emit("%" + v + ".more = icmp slt " + t + " %" + v + ", " + ref(n->src[0]));
    emit("br i1 %" + v + ".more, label %" + v + ".body, label %" + v + ".exit");
    label(v + ".body");
  }

  void end(UOpPtr n) {
    UOpPtr r = n->src[1];
    std::string v = names_.name(r), t = llvm_type(r->dtype);
    emit("br label %" + v + ".latch");
    label(v + ".latch");
    emit("%" + v + ".next = add " + t + " %" + v + ", 1");
    emit("br label %" + v + ".head");
    label(v + ".exit");
  }

  void cast(UOpPtr n) {
    const DType &from = n->src[0]->dtype, &to = n->dtype;
    std::string a = typed(n->src[0]), tt = llvm_type(to), v = names_.name(n);
    if (llvm_type(from) == tt && from.is_unsigned() == to.is_unsigned()) return define(n, "bitcast " + a + " to " + tt);
    if (to.is_bool()) return define(n, from.is_float() ? "fcmp une " + a + ", 0.0" : "icmp ne " + a + ", 0");
    if (from.is_bool()) return define(n, std::string(to.is_float() ? "uitofp " : "zext ") + a + " to " + tt);
    if (from.is_float() && to.is_float())
      return define(n, std::string(from.itemsize() < to.itemsize() ? "fpext " : "fptrunc ") + a + " to " + tt);
    if (!from.is_float() && to.is_float()) return define(n, std::string(from.is_unsigned() ? "uitofp " : "sitofp ") + a + " to " + tt);
    if (from.is_float()) {
      // NaN and infinities give 0; finite values truncate toward zero and wrap to the width
      // (through int64, saturating beyond it), like cast_value.
      std::string ft = llvm_type(from), sfx = fsuffix(from);
      decls_.insert("declare i64 @llvm.fptosi.sat.i64." + sfx + "(" + ft + ")");
      emit("%" + v + ".abs = call " + ft + " " + intrinsic("fabs", from, 1) + "(" + a + ")");
      emit("%" + v + ".finite = fcmp one " + ft + " %" + v + ".abs, 0x7FF0000000000000");
      emit("%" + v + ".wide = call i64 @llvm.fptosi.sat.i64." + sfx + "(" + a + ")");
      std::string wide = "%" + v + ".wide";
      if (tt != "i64") {
        emit("%" + v + ".narrow = trunc i64 " + wide + " to " + tt);
        wide = "%" + v + ".narrow";
      }
      return define(n, "select i1 %" + v + ".finite, " + tt + " " + wide + ", " + tt + " 0");
    }
    int fb = from.itemsize(), tb = to.itemsize();
    if (fb == tb) return define(n, "bitcast " + a + " to " + tt);
    if (fb > tb) return define(n, "trunc " + a + " to " + tt);
    return define(n, std::string(from.is_unsigned() ? "zext " : "sext ") + a + " to " + tt);
  }

  void alu(UOpPtr n) {
    const DType& d = n->dtype;
    const DType& sd = n->src[0]->dtype;
    bool flt = sd.is_float(), boolean = sd.is_bool(), uns = sd.is_unsigned();
    std::string t = llvm_type(d), st = llvm_type(sd);
    auto a = [&](size_t i) { return ref(n->src[i]); };
    auto bin = [&](const std::string& op) { define(n, op + " " + st + " " + a(0) + ", " + a(1)); };
    auto call = [&](const std::string& base, int args) {
      std::string fn = intrinsic(base, d, args), params;
      for (int i = 0; i < args; ++i) params += (i ? ", " : "") + typed(n->src[size_t(i)]);
      define(n, "call " + t + " " + fn + "(" + params + ")");
    };
    switch (n->op) {
      case Op::ADD: return bin(flt ? "fadd" : boolean ? "or" : "add");
      case Op::SUB: return bin(flt ? "fsub" : boolean ? "xor" : "sub");
      case Op::MUL: return bin(flt ? "fmul" : boolean ? "and" : "mul");
      case Op::FDIV: return bin("fdiv");
      case Op::AND: return bin("and");
      case Op::OR: return bin("or");
      case Op::XOR: return bin("xor");
      case Op::SHL: case Op::SHR: {
        std::string amount = a(1);
        if (n->src[1]->dtype != d) {  // a uint32 amount: to the shifted value's width
          int from = n->src[1]->dtype.itemsize(), to = d.itemsize();
          std::string conv = from > to ? "trunc " : from < to ? "zext " : "bitcast ";
          amount = "%" + names_.name(n) + ".amount";
          emit(amount + " = " + conv + typed(n->src[1]) + " to " + t);
        }
        return define(n, std::string(n->op == Op::SHL ? "shl " : uns ? "lshr " : "ashr ") + t + " " + a(0) + ", " + amount);
      }
      case Op::IDIV: case Op::MOD: {
        helpers_.insert(floor_helper(n->op, d));
        std::string fn = std::string(n->op == Op::IDIV ? "@floordiv." : "@floormod.") + (uns ? "u" : "") + t;
        return define(n, "call " + t + " " + fn + "(" + typed(n->src[0]) + ", " + typed(n->src[1]) + ")");
      }
      case Op::MAX:
        if (flt) return call("maximum", 2);  // NaN-propagating, like numpy's maximum
        if (boolean) return bin("or");
        emit("%" + names_.name(n) + ".gt = icmp " + (uns ? "ugt " : "sgt ") + st + " " + a(0) + ", " + a(1));
        return define(n, "select i1 %" + names_.name(n) + ".gt, " + typed(n->src[0]) + ", " + typed(n->src[1]));
      case Op::CMPLT: return bin(flt ? "fcmp olt" : uns || boolean ? "icmp ult" : "icmp slt");
      case Op::CMPNE: return bin(flt ? "fcmp une" : "icmp ne");
      case Op::CMPEQ: return bin(flt ? "fcmp oeq" : "icmp eq");
      case Op::NEG:
        if (flt) return define(n, "fneg " + typed(n->src[0]));
        if (boolean) return define(n, "xor i1 " + a(0) + ", true");
        return define(n, "sub " + t + " 0, " + a(0));
      case Op::RECIP: return define(n, "fdiv " + t + " 1.0, " + a(0));
      case Op::EXP2: return call("exp2", 1);
      case Op::LOG2: return call("log2", 1);
      case Op::SIN: return call("sin", 1);
      case Op::SQRT: return call("sqrt", 1);
      case Op::TRUNC: return call("trunc", 1);
      case Op::POW: return call("pow", 2);
      case Op::WHERE: return define(n, "select " + typed(n->src[0]) + ", " + typed(n->src[1]) + ", " + typed(n->src[2]));
      case Op::MULACC:
        emit("%" + names_.name(n) + ".mul = " + (flt ? "fmul " : "mul ") + t + " " + a(0) + ", " + a(1));
        return define(n, std::string(flt ? "fadd " : "add ") + t + " %" + names_.name(n) + ".mul, " + a(2));
      case Op::CAST: return cast(n);
      case Op::BITCAST: return define(n, "bitcast " + typed(n->src[0]) + " to " + t);
      default: throw std::invalid_argument("the LLVM renderer cannot render " + n->summary() + " %" + std::to_string(n->id));
    }
  }

  void line(UOpPtr n) {
    switch (n->op) {
      case Op::DEFINE_GLOBAL: case Op::DEFINE_REG: case Op::CONST: case Op::NOOP: case Op::SINK: case Op::GROUP: return;
      case Op::INDEX: return index(n);
      case Op::LOAD: return load(n);
      case Op::STORE: return store(n);
      case Op::RANGE: return range(n);
      case Op::END: return end(n);
      default: return alu(n);
    }
  }

  std::string name_;
  const FaultSet& faults_;
  bool checked_;
  ValueNames names_;
  std::string body_, block_ = "entry";
  std::set<std::string> helpers_, decls_;
  std::set<UOpPtr> loaded_;
  int stores_ = 0;
  bool fault_used_ = false;
};
}  // namespace

std::string render_llvm_ir(const std::vector<UOpPtr>& linear, const std::string& name, const FaultSet& faults, bool checked) {
  return LlvmRenderer(name, faults, checked).render(linear);
}

}  // namespace rw
