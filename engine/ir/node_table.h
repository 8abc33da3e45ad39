// A flat hash table keyed by nodes, for the bookkeeping of graph walks (graph_rewrite,
// toposort). Open addressing with linear probing and backward-shift deletion; clear() is O(1)
// (a generation counter), so one table can be reused by many small walks without touching the
// allocator. Nodes are only
// looked up here, never ordered: iteration order is not offered, so hashing addresses cannot
// make a pass depend on where nodes happen to live.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/ir/uop.h"

namespace rw {

template <class V>
class NodeTable {
 public:
  NodeTable() { slots_.resize(kInitial); }

  V* find(UOpPtr key) {
    for (size_t i = home(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (!live(s)) return nullptr;
      if (s.key == key) return &s.value;
    }
  }
  bool contains(UOpPtr key) { return find(key) != nullptr; }

  // Inserts key -> value unless key is present; returns the stored value and whether it was new.
  std::pair<V*, bool> emplace(UOpPtr key, V value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (size_t i = home(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (!live(s)) {
        s = Slot{key, std::move(value), generation_};
        ++size_;
        return {&s.value, true};
      }
      if (s.key == key) return {&s.value, false};
    }
  }

  bool erase(UOpPtr key) {
    size_t i = home(key);
    for (;; i = (i + 1) & mask()) {
      if (!live(slots_[i])) return false;
      if (slots_[i].key == key) break;
    }
    // Backward shift: move later entries of the probe run into the hole so lookups that
    // passed through it still find them.
    size_t hole = i;
    for (size_t j = (i + 1) & mask(); live(slots_[j]); j = (j + 1) & mask()) {
      size_t want = home(slots_[j].key);
      // Entry j may fill the hole if its home is not cyclically within (hole, j].
      bool stays = hole <= j ? (hole < want && want <= j) : (hole < want || want <= j);
      if (!stays) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole].generation = 0;
    --size_;
    return true;
  }

  void clear() {
    size_ = 0;
    if (++generation_ == 0) {  // wrapped: old stamps could look live again
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }
  size_t size() const { return size_; }

 private:
  static constexpr size_t kInitial = 64;
  struct Slot {
    UOpPtr key = nullptr;
    V value{};
    uint32_t generation = 0;  // live iff equal to the table's generation
  };

  size_t mask() const { return slots_.size() - 1; }
  // By address, not by the node's structural hash: a lookup then need not touch the node's
  // memory. Only the slot depends on it; nothing observable (no iteration) does.
  size_t home(UOpPtr key) const {
    uint64_t h = uint64_t(reinterpret_cast<uintptr_t>(key)) * 0x9E3779B97F4A7C15ull;
    return size_t(h >> 32) & mask();
  }
  bool live(const Slot& s) const { return s.generation == generation_; }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const uint32_t old_gen = generation_;
    slots_.assign(old.size() * 2, Slot{});
    generation_ = 1;
    size_ = 0;
    for (Slot& s : old)
      if (s.generation == old_gen) emplace(s.key, std::move(s.value));
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  uint32_t generation_ = 1;
};

}  // namespace rw
