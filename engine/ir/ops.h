// The op set. One X-macro list so the enum, the names and the group table never disagree.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace rw {

// X(name, group)
#define RW_OPS(X)                                                                        \
  /* graph meta */                                                                       \
  X(SINK, Meta) X(NOOP, Meta) X(KERNEL, Meta) X(GROUP, Meta)                             \
  /* buffers */                                                                          \
  X(BUFFER, Buffer) X(BUFFERIZE, Buffer) X(COPY, Buffer) X(CONTIGUOUS, Buffer)           \
  X(REALIZE, Buffer) X(ASSIGN, Buffer) X(BUFFER_VIEW, Buffer)                            \
  /* movement */                                                                         \
  X(RESHAPE, Movement) X(PERMUTE, Movement) X(EXPAND, Movement) X(PAD, Movement)         \
  X(SHRINK, Movement) X(FLIP, Movement)                                                  \
  /* indexing */                                                                         \
  X(INDEX, Indexing) X(RANGE, Indexing) X(END, Indexing) X(VALID, Indexing)              \
  X(INVALID, Indexing)                                                                   \
  /* defines */                                                                          \
  X(DEFINE_GLOBAL, Define) X(DEFINE_LOCAL, Define) X(DEFINE_REG, Define)                 \
  X(DEFINE_VAR, Define)                                                                  \
  /* reduce */                                                                           \
  X(REDUCE_AXIS, Reduce) X(REDUCE, Reduce)                                               \
  /* unary */                                                                            \
  X(EXP2, Unary) X(LOG2, Unary) X(SIN, Unary) X(SQRT, Unary) X(RECIP, Unary)             \
  X(NEG, Unary) X(TRUNC, Unary) X(CAST, Unary) X(BITCAST, Unary)                         \
  /* binary */                                                                           \
  X(ADD, Binary) X(MUL, Binary) X(IDIV, Binary) X(MOD, Binary) X(MAX, Binary)            \
  X(CMPLT, Binary) X(CMPNE, Binary) X(CMPEQ, Binary) X(AND, Binary) X(OR, Binary)        \
  X(XOR, Binary) X(SHL, Binary) X(SHR, Binary) X(SUB, Binary) X(FDIV, Binary)            \
  X(POW, Binary)                                                                         \
  /* ternary */                                                                          \
  X(WHERE, Ternary) X(MULACC, Ternary)                                                   \
  /* memory */                                                                           \
  X(LOAD, Memory) X(STORE, Memory)                                                       \
  /* control */                                                                          \
  X(IF, Control) X(ENDIF, Control) X(BARRIER, Control)                                   \
  /* constants */                                                                        \
  X(CONST, Const) X(VCONST, Const) X(VECTORIZE, Const) X(GEP, Const)

enum class Op : uint8_t {
#define RW_OP_ENUM(name, group) name,
  RW_OPS(RW_OP_ENUM)
#undef RW_OP_ENUM
};

enum class OpGroup : uint8_t { Meta, Buffer, Movement, Indexing, Define, Reduce, Unary, Binary, Ternary, Memory, Control, Const };

constexpr int kNumOps = 0
#define RW_OP_COUNT(name, group) +1
    RW_OPS(RW_OP_COUNT)
#undef RW_OP_COUNT
    ;

std::string_view op_name(Op op);                 // "ADD"
std::optional<Op> op_from_name(std::string_view name);
OpGroup op_group(Op op);
std::string_view group_name(OpGroup g);          // "binary", "movement", ...

bool is_unary(Op op);
bool is_binary(Op op);
bool is_ternary(Op op);
bool is_alu(Op op);          // unary, binary or ternary arithmetic/logic
bool is_commutative(Op op);  // ADD MUL MAX CMPNE CMPEQ AND OR XOR
bool is_comparison(Op op);   // CMPLT CMPNE CMPEQ: result is bool
bool is_movement(Op op);
bool is_associative(Op op);  // ADD MUL AND OR (MAX too)

// A set of ops as a bitmask, for pattern dispatch and verifier stage rules.
class OpSet {
 public:
  constexpr OpSet() = default;
  constexpr OpSet(std::initializer_list<Op> ops) {
    for (Op o : ops) add(o);
  }
  constexpr void add(Op o) { bits_[static_cast<int>(o) / 64] |= uint64_t(1) << (static_cast<int>(o) % 64); }
  constexpr bool contains(Op o) const { return bits_[static_cast<int>(o) / 64] >> (static_cast<int>(o) % 64) & 1; }
  constexpr bool empty() const { return bits_[0] == 0 && bits_[1] == 0; }
  constexpr OpSet operator|(const OpSet& o) const { OpSet r = *this; r.bits_[0] |= o.bits_[0]; r.bits_[1] |= o.bits_[1]; return r; }
  friend constexpr bool operator==(const OpSet&, const OpSet&) = default;

 private:
  uint64_t bits_[2] = {0, 0};
};
static_assert(kNumOps <= 128, "OpSet holds at most 128 ops");

OpSet group_ops(OpGroup g);

}  // namespace rw
