// Per-run interning of UOps. Thread-safe; owns every node it made until it is destroyed.
#pragma once
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/ir/spin_lock.h"
#include "engine/ir/uop.h"

namespace rw {

// Where a tensor node came from in the .tg program. Metadata beside a node, never part of
// its identity.
struct SourceLoc {
  std::string file;
  int line = 0;
  int col = 0;
  std::string to_string() const { return file + ":" + std::to_string(line) + ":" + std::to_string(col); }
};

// Observes node creation (the trace uses this to store nodes once, as they appear).
class ArenaListener {
 public:
  virtual ~ArenaListener() = default;
  virtual void on_new_node(UOpPtr node) = 0;
};

// The structural hash a node with these fields and these children's hashes has (what
// UOp::hash holds). Exposed so a trace can hash nodes it reconstructs without building them.
uint64_t structural_hash(Op op, const DType& dtype, const Arg& arg, int32_t tag, std::span<const uint64_t> child_hashes);

class Arena {
 public:
  Arena();
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns the unique node with these fields, creating it if it does not exist yet.
  UOpPtr make(Op op, DType dtype, std::vector<UOpPtr> src = {}, Arg arg = {}, int32_t tag = 0);
  // The same, for callers whose sources are not in a vector of their own: the sources and the
  // argument are copied only when the node is new. Rewrites mostly find nodes that exist, and
  // a vector built just to look one up is an allocation per lookup.
  UOpPtr find_or_make(Op op, DType dtype, std::span<const UOpPtr> src, const Arg& arg = {}, int32_t tag = 0);

  // Conveniences.
  UOpPtr const_int(DType dtype, int64_t v);
  UOpPtr const_float(DType dtype, double v);
  UOpPtr const_bool(bool v);
  UOpPtr index_const(int64_t v) { return const_int(DType::index(), v); }
  UOpPtr var(const std::string& name, int64_t min, int64_t max, DType dtype = DType::index());
  UOpPtr range(UOpPtr end, int64_t axis);
  UOpPtr sink(std::vector<UOpPtr> srcs);

  size_t size() const;  // number of nodes interned
  UOpPtr node_by_id(uint32_t id) const;

  void set_provenance(UOpPtr node, SourceLoc loc);  // first location wins
  const SourceLoc* provenance(UOpPtr node) const;
  // The provenance of many nodes under one lock (nullptr where none), for readers on another
  // thread that would otherwise contend with node creation once per node.
  void provenance(std::span<const UOpPtr> nodes, std::vector<const SourceLoc*>& out) const;

  void set_listener(ArenaListener* l);  // nullptr to stop listening

  // Unique among the arenas of this process, never reused: a node pointer and id identify a
  // node only while its arena lives, and a later arena may get the same addresses.
  uint64_t serial() const { return serial_; }

 private:
  // One slot of the interning index: a node's id and the high half of its structural hash
  // (the low bits chose the slot), so a probe reads only the index and touches a node's
  // memory only when the hashes agree. Eight bytes, so that the index of a large arena
  // stays in the core's cache.
  struct Slot {
    uint32_t hash_high = 0;
    uint32_t id_plus_1 = 0;  // 0: empty
  };
  void rehash(size_t slot_count);  // with mu_ held
  // make() and find_or_make(): owned_arg, when given, holds arg and is moved into a new node
  // instead of copied. Sources are always copied, into the arena's own blocks.
  UOpPtr intern(Op op, const DType& dtype, std::span<const UOpPtr> src, const Arg& arg, int32_t tag, Arg* owned_arg);

  mutable SpinLock mu_;  // held briefly, for a lookup or an insertion
  // Node storage: chunks (sizes in arena.cpp), nodes constructed in place and never moved.
  // (A std::deque of nodes this size allocates a block per two nodes.)
  UOp* new_node_slot();  // with mu_ held
  struct ChunkFree {
    void operator()(std::byte* p) const;
  };
  std::vector<std::unique_ptr<std::byte[], ChunkFree>> chunks_;
  size_t chunk_used_ = 0, chunk_capacity_ = 0;
  std::vector<UOp*> by_id_;
  // Nodes' sources (node_src.h): blocks of the arena's own, never freed before it is.
  UOpPtr* new_src_slots(size_t n);  // with mu_ held
  std::vector<std::unique_ptr<UOpPtr[]>> src_blocks_;
  size_t src_used_ = 0, src_capacity_ = 0;
  // Interning index: open addressing with linear probing over a power-of-two table kept at
  // most half full, by the low bits of the structural hash (slots name by_id_ entries).
  // Nodes are never removed, so no tombstones. A chained index would follow a pointer inside
  // each node of a chain: a cache miss per node on an arena of megabytes.
  std::vector<Slot> slots_;
  // Provenance has a lock of its own: the trace writer reads it for every node it stores, and
  // under mu_ it would make the engine, which takes mu_ for every node it looks up, wait.
  mutable std::mutex provenance_mu_;
  std::unordered_map<uint32_t, SourceLoc> provenance_;
  // Set once any node has a provenance: lets a reader skip the lock when there is none.
  std::atomic<bool> has_provenance_{false};
  ArenaListener* listener_ = nullptr;
  const uint64_t serial_;
};

}  // namespace rw
