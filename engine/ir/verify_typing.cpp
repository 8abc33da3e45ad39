// Per-op typing rules, as a table: for each op family, how many sources it takes, what each
// source's dtype must be, what the result dtype must be and which argument kind it carries.
// What a table row cannot say (a constant's value against its dtype, a permutation's
// validity...) is a small check function named in the row.
//
// Each row's family names its violations: "<family>-src-count", "<family>-arg",
// "<family>-dtype"; index dtype mistakes are "index-arith-dtype" whichever row finds them.
#include <algorithm>
#include <array>
#include <set>
#include <span>

#include "engine/ir/verify_rules.h"

namespace rw::verify_detail {

namespace {

// ---- argument kinds: one bit per alternative of ArgValue ----
using ArgKinds = uint16_t;
constexpr ArgKinds kNone = 1 << 0, kInt = 1 << 1, kFloat = 1 << 2, kBool = 1 << 3, kString = 1 << 4,
                   kIntTuple = 1 << 5, kPairTuple = 1 << 6, kVar = 1 << 7, kReduce = 1 << 8, kAnyArg = 0x1ff;

ArgKinds kind_of(const Arg& a) { return ArgKinds(1u << a.value().index()); }

std::string kinds_text(ArgKinds k) {
  static constexpr std::array<const char*, 9> names = {
      "no argument", "an integer", "a float", "a bool", "a string", "an int tuple",
      "a pair tuple", "a variable (name, min, max)", "a reduce (op, axes)"};
  std::string s;
  std::vector<const char*> parts;
  for (size_t i = 0; i < names.size(); ++i)
    if (k & (1u << i)) parts.push_back(names[i]);
  for (size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? "" : i + 1 == parts.size() ? " or " : ", ") + std::string(parts[i]);
  return s;
}

// ---- dtype classes ----
enum class DT : uint8_t {
  Any, Void, NotVoid, Value, Bool, Int, IntScalar, IntOrBool, Float, Numeric, Pointer,
};

bool in_class(const DType& d, DT c) {
  switch (c) {
    case DT::Any: return true;
    case DT::Void: return d.is_void();
    case DT::NotVoid: return !d.is_void();
    case DT::Value: return !d.ptr && !d.is_void();
    case DT::Bool: return d.is_bool();
    case DT::Int: return d.is_int();
    case DT::IntScalar: return d.is_int() && d.count == 1;
    case DT::IntOrBool: return d.is_int() || d.is_bool();
    case DT::Float: return d.is_float();
    case DT::Numeric: return d.is_int() || d.is_float();
    case DT::Pointer: return d.ptr;
  }
  return false;
}

const char* class_text(DT c) {
  switch (c) {
    case DT::Any: return "any dtype";
    case DT::Void: return "void";
    case DT::NotVoid: return "a non-void dtype";
    case DT::Value: return "a value dtype (not void, not a pointer)";
    case DT::Bool: return "bool";
    case DT::Int: return "an integer or index dtype";
    case DT::IntScalar: return "a scalar integer or index dtype";
    case DT::IntOrBool: return "an integer, index or bool dtype";
    case DT::Float: return "a float dtype";
    case DT::Numeric: return "a numeric dtype (integer, index or float)";
    case DT::Pointer: return "a pointer dtype";
  }
  return "?";
}

// ---- what a source must be ----
enum class Src : uint8_t {
  Rest,           // (table filler) use the row's rule for the remaining sources
  Any,
  SameAsResult,   // exactly the result's dtype
  SameAsFirst,    // exactly source 0's dtype (comparison operands)
  Value,          // not void, not a pointer
  Bool,           // a bool condition, scalar or as wide as the result
  Int,            // integer or index
  Index,          // index (the ranges of REDUCE and BUFFERIZE)
  IndexOperand,   // INDEX operands: integer or index; a trailing bool is the gate
  Void,           // effects: stores, groups
  Address,        // a pointer, or an INDEX into a buffer
  RangeOp,        // a RANGE node
  IfOp,           // an IF node
  LaneOfResult,   // VECTORIZE lanes: the result's scalar dtype
};

using Extra = std::optional<Problem> (*)(UOpPtr);

constexpr int kMany = 1 << 20;

struct TypingRule {
  const char* family;
  OpSet ops;
  int min_src, max_src;
  DT result;
  std::array<Src, 3> first;  // rules for sources 0..2; Rest (the default) defers to `rest`
  Src rest;
  ArgKinds args;
  Extra extra = nullptr;

