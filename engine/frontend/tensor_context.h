// The graph a program builds: the arena its nodes live in, the host data behind its BUFFERs,
// and the source location the builder is at (recorded as each new node's provenance).
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "engine/ir/arena.h"
#include "engine/ir/buffer_table.h"

namespace rw {

// A tensor operation that cannot be built: what is wrong (naming the shapes and dtypes
// involved) and, when there is one, what to try. The program layer adds file:line:col.
class TensorError : public std::runtime_error {
 public:
  explicit TensorError(const std::string& what, std::string hint = {}) : std::runtime_error(what), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

class TensorContext {
 public:
  explicit TensorContext(Arena& arena) : arena_(arena) {}
  TensorContext(const TensorContext&) = delete;
  TensorContext& operator=(const TensorContext&) = delete;

  Arena& arena() const { return arena_; }
  BufferTable& buffers() { return buffers_; }
  const BufferTable& buffers() const { return buffers_; }

  // Interns a node after checking that its sources fit (TensorError otherwise), and records
  // the current location as its provenance (the first location to build a node keeps it).
  UOpPtr make(Op op, DType dtype, std::vector<UOpPtr> src, Arg arg = {});

  void set_location(std::optional<SourceLoc> loc) { location_ = std::move(loc); }
  const std::optional<SourceLoc>& location() const { return location_; }

  // Seeds for rand/randn calls that give none: 0, 1, 2, ... in call order, so a program is
  // reproducible and two unseeded calls still differ.
  uint64_t next_default_seed() { return default_seed_++; }

 private:
  Arena& arena_;
  BufferTable buffers_;
  std::optional<SourceLoc> location_;
  uint64_t default_seed_ = 0;
};

}  // namespace rw
