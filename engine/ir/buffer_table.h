// The host data behind the tensor graph's BUFFER nodes. A BUFFER's arg is (slot, size); the
// slot indexes this table, which belongs to the program being compiled (not to the arena),
// so traces can store each input once and evaluators can read it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/ir/host_array.h"

namespace rw {

enum class BufferOrigin {
  Loaded,   // load("x.npy"): an input of the program
  Literal,  // tensor([[...]]) written in the program
  Random,   // rand/randn, generated when the program was built
};

struct BufferEntry {
  std::string label;  // "x.npy", "tensor", "rand(seed=3)": for messages and viewers
  BufferOrigin origin = BufferOrigin::Loaded;
  std::string path;   // the file it came from (Loaded only), as written in the program
  HostArray data;
};

class BufferTable {
 public:
  int64_t add(BufferEntry e) {
    entries_.push_back(std::move(e));
    return int64_t(entries_.size()) - 1;
  }
  const BufferEntry& at(int64_t slot) const { return entries_.at(size_t(slot)); }
  size_t size() const { return entries_.size(); }
  const std::vector<BufferEntry>& entries() const { return entries_; }

 private:
  std::vector<BufferEntry> entries_;
};

}  // namespace rw
