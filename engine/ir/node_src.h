// A node's sources: an immutable array in its arena's own memory, read like a vector.
//
// Not a std::vector: each node's sources were a heap allocation of their own, made while
// the scheduler was making and freeing its temporaries, so they shared cache lines with
// them. The trace writer reads every stored node's sources from another thread, and each
// such read made the scheduler's next write to the shared line a coherence miss (about 3%
// of a traced scheduling run). In the arena's chunks they sit among other nodes' sources
// only, which nothing writes, and creating a node costs one allocation fewer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

namespace rw {

struct UOp;

class NodeSrc {
 public:
  using value_type = const UOp*;
  using const_iterator = const value_type*;
  using iterator = const_iterator;

  NodeSrc() = default;
  NodeSrc(const value_type* data, size_t size) : data_(data), size_(uint32_t(size)) {}

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  value_type operator[](size_t i) const { return data_[i]; }
  value_type front() const { return data_[0]; }
  value_type back() const { return data_[size_ - 1]; }
  const value_type* data() const { return data_; }
  const_iterator begin() const { return data_; }
  const_iterator end() const { return data_ + size_; }
  std::reverse_iterator<const_iterator> rbegin() const { return std::reverse_iterator<const_iterator>(end()); }
  std::reverse_iterator<const_iterator> rend() const { return std::reverse_iterator<const_iterator>(begin()); }
  operator std::span<const value_type>() const { return {data_, size_}; }
  std::vector<value_type> to_vector() const { return {begin(), end()}; }

  friend bool operator==(const NodeSrc& a, std::span<const value_type> b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  friend bool operator==(const NodeSrc& a, const std::vector<value_type>& b) { return a == std::span<const value_type>(b); }
  friend bool operator==(const NodeSrc& a, const NodeSrc& b) { return a == std::span<const value_type>(b); }

 private:
  const value_type* data_ = nullptr;
  uint32_t size_ = 0;
};

}  // namespace rw
