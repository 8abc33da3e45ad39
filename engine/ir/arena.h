// Per-run interning of UOps. Thread-safe; owns every node it made until it is destroyed.
#pragma once
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

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

 private:
  void rehash(size_t bucket_count);  // with mu_ held

  mutable std::mutex mu_;
  std::deque<UOp> nodes_;
  std::vector<UOp*> by_id_;
  // Interning index: chain heads by the low bits of the structural hash (a power-of-two
  // table, chained through UOp::next_in_bucket). Flat, so a lookup costs one probe.
  std::vector<UOp*> buckets_;
  std::unordered_map<uint32_t, SourceLoc> provenance_;
  // Set once any node has a provenance: lets a reader on another thread (the trace writer)
  // skip the lock, which the engine takes for every node it makes, when there is none.
  std::atomic<bool> has_provenance_{false};
  ArenaListener* listener_ = nullptr;
};

}  // namespace rw
