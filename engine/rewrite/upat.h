// UPat: a pattern over UOps. Matches an op set, dtypes, an argument value, and sources (a
// fixed list, any permutation of a list for commutative ops, a prefix of any length, or one
// pattern for every source), binding names to the nodes it matched.
//
// Patterns read like the algebra they match:  (UPat::var("x") * UPat::cvar("c")) // UPat::var("c")
// builds IDIV(MUL(x, c:CONST) in any order, c). A name used twice must bind the same node.
#pragma once
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ir/uop.h"
#include "engine/trace/tracer.h"

namespace rw {

// The names a match bound, in binding order. Small and allocation-free: matching runs
// millions of times.
class Bindings {
 public:
  static constexpr size_t kMax = 16;
  // The slots are left unset: a matcher makes a Bindings for every node it tries, and only
  // the first size() slots are ever read.
  Bindings() {}
  UOpPtr get(std::string_view name) const {
    // Names are short and usually differ in their first character; a name bound twice by one
    // pattern is usually the same string object. Check those before comparing characters.
    for (size_t i = 0; i < n_; ++i) {
      std::string_view have = items_[i].name;
      if (have.size() != name.size()) continue;
      if (have.data() == name.data()) return items_[i].node;
      if (!have.empty() && have[0] != name[0]) continue;
      if (have == name) return items_[i].node;
    }
    return nullptr;
  }
  bool bind(std::string_view name, UOpPtr node);  // false if bound to a different node or full
  size_t size() const { return n_; }
  void truncate(size_t n) { n_ = n; }
  std::span<const Binding> items() const { return {items_.data(), n_}; }

 private:
  union {
    std::array<Binding, kMax> items_;  // only the first n_ are meaningful (trivially copyable)
  };
  size_t n_ = 0;
};

class UPat {
 public:
  enum class SrcMode : uint8_t { Unchecked, Fixed, Permute, Prefix, Repeat };

  UPat();  // matches any node
  UPat(Op op, std::vector<UPat> src);
  explicit UPat(OpSet ops);

  // --- constructors that read well in rule tables ---
  static UPat any() { return UPat(); }
  static UPat var(std::string name) { return UPat().named(std::move(name)); }
  static UPat cvar(std::string name) { return UPat(OpSet{Op::CONST}).named(std::move(name)); }
  static UPat op(Op o) { return UPat(OpSet{o}); }
  static UPat ops(OpSet s) { return UPat(s); }
  static UPat const_(int64_t v);   // CONST equal to v (int, index or bool)
  static UPat const_(double v);    // CONST equal to v (float)

  // --- refinements (each returns a modified copy) ---
  UPat named(std::string name) const;
  UPat dtype(DType d) const;                 // exact dtype
  UPat dtypes(std::vector<DType> ds) const;  // one of these
  UPat int_like() const;                     // int or index dtype (not bool)
  UPat arg(Arg a) const;
  UPat src(std::vector<UPat> s) const;          // exactly these, in order
  UPat src_permute(std::vector<UPat> s) const;  // these in any order
  UPat src_prefix(std::vector<UPat> s) const;   // these first, then any number more
  UPat src_each(UPat s) const;                  // every source (any count) matches s

  bool match(UOpPtr n, Bindings& b) const;
  // Why `n` does not match: the first sub-pattern that fails, on which node, and what differs;
  // "" when it matches. Answers "why didn't this rule fire?".
  std::string explain_mismatch(UOpPtr n) const;

  // Ops this pattern can match at its root (all ops if unrestricted).
  OpSet root_ops() const;
  bool root_any_op() const;
  // Ops that must appear among a matching node's direct sources (for early rejection).
  OpSet required_src_ops() const;
  // Ops a matching node's direct sources are limited to, when the pattern limits them all
  // (src_each of an op pattern); nullopt when it does not.
  std::optional<OpSet> allowed_src_ops() const;

  std::string to_string() const;  // "IDIV(MUL(x, c:CONST), c)"

  struct Node;

 private:
  explicit UPat(std::shared_ptr<const Node> n) : n_(std::move(n)) {}
  static bool head_matches(const Node& p, UOpPtr u);
  static bool match_at(const Node& p, UOpPtr u, Bindings& b);
  static bool match_sources(const Node& p, UOpPtr u, Bindings& b);
  std::string explain(UOpPtr n, Bindings& b) const;
  std::shared_ptr<Node> mutable_copy() const;
  std::shared_ptr<const Node> n_;
};

// Algebra on patterns: each builds an ALU pattern; commutative ops match either order.
// Integer operands become CONST patterns of that value.
UPat operator+(const UPat& a, const UPat& b);
UPat operator-(const UPat& a, const UPat& b);  // SUB node (frontends usually lower it)
UPat operator*(const UPat& a, const UPat& b);
UPat operator/(const UPat& a, const UPat& b);  // IDIV: index arithmetic is floor division
UPat operator%(const UPat& a, const UPat& b);
UPat operator<(const UPat& a, const UPat& b);  // CMPLT
UPat operator&(const UPat& a, const UPat& b);  // AND
UPat operator|(const UPat& a, const UPat& b);  // OR
UPat operator+(const UPat& a, int64_t b);
UPat operator*(const UPat& a, int64_t b);
UPat operator/(const UPat& a, int64_t b);
UPat operator%(const UPat& a, int64_t b);
UPat operator<(const UPat& a, int64_t b);
UPat upat_ne(const UPat& a, const UPat& b);  // CMPNE
UPat upat_eq(const UPat& a, const UPat& b);  // CMPEQ
UPat upat_max(const UPat& a, const UPat& b);
UPat upat_neg(const UPat& a);
UPat upat_where(const UPat& c, const UPat& a, const UPat& b);
UPat upat_cast(const UPat& a);

}  // namespace rw