  Src source_rule(size_t pos) const { return pos < first.size() && first[pos] != Src::Rest ? first[pos] : rest; }
};

std::string src_ref(UOpPtr user, size_t pos) { return "source " + std::to_string(pos) + " (" + ref(user->src[pos]) + ")"; }

// ---- row-specific checks ----

std::optional<Problem> check_const(UOpPtr n) {
  const DType& d = n->dtype;
  if (d.count != 1 || d.ptr) return Problem{"const-dtype", "CONST must be a scalar value, got " + to_string(d) + " (use VCONST for vectors)"};
  ArgKinds want = d.is_float() ? kFloat : d.is_bool() ? kBool : d.is_int() ? kInt : 0;
  if (want == 0) return Problem{"const-dtype", "CONST must have a bool, integer, index or float dtype, got " + to_string(d)};
  if (kind_of(n->arg) != want)
    return Problem{"const-arg", "a " + to_string(d) + " CONST takes " + kinds_text(want) + " value, got " + kinds_text(kind_of(n->arg)) + " " + n->arg.to_string()};
  if (auto v = n->arg.get_if<int64_t>(); v && (*v < d.min_int() || *v > d.max_int()))
    return Problem{"const-arg", "value " + std::to_string(*v) + " does not fit " + to_string(d) + " [" + std::to_string(d.min_int()) + ", " + std::to_string(d.max_int()) + "]"};
  return std::nullopt;
}

std::optional<Problem> check_vconst(UOpPtr n) {
  const auto& t = n->arg.get<IntTuple>();
  if (!(n->dtype.is_int() || n->dtype.is_bool()) || n->dtype.count < 2)
    return Problem{"vconst-dtype", "VCONST must have an integer or bool vector dtype, got " + to_string(n->dtype)};
  if (t.size() != n->dtype.count)
    return Problem{"vconst-arg", "VCONST of " + to_string(n->dtype) + " needs " + std::to_string(n->dtype.count) + " values, got " + std::to_string(t.size())};
  return std::nullopt;
}

std::optional<Problem> check_define_var(UOpPtr n) {
  const VarArg& v = n->arg.get<VarArg>();
  if (v.name.empty()) return Problem{"define-var-arg", "DEFINE_VAR needs a name"};
  if (v.min > v.max)
    return Problem{"define-var-arg", "variable '" + v.name + "' has min " + std::to_string(v.min) + " > max " + std::to_string(v.max)};
  if (v.min < n->dtype.min_int() || v.max > n->dtype.max_int())
    return Problem{"define-var-arg", "bounds [" + std::to_string(v.min) + ", " + std::to_string(v.max) + "] of '" + v.name + "' do not fit " + to_string(n->dtype)};
  return std::nullopt;
}

std::optional<Problem> check_reduce_op(const char* rule, const ReduceArg& r) {
  static constexpr OpSet kReduceOps{Op::ADD, Op::MUL, Op::MAX};
  if (!kReduceOps.contains(r.op)) return Problem{rule, "reduce op must be ADD, MUL or MAX, got " + std::string(op_name(r.op))};
  return std::nullopt;
}

std::optional<Problem> check_reduce_axis(UOpPtr n) {
  const ReduceArg& r = n->arg.get<ReduceArg>();
  if (auto p = check_reduce_op("reduce-axis-arg", r)) return p;
  if (r.axes.empty()) return Problem{"reduce-axis-arg", "REDUCE_AXIS needs at least one axis"};
  std::set<int64_t> seen;
  for (int64_t a : r.axes) {
    if (a < 0) return Problem{"reduce-axis-arg", "axis " + std::to_string(a) + " is negative (axes are normalized before building the node)"};
    if (!seen.insert(a).second) return Problem{"reduce-axis-arg", "axis " + std::to_string(a) + " is listed twice"};
  }
  return std::nullopt;
}

std::optional<Problem> check_reduce(UOpPtr n) {
  const ReduceArg& r = n->arg.get<ReduceArg>();
  if (auto p = check_reduce_op("reduce-arg", r)) return p;
  if (!r.axes.empty()) return Problem{"reduce-arg", "REDUCE reduces over its RANGE sources and takes no axes, got " + n->arg.to_string()};
  return std::nullopt;
}

std::optional<Problem> check_movement(UOpPtr n) {
  auto bad = [&](std::string what) { return Problem{"movement-arg", std::string(op_name(n->op)) + " " + n->arg.to_string() + ": " + what}; };
  if (auto t = n->arg.get_if<IntTuple>()) {
    if (n->op == Op::PERMUTE) {
      std::vector<int64_t> sorted = *t;
      std::sort(sorted.begin(), sorted.end());
      for (size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != int64_t(i)) return bad("not a permutation of 0.." + std::to_string(int64_t(t->size()) - 1));
    } else if (n->op == Op::FLIP) {
      std::set<int64_t> seen;
      for (int64_t a : *t)
        if (a < 0 || !seen.insert(a).second) return bad("axes must be distinct and non-negative");
    } else {
      for (int64_t s : *t)
        if (s < 0) return bad("shape sizes must be non-negative");
    }
  }
  if (auto t = n->arg.get_if<PairTuple>()) {
    for (auto [a, b] : *t) {
      if (n->op == Op::PAD && (a < 0 || b < 0)) return bad("padding amounts must be non-negative");
      if (n->op == Op::SHRINK && (a < 0 || b < a)) return bad("each (begin, end) needs 0 <= begin <= end");
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_range(UOpPtr n) {
  if (n->arg.get<IntTuple>().empty()) return Problem{"range-arg", "RANGE needs an axis id in its argument, got ()"};
  return std::nullopt;
}

std::optional<Problem> check_same_width(UOpPtr n) {
  if (n->src[0]->dtype.count != n->dtype.count)
    return Problem{n->op == Op::CAST ? "cast-dtype" : "compare-dtype",
                   "vector width changes from " + std::to_string(n->src[0]->dtype.count) + " to " + std::to_string(n->dtype.count) + " (" +
                       ref(n->src[0]) + " to " + to_string(n->dtype) + ")"};
  return std::nullopt;
}

std::optional<Problem> check_bitcast(UOpPtr n) {
  const DType& from = n->src[0]->dtype;
  const DType& to = n->dtype;
  for (const DType* d : {&from, &to})
    if (d->is_index() || d->is_bool())
      return Problem{"bitcast-dtype", "BITCAST needs types with a memory layout; " + to_string(*d) + " has none (use CAST)"};
  if (from.itemsize() * from.count != to.itemsize() * to.count)
    return Problem{"bitcast-dtype", "BITCAST must keep the size: " + ref(n->src[0]) + " is " + std::to_string(from.itemsize() * from.count) +
                                        " bytes, " + to_string(to) + " is " + std::to_string(to.itemsize() * to.count)};
  return std::nullopt;
}

std::optional<Problem> check_shift(UOpPtr n) {
  const DType& amount = n->src[1]->dtype;
  if (amount != n->dtype && amount != DType(Scalar::UInt32))
    return Problem{"shift-dtype", "the shift amount " + src_ref(n, 1) + " must be " + to_string(n->dtype) + " or uint32"};
  return std::nullopt;
}

// The element type an address points at: a pointer's scalar, or an INDEX's scalar.
Scalar pointee(UOpPtr address) { return address->dtype.scalar; }

std::optional<Problem> check_load(UOpPtr n) {
  if (n->src.size() == 2) return Problem{"load-src-count", "LOAD takes (address) or (address, alt, gate), got 2 sources"};
  if (n->dtype.scalar != pointee(n->src[0]))
    return Problem{"load-dtype", "LOAD of " + to_string(n->dtype) + " from " + src_ref(n, 0) + " which holds " + std::string(scalar_name(pointee(n->src[0])))};
  return std::nullopt;
}

std::optional<Problem> check_store(UOpPtr n) {
  if (n->src[1]->dtype.scalar != pointee(n->src[0]))
    return Problem{"store-dtype", "STORE of " + src_ref(n, 1) + " into " + src_ref(n, 0) + " which holds " + std::string(scalar_name(pointee(n->src[0])))};
  return std::nullopt;
}

std::optional<Problem> check_index(UOpPtr n) {
  if (n->dtype.scalar != n->src[0]->dtype.scalar)
    return Problem{"index-dtype", "INDEX into " + src_ref(n, 0) + " must have its element type " + std::string(scalar_name(n->src[0]->dtype.scalar)) +
                                      ", got " + to_string(n->dtype)};
  return std::nullopt;
}

std::optional<Problem> check_vectorize(UOpPtr n) {
  if (size_t(n->dtype.count) != n->src.size())
    return Problem{"vectorize-src-count", "VECTORIZE to " + to_string(n->dtype) + " needs " + std::to_string(n->dtype.count) + " lanes, got " + std::to_string(n->src.size())};
  return std::nullopt;
}

std::optional<Problem> check_gep(UOpPtr n) {
  const auto& lanes = n->arg.get<IntTuple>();
  const DType& from = n->src[0]->dtype;
  for (int64_t l : lanes)
    if (l < 0 || l >= from.count) return Problem{"gep-arg", "lane " + std::to_string(l) + " is outside " + ref(n->src[0])};
  DType want = DType(from.scalar).vec(uint8_t(lanes.size()));
  if (n->dtype != want) return Problem{"gep-dtype", "GEP of " + std::to_string(lanes.size()) + " lane(s) from " + ref(n->src[0]) + " must be " + to_string(want) + ", got " + to_string(n->dtype)};
  return std::nullopt;
}

// clang-format off
const std::vector<TypingRule>& typing_rules() {
  using enum Op;
  using S = Src;
  static const std::vector<TypingRule> rules = {
    // family         ops                                   sources   result       source rules                                    rest           argument kinds
    {"sink",          {SINK},                               0, kMany, DT::Void,    {},                                             S::Any,        kNone | kString},
    {"noop",          {NOOP},                               0, kMany, DT::Any,     {},                                             S::Any,        kAnyArg},
    {"kernel",        {KERNEL},                             1, kMany, DT::Void,    {},                                             S::Any,        kNone | kString | kInt},
    {"group",         {GROUP},                              1, kMany, DT::Void,    {},                                             S::Void,       kNone},
    // buffers: BUFFER's argument identifies it (a number or a name), so equal-sized buffers stay distinct
    {"buffer",        {BUFFER},                             0, 0,     DT::NotVoid, {},                                             S::Any,        kInt | kIntTuple | kString},
    {"bufferize",     {BUFFERIZE},                          1, kMany, DT::NotVoid, {S::SameAsResult},                              S::Index,      kNone | kInt | kString},
    {"copy",          {COPY},                               1, 1,     DT::NotVoid, {S::SameAsResult},                              S::Any,        kNone | kString},
    {"contiguous",    {CONTIGUOUS},                         1, 1,     DT::NotVoid, {S::SameAsResult},                              S::Any,        kNone},
    {"realize",       {REALIZE},                            1, kMany, DT::NotVoid, {S::SameAsResult},                              S::Any,        kNone},
    {"assign",        {ASSIGN},                             2, kMany, DT::NotVoid, {S::SameAsResult, S::SameAsResult},             S::Any,        kNone},
    {"buffer-view",   {BUFFER_VIEW},                        1, 1,     DT::NotVoid, {S::Any},                                       S::Any,        kIntTuple | kPairTuple},
    // movement: shapes, permutations and flipped axes as int tuples; pads and shrinks as (begin, end) pairs
    {"movement",      {RESHAPE, EXPAND, PERMUTE, FLIP},     1, 1,     DT::NotVoid, {S::SameAsResult},                              S::Any,        kIntTuple,  check_movement},
    {"movement",      {PAD, SHRINK},                        1, 1,     DT::NotVoid, {S::SameAsResult},                              S::Any,        kPairTuple, check_movement},
    // indexing
    {"index",         {INDEX},                              2, kMany, DT::NotVoid, {S::Any},                                       S::IndexOperand, kNone,    check_index},
    {"range",         {RANGE},                              1, 1,     DT::IntScalar, {S::SameAsResult},                            S::Any,        kIntTuple,  check_range},
    {"end",           {END},                                1, kMany, DT::Void,    {S::Any},                                       S::RangeOp,    kNone},
    {"valid",         {VALID},                              2, 2,     DT::Value,   {S::SameAsResult, S::Bool},                     S::Any,        kNone},
    {"invalid",       {INVALID},                            0, 0,     DT::Value,   {},                                             S::Any,        kNone},
    // defines
    {"define-buffer", {DEFINE_GLOBAL, DEFINE_LOCAL, DEFINE_REG}, 0, 0, DT::Pointer, {},                                            S::Any,        kInt | kString},
    {"define-var",    {DEFINE_VAR},                         0, 0,     DT::IntScalar, {},                                           S::Any,        kVar,       check_define_var},
    // reduce
    {"reduce-axis",   {REDUCE_AXIS},                        1, 1,     DT::Value,   {S::SameAsResult},                              S::Any,        kReduce,    check_reduce_axis},
    {"reduce",        {REDUCE},                             1, kMany, DT::Value,   {S::SameAsResult},                              S::Index,      kReduce,    check_reduce},
    // unary
    {"float-unary",   {EXP2, LOG2, SIN, SQRT, RECIP, TRUNC}, 1, 1,    DT::Float,   {S::SameAsResult},                              S::Any,        kNone},
    {"neg",           {NEG},                                1, 1,     DT::Numeric, {S::SameAsResult},                              S::Any,        kNone},
    {"cast",          {CAST},                               1, 1,     DT::Value,   {S::Value},                                     S::Any,        kNone,      check_same_width},
    {"bitcast",       {BITCAST},                            1, 1,     DT::Value,   {S::Value},                                     S::Any,        kNone,      check_bitcast},
    // binary
    {"arith",         {ADD, SUB, MUL, MAX},                 2, 2,     DT::Value,   {S::SameAsResult, S::SameAsResult},             S::Any,        kNone},
    {"int-arith",     {IDIV, MOD},                          2, 2,     DT::Int,     {S::SameAsResult, S::SameAsResult},             S::Any,        kNone},
    {"float-arith",   {FDIV, POW},                          2, 2,     DT::Float,   {S::SameAsResult, S::SameAsResult},             S::Any,        kNone},
    {"logic",         {AND, OR, XOR},                       2, 2,     DT::IntOrBool, {S::SameAsResult, S::SameAsResult},           S::Any,        kNone},
    {"shift",         {SHL, SHR},                           2, 2,     DT::Int,     {S::SameAsResult, S::Int},                      S::Any,        kNone,      check_shift},
    {"compare",       {CMPLT, CMPNE, CMPEQ},                2, 2,     DT::Bool,    {S::Value, S::SameAsFirst},                     S::Any,        kNone,      check_same_width},
    // ternary
    {"where",         {WHERE},                              3, 3,     DT::Value,   {S::Bool, S::SameAsResult, S::SameAsResult},    S::Any,        kNone},
    {"mulacc",        {MULACC},                             3, 3,     DT::Numeric, {S::SameAsResult, S::SameAsResult, S::SameAsResult}, S::Any,   kNone},
    // memory: LOAD(address) or LOAD(address, alt, gate); STORE(address, value[, gate])
    {"load",          {LOAD},                               1, 3,     DT::Value,   {S::Address, S::SameAsResult, S::Bool},         S::Any,        kNone,      check_load},
    {"store",         {STORE},                              2, 3,     DT::Void,    {S::Address, S::Value, S::Bool},                S::Any,        kNone,      check_store},
    // control
    {"if",            {IF},                                 1, 2,     DT::Void,    {S::Bool},                                      S::Any,        kNone},
    {"endif",         {ENDIF},                              1, 1,     DT::Void,    {S::IfOp},                                      S::Any,        kNone},
    {"barrier",       {BARRIER},                            0, kMany, DT::Void,    {},                                             S::Any,        kNone},
    // constants
    {"const",         {CONST},                              0, 0,     DT::Any,     {},                                             S::Any,        kInt | kFloat | kBool, check_const},
    {"vconst",        {VCONST},                             0, 0,     DT::Any,     {},                                             S::Any,        kIntTuple,  check_vconst},
    {"vectorize",     {VECTORIZE},                          2, kMany, DT::Value,   {},                                             S::LaneOfResult, kNone,    check_vectorize},
    {"gep",           {GEP},                                1, 1,     DT::Value,   {S::Value},                                     S::Any,        kIntTuple,  check_gep},
  };
  return rules;
}
// clang-format on

// One row per op, found once.
const std::array<const TypingRule*, kNumOps>& rule_by_op() {
  static const std::array<const TypingRule*, kNumOps> table = [] {
    std::array<const TypingRule*, kNumOps> t{};
    for (const TypingRule& r : typing_rules())
      for (int i = 0; i < kNumOps; ++i)
        if (r.ops.contains(Op(i))) t[i] = &r;
    return t;
  }();
  return table;
}

std::string count_text(int lo, int hi) {
  if (lo == hi) return std::to_string(lo) + (lo == 1 ? " source" : " sources");
  if (hi == kMany) return "at least " + std::to_string(lo) + (lo == 1 ? " source" : " sources");
  return std::to_string(lo) + " to " + std::to_string(hi) + " sources";
}

// Source `pos` should have exactly `want` (the result's dtype, or source 0's).
std::optional<Problem> dtype_mismatch(UOpPtr user, size_t pos, const DType& want, const char* whose, const std::string& family) {
  const DType& got = user->src[pos]->dtype;
  if (got == want) return std::nullopt;
  if (want.is_index()) return index_operand_problem(user, pos);
  if (got.is_index())
    return Problem{"index-arith-dtype", "index arithmetic must stay in the index dtype (source %" + std::to_string(user->src[pos]->id) + " is index but " + whose + " is " +
                                            to_string(want) + "; compute in index, then cast the result)"};
  return Problem{family + "-dtype", src_ref(user, pos) + " must have " + whose + "'s dtype " + to_string(want)};
}

std::optional<Problem> check_source(UOpPtr n, size_t pos, Src rule, const std::string& family) {
  UOpPtr s = n->src[pos];
  const DType& d = s->dtype;
  auto fail = [&](std::string want) { return Problem{family + "-dtype", src_ref(n, pos) + " must be " + want}; };
  switch (rule) {
    case Src::Rest: case Src::Any: return std::nullopt;
    case Src::SameAsResult: return dtype_mismatch(n, pos, n->dtype, "the result", family);
    case Src::SameAsFirst: return dtype_mismatch(n, pos, n->src[0]->dtype, "source 0", family);
    case Src::Value: if (!in_class(d, DT::Value)) return fail(class_text(DT::Value)); return std::nullopt;
    case Src::Bool:
      if (!d.is_bool() || (d.count != 1 && d.count != n->dtype.count)) return fail("a bool condition");
      return std::nullopt;
    case Src::Int: if (!d.is_int()) return fail(class_text(DT::Int)); return std::nullopt;
    case Src::Index: if (!d.is_index()) return index_operand_problem(n, pos); return std::nullopt;
    case Src::IndexOperand:
      if (d.is_int() || (d.is_bool() && pos + 1 == n->src.size())) return std::nullopt;
      return fail("an integer or index offset (or, last, a bool gate)");
    case Src::Void: if (!d.is_void()) return fail("void (an effect such as a STORE)"); return std::nullopt;
    case Src::Address:
      if (d.ptr || s->op == Op::INDEX) return std::nullopt;
      return fail("an address: a pointer, or an INDEX into a buffer");
    case Src::RangeOp: if (s->op != Op::RANGE) return Problem{family + "-src", src_ref(n, pos) + " must be a RANGE"}; return std::nullopt;
    case Src::IfOp: if (s->op != Op::IF) return Problem{family + "-src", src_ref(n, pos) + " must be an IF"}; return std::nullopt;
    case Src::LaneOfResult:
      if (d != DType(n->dtype.scalar)) return fail("a lane of the result, " + std::string(scalar_name(n->dtype.scalar)));
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string ref(UOpPtr n) { return "%" + std::to_string(n->id) + " " + to_string(n->dtype); }

Problem index_operand_problem(UOpPtr user, size_t pos) {
  UOpPtr s = user->src[pos];
  std::string used_by = "used by " + user->summary() + " %" + std::to_string(user->id);
  if (s->op == Op::CAST && s->src.size() == 1 && s->src[0]->dtype.is_index())
    return Problem{"index-arith-dtype",
                   "index arithmetic must stay in the index dtype (source %" + std::to_string(s->src[0]->id) + " is index, " + used_by + ")", s};
  return Problem{"index-arith-dtype", "index arithmetic must stay in the index dtype (" + src_ref(user, pos) + " is not index, " + used_by + ")"};
}

std::optional<Problem> check_typing(UOpPtr n) {
  const TypingRule* row = rule_by_op()[size_t(n->op)];
  if (!row) return Problem{"typing-rule", "no typing rule covers " + std::string(op_name(n->op))};
  std::string family = row->family;
  int count = int(n->src.size());
  if (count < row->min_src || count > row->max_src)
    return Problem{family + "-src-count", std::string(op_name(n->op)) + " takes " + count_text(row->min_src, row->max_src) + ", got " + std::to_string(count)};
  if (!(kind_of(n->arg) & row->args))
    return Problem{family + "-arg", std::string(op_name(n->op)) + " takes " + kinds_text(row->args) + ", got " + kinds_text(kind_of(n->arg)) +
                                        (n->arg.is_none() ? "" : " " + n->arg.to_string())};
  if (!in_class(n->dtype, row->result))
    return Problem{family + "-dtype", std::string(op_name(n->op)) + "'s result must be " + class_text(row->result) + ", got " + to_string(n->dtype)};
  for (size_t i = 0; i < n->src.size(); ++i)
    if (auto p = check_source(n, i, row->source_rule(i), family)) return p;
  if (row->extra) return row->extra(n);
  return std::nullopt;
}

}  // namespace rw::verify_detail
