// Node blocks a later run can point to instead of storing them again (schema v8,
// uop_blocks.same_as_run).
//
// A run that schedules the same graph as an earlier run of the process stores the same nodes,
// with the same ids, cut into the same blocks: byte for byte the text of a block already in
// the trace. Such a block is written as a row that names the run holding the text. On a short
// scheduling run the node blocks were more than half of the bytes written.
//
// Only the latest text per id range is remembered, so a row always points to a row that
// holds text (never to another pointer), and the memory is bounded by kMaxRanges blocks. The
// text is kept from the second block over a range: the blocks of a long run each cover a
// range of their own, and copying each of them would cost its writer a few percent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rw::trace_detail {

class SharedNodeBlocks {
 public:
  static constexpr size_t kMaxRanges = 256;

  // The run whose block over [first, last] has exactly this text, if one was remembered.
  std::optional<int64_t> holder(int64_t first, int64_t last, std::string_view text) const {
    auto it = blocks_.find(key(first, last));
    if (it == blocks_.end() || !it->second.has_text || it->second.text != text) return std::nullopt;
    return it->second.run_id;
  }

  // `run_id` wrote a block over [first, last] with this text.
  void remember(int64_t first, int64_t last, int64_t run_id, std::string_view text) {
    if (blocks_.size() >= kMaxRanges && !blocks_.count(key(first, last))) blocks_.clear();  // long runs: all new blocks
    auto [it, first_time] = blocks_.try_emplace(key(first, last));
    Block& b = it->second;
    b.run_id = run_id;
    if (first_time) return;  // noted only: no text to match, so holder() finds nothing yet
    b.text.assign(text);
    b.has_text = true;
  }

 private:
  struct Block {
    int64_t run_id = 0;
    bool has_text = false;
    std::string text;
  };
  // Node ids are 32-bit (UOp::id).
  static uint64_t key(int64_t first, int64_t last) { return (uint64_t(first) << 32) ^ uint64_t(uint32_t(last)); }
  std::unordered_map<uint64_t, Block> blocks_;
};

}  // namespace rw::trace_detail
