#include "engine/ir/arena.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <new>
#include <stdexcept>

#include <sys/mman.h>

#include "engine/ir/hash.h"
#include "engine/ir/shape.h"

namespace rw {

namespace {
// The hash of a node's own fields is hash_mix(op) combined with the dtype's two words, the
// arg's hash and the tag, in that order (the order is part of the stable hash: traces store it).
uint64_t head_hash(Op op, const DType& d) {
  uint64_t h = hash_mix(uint64_t(op) + 1);
  h = hash_combine(h, (uint64_t(d.scalar) << 1) | (d.ptr ? 1 : 0));
  return hash_combine(h, (uint64_t(d.count) << 32) ^ uint64_t(d.size));
}

// Every node is hashed when it is looked up, so the heads of plain scalar dtypes are computed
// once: `head` per (op, scalar), and `bare` with the empty arg and tag 0 folded in as well
// (every ALU node's whole local hash).
constexpr size_t kScalars = size_t(Scalar::Index) + 1;
struct HeadHashes {
  std::array<uint64_t, kNumOps * kScalars> head{}, bare{};
  HeadHashes() {
    for (size_t o = 0; o < size_t(kNumOps); ++o)
      for (size_t sc = 0; sc < kScalars; ++sc) {
        uint64_t h = head_hash(Op(o), DType(Scalar(sc)));
        head[o * kScalars + sc] = h;
        bare[o * kScalars + sc] = hash_combine(hash_combine(h, Arg().hash()), 0);
      }
  }
};
const HeadHashes& head_hashes() {
  static const HeadHashes table;
  return table;
}

uint64_t local_hash(Op op, const DType& d, const Arg& arg, int32_t tag) {
  if (d.count == 1 && !d.ptr && d.size == -1 && size_t(d.scalar) < kScalars) {
    const HeadHashes& t = head_hashes();
    const size_t k = size_t(op) * kScalars + size_t(d.scalar);
    if (tag == 0 && arg.is_none()) return t.bare[k];
    return hash_combine(hash_combine(t.head[k], arg.hash()), uint64_t(uint32_t(tag)));
  }
  return hash_combine(hash_combine(head_hash(op, d), arg.hash()), uint64_t(uint32_t(tag)));
}

bool same_fields(const UOp& n, Op op, const DType& d, std::span<const UOpPtr> src, const Arg& arg, int32_t tag) {
  if (n.op != op || n.dtype != d || n.tag != tag || n.src.size() != src.size()) return false;
  // A loop, not std::equal: that becomes a memcmp call for the two or three pointers a node has.
  for (size_t i = 0; i < src.size(); ++i)
    if (n.src[i] != src[i]) return false;
  return n.arg == arg;
}
}  // namespace

uint64_t structural_hash(Op op, const DType& dtype, const Arg& arg, int32_t tag, std::span<const uint64_t> child_hashes) {
  uint64_t h = local_hash(op, dtype, arg, tag);
  for (uint64_t c : child_hashes) h = hash_combine(h, c);
  return h;
}

namespace {
// Node chunks double from 64 nodes to 512 (about 90 KiB), so that a small arena stays small.
// An arena that outgrows 8 chunks (about 3,000 nodes) is a large one, and takes 2 MiB chunks
// the kernel may back with one huge page each: every new node is written to fresh memory, and
// faulting that in 4 KiB at a time cost a large arena's simplification about a sixth of its time.
constexpr size_t kFirstChunkNodes = 64;
constexpr size_t kMaxChunkNodes = 512;
constexpr size_t kSmallChunks = 8;
constexpr size_t kHugeChunkBytes = size_t(2) << 20;
}  // namespace

void Arena::ChunkFree::operator()(std::byte* p) const { std::free(p); }

namespace {
std::atomic<uint64_t> next_arena_serial{1};
}  // namespace

Arena::Arena() : slots_(1024), serial_(next_arena_serial.fetch_add(1, std::memory_order_relaxed)) {}
Arena::~Arena() {
  for (UOp* n : by_id_) n->~UOp();
}

UOp* Arena::new_node_slot() {
  if (chunk_used_ == chunk_capacity_) {
    std::byte* p;
    if (chunks_.size() >= kSmallChunks) {
      chunk_capacity_ = kHugeChunkBytes / sizeof(UOp);
      p = static_cast<std::byte*>(std::aligned_alloc(kHugeChunkBytes, kHugeChunkBytes));
      if (p) madvise(p, kHugeChunkBytes, MADV_HUGEPAGE);  // a hint: without huge pages, 4 KiB ones
    } else {
      chunk_capacity_ = chunks_.empty() ? kFirstChunkNodes : std::min(kMaxChunkNodes, chunk_capacity_ * 2);
      p = static_cast<std::byte*>(std::malloc(chunk_capacity_ * sizeof(UOp)));
    }
    if (!p) throw std::bad_alloc();
    chunks_.emplace_back(p);
    chunk_used_ = 0;
  }
  return reinterpret_cast<UOp*>(chunks_.back().get()) + chunk_used_++;
}

// Sources of new nodes, packed in blocks that double from 256 pointers to 64Ki (512 KiB),
// or hold one node's sources alone when they are more than that.
UOpPtr* Arena::new_src_slots(size_t n) {
  constexpr size_t kFirstSrcBlock = 256, kMaxSrcBlock = size_t(1) << 16;
  if (n == 0) return nullptr;
  if (src_capacity_ - src_used_ < n) {
    src_capacity_ = std::max(n, src_blocks_.empty() ? kFirstSrcBlock : std::min(kMaxSrcBlock, src_capacity_ * 2));
    src_blocks_.push_back(std::make_unique<UOpPtr[]>(src_capacity_));
    src_used_ = 0;
  }
  UOpPtr* p = src_blocks_.back().get() + src_used_;
  src_used_ += n;
  return p;
}

UOpPtr Arena::make(Op op, DType dtype, std::vector<UOpPtr> src, Arg arg, int32_t tag) {
  return intern(op, dtype, src, arg, tag, &arg);
}

UOpPtr Arena::find_or_make(Op op, DType dtype, std::span<const UOpPtr> src, const Arg& arg, int32_t tag) {
  return intern(op, dtype, src, arg, tag, nullptr);
}

UOpPtr Arena::intern(Op op, const DType& dtype, std::span<const UOpPtr> src, const Arg& arg, int32_t tag,
                     Arg* owned_arg) {
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
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    const uint32_t high = uint32_t(h >> 32);
    for (; slots_[i].id_plus_1; i = (i + 1) & mask) {
      if (slots_[i].hash_high != high) continue;
      UOp* n = by_id_[slots_[i].id_plus_1 - 1];
      if (n->hash == h && same_fields(*n, op, dtype, src, arg, tag)) return n;
    }
    VRange r = compute_vrange(op, dtype, src, arg);
    UOp& n = *new (new_node_slot()) UOp();
    try {
      n.op = op;
      n.dtype = dtype;
      UOpPtr* stored = new_src_slots(src.size());
      std::copy(src.begin(), src.end(), stored);
      n.src = NodeSrc(stored, src.size());
      if (owned_arg) n.arg = std::move(*owned_arg);
      else n.arg = arg;
      n.tag = tag;
      n.id = uint32_t(by_id_.size());
      n.hash = h;
      n.vmin = r.min;
      n.vmax = r.max;
      n.shape = infer_shape(op, dtype, n.src, n.arg).shape;
      n.arena = this;
      by_id_.push_back(&n);  // first: a slot must never name an id by_id_ lacks
    } catch (...) {
      // Out of memory half way: the node never existed (~Arena destroys only by_id_'s nodes).
      n.~UOp();
      --chunk_used_;
      throw;
    }
    slots_[i] = Slot{high, n.id + 1};
    if (by_id_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    created = &n;
    listener = listener_;
  }
  if (listener) listener->on_new_node(created);
  return created;
}

void Arena::rehash(size_t slot_count) {
  std::vector<Slot> fresh(slot_count);
  const size_t mask = slot_count - 1;
  // Reinserting in creation order keeps the layout deterministic (lookups are exact, so
  // nothing observable depends on it anyway).
  for (UOp* n : by_id_) {
    size_t i = n->hash & mask;
    while (fresh[i].id_plus_1) i = (i + 1) & mask;
    fresh[i] = Slot{uint32_t(n->hash >> 32), n->id + 1};
  }
  slots_ = std::move(fresh);
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
  std::lock_guard lock(provenance_mu_);
  provenance_.try_emplace(node->id, std::move(loc));
  has_provenance_.store(true, std::memory_order_release);
}

const SourceLoc* Arena::provenance(UOpPtr node) const {
  std::lock_guard lock(provenance_mu_);
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
  std::lock_guard lock(provenance_mu_);
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
