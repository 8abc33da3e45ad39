#include "engine/ir/arena.h"

#include <stdexcept>

#include "engine/ir/hash.h"
#include "engine/ir/shape.h"

namespace rw {

namespace {
uint64_t local_hash(Op op, const DType& d, const Arg& arg, int32_t tag) {
  uint64_t h = hash_mix(uint64_t(op) + 1);
  h = hash_combine(h, (uint64_t(d.scalar) << 1) | (d.ptr ? 1 : 0));
  h = hash_combine(h, (uint64_t(d.count) << 32) ^ uint64_t(d.size));
  h = hash_combine(h, arg.hash());
  return hash_combine(h, uint64_t(uint32_t(tag)));
}

bool same_fields(const UOp& n, Op op, const DType& d, const std::vector<UOpPtr>& src, const Arg& arg, int32_t tag) {
  return n.op == op && n.dtype == d && n.tag == tag && n.src == src && n.arg == arg;
}
}  // namespace

uint64_t structural_hash(Op op, const DType& dtype, const Arg& arg, int32_t tag, std::span<const uint64_t> child_hashes) {
  uint64_t h = local_hash(op, dtype, arg, tag);
  for (uint64_t c : child_hashes) h = hash_combine(h, c);
  return h;
}

Arena::Arena() : buckets_(1024, nullptr) {}
Arena::~Arena() = default;

UOpPtr Arena::make(Op op, DType dtype, std::vector<UOpPtr> src, Arg arg, int32_t tag) {
  uint64_t h = local_hash(op, dtype, arg, tag);
  for (UOpPtr s : src) {
    if (s == nullptr) throw std::invalid_argument("Arena::make: null source for " + std::string(op_name(op)));
    if (s->arena != this) throw std::invalid_argument("Arena::make: source from another arena for " + std::string(op_name(op)));
    h = hash_combine(h, s->hash);
  }
  UOp* created = nullptr;
  ArenaListener* listener = nullptr;
  {
    std::lock_guard lock(mu_);
    UOp** head = &buckets_[h & (buckets_.size() - 1)];
    for (UOp* n = *head; n; n = n->next_in_bucket)
      if (n->hash == h && same_fields(*n, op, dtype, src, arg, tag)) return n;
    VRange r = compute_vrange(op, dtype, src, arg);
    UOp& n = nodes_.emplace_back();
    n.op = op;
    n.dtype = dtype;
    n.src = std::move(src);
    n.arg = std::move(arg);
    n.tag = tag;
    n.id = uint32_t(by_id_.size());
    n.hash = h;
    n.vmin = r.min;
    n.vmax = r.max;
    n.shape = infer_shape(op, dtype, n.src, n.arg).shape;
    n.arena = this;
    n.next_in_bucket = *head;
    *head = &n;
    by_id_.push_back(&n);
    if (by_id_.size() > buckets_.size()) rehash(buckets_.size() * 2);
    created = &n;
    listener = listener_;
  }
  if (listener) listener->on_new_node(created);
  return created;
}

void Arena::rehash(size_t bucket_count) {
  std::vector<UOp*> fresh(bucket_count, nullptr);
  // Relinking in creation order keeps every chain's order deterministic.
  for (UOp* n : by_id_) {
    UOp*& head = fresh[n->hash & (bucket_count - 1)];
    n->next_in_bucket = head;
    head = n;
  }
  buckets_ = std::move(fresh);
}

UOpPtr Arena::const_int(DType dtype, int64_t v) {
  if (dtype.is_float()) return const_float(dtype, double(v));
  if (dtype.is_bool()) return make(Op::CONST, dtype, {}, Arg(v != 0));
  return make(Op::CONST, dtype, {}, Arg(v));
}

UOpPtr Arena::const_float(DType dtype, double v) {
  if (!dtype.is_float()) {
    if (dtype.is_bool()) return make(Op::CONST, dtype, {}, Arg(v != 0));
    return make(Op::CONST, dtype, {}, Arg(int64_t(v)));
  }
  return make(Op::CONST, dtype, {}, Arg(v));
}

UOpPtr Arena::const_bool(bool v) { return make(Op::CONST, DType::bool_(), {}, Arg(v)); }

UOpPtr Arena::var(const std::string& name, int64_t min, int64_t max, DType dtype) {
  return make(Op::DEFINE_VAR, dtype, {}, Arg(VarArg{name, min, max}));
}

UOpPtr Arena::range(UOpPtr end, int64_t axis) { return make(Op::RANGE, DType::index(), {end}, Arg(IntTuple{axis})); }

UOpPtr Arena::sink(std::vector<UOpPtr> srcs) { return make(Op::SINK, DType::void_(), std::move(srcs)); }

size_t Arena::size() const {
  std::lock_guard lock(mu_);
  return by_id_.size();
}

UOpPtr Arena::node_by_id(uint32_t id) const {
  std::lock_guard lock(mu_);
  return id < by_id_.size() ? by_id_[id] : nullptr;
}

void Arena::set_provenance(UOpPtr node, SourceLoc loc) {
  std::lock_guard lock(mu_);
  provenance_.try_emplace(node->id, std::move(loc));
  has_provenance_.store(true, std::memory_order_release);
}

const SourceLoc* Arena::provenance(UOpPtr node) const {
  std::lock_guard lock(mu_);
  auto it = provenance_.find(node->id);
  return it == provenance_.end() ? nullptr : &it->second;
}

void Arena::provenance(std::span<const UOpPtr> nodes, std::vector<const SourceLoc*>& out) const {
  out.clear();
  if (!has_provenance_.load(std::memory_order_acquire)) {
    out.assign(nodes.size(), nullptr);
    return;
  }
  out.reserve(nodes.size());
  std::lock_guard lock(mu_);
  for (UOpPtr n : nodes) {
    auto it = provenance_.find(n->id);
    out.push_back(it == provenance_.end() ? nullptr : &it->second);
  }
}

void Arena::set_listener(ArenaListener* l) {
  std::lock_guard lock(mu_);
  listener_ = l;
}

}  // namespace rw
