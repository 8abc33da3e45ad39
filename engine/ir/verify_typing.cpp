// Per-op typing rules, as a table: for each op family, how many sources it takes, what each
// source's dtype must be, what the result dtype must be and which argument kind it carries.
// What a table row cannot say is a small check function named in the row
// (verify_op_checks.cpp).
//
// Each row's family names its violations: "<family>-src-count", "<family>-arg",
// "<family>-dtype"; index dtype mistakes are "index-arith-dtype" whichever row finds them.
#include <array>
#include <vector>

#include "engine/ir/verify_rules.h"

namespace rw::verify_detail {

namespace {

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
    // indexing. INDEX(buffer, operands...[, gate]); END(effect, ranges it closes...);
    // VALID(value, cond) is the value where cond holds and invalid elsewhere (rangeify's pad mask)
    // INDEX's int argument (scheduling only) is the first loop range an EXPAND above it ended
    {"index",         {INDEX},                              2, kMany, DT::NotVoid, {S::Any},                                       S::IndexOperand, kNone | kInt, check_index},
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
    // memory: LOAD(address) or LOAD(address, alt, gate); STORE(address, value[, gate]) or, in
    // kernel ASTs, STORE(address, value, the loop RANGEs it runs over...)
    {"load",          {LOAD},                               1, 3,     DT::Value,   {S::Address, S::SameAsResult, S::Bool},         S::Any,        kNone,      check_load},
    {"store",         {STORE},                              2, kMany, DT::Void,    {S::Address, S::Value},                         S::Any,        kNone,      check_store},
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

std::string kinds_text(ArgKinds k) {
  static constexpr std::array<const char*, 9> names = {
      "no argument", "an integer", "a float", "a bool", "a string", "an int tuple",
      "a pair tuple", "a variable (name, min, max)", "a reduce (op, axes)"};
  std::vector<const char*> parts;
  for (size_t i = 0; i < names.size(); ++i)
    if (k & (1u << i)) parts.push_back(names[i]);
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? "" : i + 1 == parts.size() ? " or " : ", ") + std::string(parts[i]);
  return s;
}

std::string src_ref(UOpPtr user, size_t pos) { return "source " + std::to_string(pos) + " (" + ref(user->src[pos]) + ")"; }

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
