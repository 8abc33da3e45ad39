// Whether a stored node lies in another's subgraph. An engine node's sources are created
// before it (ids are creation indices), so the walk never descends below the target's id,
// and every answer is remembered: many questions about one target cost one walk in total.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "engine/trace/trace_reader.h"

namespace rw {

class Reach {
 public:
  Reach(TraceReader& reader, int64_t run_id, int64_t target) : reader_(reader), run_id_(run_id), target_(target) {}
  bool from(int64_t root);  // true when `target` is `root` or below it
  int64_t target() const { return target_; }

 private:
  TraceReader& reader_;
  int64_t run_id_, target_;
  std::unordered_map<int64_t, bool> known_;
};

}  // namespace rw
