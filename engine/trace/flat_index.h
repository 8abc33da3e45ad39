// A multimap from 64-bit hash to id with open addressing: one allocation for the whole
// table, so indexing millions of nodes costs one cache miss each instead of a heap node each.
// Entries with equal keys are all kept; callers verify candidates themselves.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine/ir/hash.h"
#include "engine/trace/id_rewrite.h"

namespace rw {

class FlatIndex {
 public:
  void insert(uint64_t key, int64_t id) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    place(key, id);
  }

  // Calls f(id) for every id inserted with `key`.
  template <class F> void for_each(uint64_t key, F&& f) const {
    if (slots_.empty()) return;
    key = key ? key : 1;
    size_t mask = slots_.size() - 1;
    for (size_t i = hash_mix(key) & mask; slots_[i].first; i = (i + 1) & mask)
      if (slots_[i].first == key) f(slots_[i].second);
  }

  size_t size() const { return used_; }

 private:
  void place(uint64_t key, int64_t id) {
    key = key ? key : 1;  // 0 marks an empty slot
    size_t mask = slots_.size() - 1;
    size_t i = hash_mix(key) & mask;
    while (slots_[i].first) i = (i + 1) & mask;
    slots_[i] = {key, id};
    ++used_;
  }

  void grow() {
    std::vector<std::pair<uint64_t, int64_t>> old(std::max<size_t>(slots_.size() * 2, 1024));
    old.swap(slots_);
    used_ = 0;
    for (auto& [k, v] : old)
      if (k) place(k, v);
  }

  std::vector<std::pair<uint64_t, int64_t>> slots_;
  size_t used_ = 0;
};

// A map from id to id with open addressing (no erase): the rewrites of a pass, one entry
// per matched node, overwritten when a node is matched again.
class FlatIdMap : public IdRewrites {
 public:
  void set(int64_t key, int64_t value) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    Slot& s = slot(key);
    if (s.generation != generation_) {
      s = {key, value, generation_};
      ++used_;
    } else {
      s.value = value;
    }
  }
  std::optional<int64_t> find(int64_t key) const override {
    if (slots_.empty()) return std::nullopt;
    const Slot& s = const_cast<FlatIdMap*>(this)->slot(key);
    return s.generation == generation_ ? std::optional<int64_t>(s.value) : std::nullopt;
  }
  size_t size() const { return used_; }
  // Empties the map for reuse. Its slots are kept unless they are many: a map reused by the
  // next short pass allocates nothing, but a huge pass's table is not kept around. Emptying
  // is O(1): a slot is live only when stamped with the map's current generation.
  void clear() {
    if (slots_.size() > 4096) {
      slots_ = {};
      generation_ = 1;
    } else if (used_ && ++generation_ == 0) {  // wrapped: old stamps could look live again
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
    used_ = 0;
  }

 private:
  struct Slot {
    int64_t key = 0, value = 0;
    uint32_t generation = 0;  // live iff equal to the map's generation_
  };
  Slot& slot(int64_t key) {
    size_t mask = slots_.size() - 1;
    size_t i = hash_mix(uint64_t(key)) & mask;
    while (slots_[i].generation == generation_ && slots_[i].key != key) i = (i + 1) & mask;
    return slots_[i];
  }
  void grow() {
    std::vector<Slot> old(std::max<size_t>(slots_.size() * 2, 256));
    old.swap(slots_);
    const uint32_t old_generation = generation_;
    generation_ = 1;
    used_ = 0;
    for (const Slot& s : old)
      if (s.generation == old_generation) set(s.key, s.value);
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
  uint32_t generation_ = 1;
};

}  // namespace rw
