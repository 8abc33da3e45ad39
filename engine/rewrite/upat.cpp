#include "engine/rewrite/upat.h"

#include <algorithm>
#include <numeric>

namespace rw {

struct UPat::Node {
  bool any_op = true;
  OpSet ops;
  std::vector<DType> dtypes;  // empty: any
  bool int_like = false;
  std::optional<Arg> arg;
  std::string name;
  SrcMode mode = SrcMode::Unchecked;
  std::vector<UPat> src;
  bool plain = true;  // no dtype, int-like or arg check: the head is the op set alone

  void refresh() { plain = dtypes.empty() && !int_like && !arg; }
};

bool Bindings::bind(std::string_view name, UOpPtr node) {
  if (UOpPtr prev = get(name)) return prev == node;
  if (n_ == kMax) return false;
  items_[n_++] = Binding{name, node};
  return true;
}

UPat::UPat() : n_(std::make_shared<Node>()) {}

UPat::UPat(Op op, std::vector<UPat> src) {
  auto n = std::make_shared<Node>();
  n->any_op = false;
  n->ops = OpSet{op};
  n->mode = is_commutative(op) && src.size() == 2 ? SrcMode::Permute : SrcMode::Fixed;
  n->src = std::move(src);
  n_ = std::move(n);
}

UPat::UPat(OpSet ops) {
  auto n = std::make_shared<Node>();
  n->any_op = false;
  n->ops = ops;
  n_ = std::move(n);
}

std::shared_ptr<UPat::Node> UPat::mutable_copy() const { return std::make_shared<Node>(*n_); }

UPat UPat::const_(int64_t v) { return UPat(OpSet{Op::CONST}).arg(Arg(v)); }
UPat UPat::const_(double v) { return UPat(OpSet{Op::CONST}).arg(Arg(v)); }

UPat UPat::named(std::string name) const { auto n = mutable_copy(); n->name = std::move(name); return UPat(std::move(n)); }
UPat UPat::dtype(DType d) const { auto n = mutable_copy(); n->dtypes = {d}; n->refresh(); return UPat(std::move(n)); }
UPat UPat::dtypes(std::vector<DType> ds) const { auto n = mutable_copy(); n->dtypes = std::move(ds); n->refresh(); return UPat(std::move(n)); }
UPat UPat::int_like() const { auto n = mutable_copy(); n->int_like = true; n->refresh(); return UPat(std::move(n)); }
UPat UPat::arg(Arg a) const { auto n = mutable_copy(); n->arg = std::move(a); n->refresh(); return UPat(std::move(n)); }

UPat UPat::src(std::vector<UPat> s) const {
  auto n = mutable_copy();
  n->mode = SrcMode::Fixed;
  n->src = std::move(s);
  return UPat(std::move(n));
}
UPat UPat::src_permute(std::vector<UPat> s) const {
  auto n = mutable_copy();
  n->mode = SrcMode::Permute;
  n->src = std::move(s);
  return UPat(std::move(n));
}
UPat UPat::src_prefix(std::vector<UPat> s) const {
  auto n = mutable_copy();
  n->mode = SrcMode::Prefix;
  n->src = std::move(s);
  return UPat(std::move(n));
}
UPat UPat::src_each(UPat s) const {
  auto n = mutable_copy();
  n->mode = SrcMode::Repeat;
  n->src = {std::move(s)};
  return UPat(std::move(n));
}

namespace {
// An int-valued CONST pattern written as a plain number in algebra (x*2, x%4) matches that
// value in any int/index dtype; a bool/float constant is matched by value too.
bool arg_matches(const Arg& want, const Arg& got) {
  if (want == got) return true;
  if (auto w = want.get_if<int64_t>()) {
    if (auto g = got.get_if<bool>()) return *w == int64_t(*g);
  }
  return false;
}
}  // namespace

bool UPat::match(UOpPtr u, Bindings& b) const { return match_at(*n_, u, b); }

// Matching runs millions of times per second, so a pattern's head is checked before anything
// else (most candidates fail there, on the op), and a two-source permutation (every
// commutative ALU pattern) tries its two orders directly.
bool UPat::head_matches(const Node& p, UOpPtr u) {
  if (!p.any_op && !p.ops.contains(u->op)) return false;
  if (p.plain) return true;
  if (!p.dtypes.empty() && std::find(p.dtypes.begin(), p.dtypes.end(), u->dtype) == p.dtypes.end()) return false;
  if (p.int_like && !u->dtype.is_int()) return false;
  if (p.arg && !arg_matches(*p.arg, u->arg)) return false;
  return true;
}

bool UPat::match_at(const Node& p, UOpPtr u, Bindings& b) {
  if (!head_matches(p, u)) return false;
  if (p.mode == SrcMode::Unchecked) return p.name.empty() || b.bind(p.name, u);
  return match_sources(p, u, b);
}

// The name and the sources of a pattern whose head matched u.
bool UPat::match_sources(const Node& p, UOpPtr u, Bindings& b) {
  const size_t saved = b.size();
  if (!p.name.empty() && !b.bind(p.name, u)) return false;
  auto fail = [&] { b.truncate(saved); return false; };
  const size_t n = p.src.size();
  switch (p.mode) {
    case SrcMode::Unchecked: return true;
    case SrcMode::Fixed:
      if (u->src.size() != n) return fail();
      for (size_t i = 0; i < n; ++i)
        if (!p.src[i].match(u->src[i], b)) return fail();
      return true;
    case SrcMode::Prefix:
      if (u->src.size() < n) return fail();
      for (size_t i = 0; i < n; ++i)
        if (!p.src[i].match(u->src[i], b)) return fail();
      return true;
    case SrcMode::Repeat:
      for (UOpPtr s : u->src)
        if (!p.src[0].match(s, b)) return fail();
      return true;
    case SrcMode::Permute: {
      if (u->src.size() != n) return fail();
      const size_t after_name = b.size();
      if (n == 2) {
        if (p.src[0].match(u->src[0], b) && p.src[1].match(u->src[1], b)) return true;
        b.truncate(after_name);
        if (p.src[0].match(u->src[1], b) && p.src[1].match(u->src[0], b)) return true;
        return fail();
      }
      std::array<size_t, 8> order{};
      if (n > order.size()) return fail();
      std::iota(order.begin(), order.begin() + n, 0);
      do {
        bool ok = true;
        for (size_t i = 0; i < n && ok; ++i) ok = p.src[i].match(u->src[order[i]], b);
        if (ok) return true;
        b.truncate(after_name);
      } while (std::next_permutation(order.begin(), order.begin() + n));
      return fail();
    }
  }
  return fail();
}

std::string UPat::explain_mismatch(UOpPtr n) const {
  Bindings b;
  return explain(n, b);
}

// Mirrors match(): each check that match() makes, failing, says what it wanted. Sources are
// tried with match() and explained only where they fail, so the bindings stay as match()
// leaves them.
std::string UPat::explain(UOpPtr u, Bindings& b) const {
  const Node& p = *n_;
  const std::string at = "%" + std::to_string(u->id) + " " + u->summary();
  if (!p.any_op && !p.ops.contains(u->op)) return at + " is not " + to_string();
  if (!p.dtypes.empty() && std::find(p.dtypes.begin(), p.dtypes.end(), u->dtype) == p.dtypes.end()) {
    std::string want;
    for (const DType& d : p.dtypes) want += (want.empty() ? "" : " or ") + rw::to_string(d);
    return at + " has dtype " + rw::to_string(u->dtype) + ", " + to_string() + " wants " + want;
  }
  if (p.int_like && !u->dtype.is_int()) return at + " has dtype " + rw::to_string(u->dtype) + ", " + to_string() + " wants an int or index";
  if (p.arg && !arg_matches(*p.arg, u->arg)) return at + " has arg " + u->arg.to_string() + ", " + to_string() + " wants " + p.arg->to_string();
  if (!p.name.empty()) {
    if (UOpPtr prev = b.get(p.name); prev && prev != u)
      return at + " is not %" + std::to_string(prev->id) + ", which '" + p.name + "' already stands for (a name used twice must be the same node)";
    if (!b.bind(p.name, u)) return at + ": too many names bound";
  }
  auto sources = [&](size_t count) -> std::string {
    for (size_t i = 0; i < count; ++i) {
      const UPat& sp = p.mode == SrcMode::Repeat ? p.src[0] : p.src[i];
      Bindings before = b;
      if (sp.match(u->src[i], b)) continue;
      b = before;
      return "source " + std::to_string(i) + " of " + at + ": " + sp.explain(u->src[i], b);
    }
    return "";
  };
  switch (p.mode) {
    case SrcMode::Unchecked: return "";
    case SrcMode::Fixed:
      if (u->src.size() != p.src.size()) return at + " has " + std::to_string(u->src.size()) + " sources, " + to_string() + " wants " + std::to_string(p.src.size());
      return sources(p.src.size());
    case SrcMode::Prefix:
      if (u->src.size() < p.src.size()) return at + " has " + std::to_string(u->src.size()) + " sources, " + to_string() + " wants at least " + std::to_string(p.src.size());
      return sources(p.src.size());
    case SrcMode::Repeat: return sources(u->src.size());
    case SrcMode::Permute: {
      if (u->src.size() != p.src.size()) return at + " has " + std::to_string(u->src.size()) + " sources, " + to_string() + " wants " + std::to_string(p.src.size());
      Bindings before = b;
      if (UPat(n_).match(u, before)) return "";  // some order matches
      std::string written = sources(p.src.size());
      return "no order of the sources matches; in the written order, " + written;
    }
  }
  return "";
}

OpSet UPat::root_ops() const { return n_->ops; }
bool UPat::root_any_op() const { return n_->any_op; }

OpSet UPat::required_src_ops() const {
  const Node& p = *n_;
  OpSet req;
  if (p.mode == SrcMode::Fixed || p.mode == SrcMode::Permute || p.mode == SrcMode::Prefix) {
    for (const UPat& s : p.src) {
      if (s.n_->any_op) continue;
      // Only a single-op child pattern makes that op required.
      int count = 0;
      Op only = Op::NOOP;
      for (int i = 0; i < kNumOps; ++i)
        if (s.n_->ops.contains(Op(i))) { ++count; only = Op(i); }
      if (count == 1) req.add(only);
    }
  }
  return req;
}

std::optional<OpSet> UPat::allowed_src_ops() const {
  const Node& p = *n_;
  if (p.mode != SrcMode::Repeat || p.src[0].n_->any_op) return std::nullopt;
  return p.src[0].n_->ops;
}

std::string UPat::to_string() const {
  const Node& p = *n_;
  std::string head;
  if (!p.any_op) {
    std::vector<std::string_view> names;
    for (int i = 0; i < kNumOps; ++i)
      if (p.ops.contains(Op(i))) names.push_back(op_name(Op(i)));
    if (names.size() == 1) head = names[0];
    else {
      head = "{";
      for (size_t i = 0; i < names.size(); ++i) head += (i ? "|" : "") + std::string(names[i]);
      head += "}";
    }
  }
  std::string s = p.name;
  if (!head.empty()) s += (s.empty() ? "" : ":") + head;
  if (s.empty()) s = "_";
  if (p.dtypes.size() == 1) s += "." + rw::to_string(p.dtypes[0]);
  if (p.int_like) s += ".int";
  if (p.arg) s += "[" + p.arg->to_string() + "]";
  if (p.mode != SrcMode::Unchecked) {
    s += "(";
    for (size_t i = 0; i < p.src.size(); ++i) s += (i ? ", " : "") + p.src[i].to_string();
    if (p.mode == SrcMode::Prefix) s += p.src.empty() ? "..." : ", ...";
    if (p.mode == SrcMode::Repeat) s += "...";
    s += ")";
  }
  return s;
}

namespace {
UPat alu(Op op, std::vector<UPat> src) { return UPat(op, std::move(src)); }
}  // namespace

UPat operator+(const UPat& a, const UPat& b) { return alu(Op::ADD, {a, b}); }
UPat operator-(const UPat& a, const UPat& b) { return alu(Op::SUB, {a, b}); }
UPat operator*(const UPat& a, const UPat& b) { return alu(Op::MUL, {a, b}); }
UPat operator/(const UPat& a, const UPat& b) { return alu(Op::IDIV, {a, b}); }
UPat operator%(const UPat& a, const UPat& b) { return alu(Op::MOD, {a, b}); }
UPat operator<(const UPat& a, const UPat& b) { return alu(Op::CMPLT, {a, b}); }
UPat operator&(const UPat& a, const UPat& b) { return alu(Op::AND, {a, b}); }
UPat operator|(const UPat& a, const UPat& b) { return alu(Op::OR, {a, b}); }
UPat operator+(const UPat& a, int64_t b) { return a + UPat::const_(b); }
UPat operator*(const UPat& a, int64_t b) { return a * UPat::const_(b); }
UPat operator/(const UPat& a, int64_t b) { return a / UPat::const_(b); }
UPat operator%(const UPat& a, int64_t b) { return a % UPat::const_(b); }
UPat operator<(const UPat& a, int64_t b) { return a < UPat::const_(b); }
UPat upat_ne(const UPat& a, const UPat& b) { return alu(Op::CMPNE, {a, b}); }
UPat upat_eq(const UPat& a, const UPat& b) { return alu(Op::CMPEQ, {a, b}); }
UPat upat_max(const UPat& a, const UPat& b) { return alu(Op::MAX, {a, b}); }
UPat upat_neg(const UPat& a) { return alu(Op::NEG, {a}); }
UPat upat_where(const UPat& c, const UPat& a, const UPat& b) { return alu(Op::WHERE, {c, a, b}); }
UPat upat_cast(const UPat& a) { return alu(Op::CAST, {a}); }

}  // namespace rw
