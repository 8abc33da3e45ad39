// Node records the writer has formatted, kept to be copied when the same node is stored again.
//
// A node's record (`[id,op,dtype,arg,tag,[srcs],hash,vmin,vmax,provenance,shape]`) depends only
// on the node, which never changes, its provenance, and string ids that stay fixed for the
// whole trace. Each run stores the nodes it uses once, so a process that schedules the same
// graph again and again in one arena (a training loop, a long-lived viewer, warm scheduling)
// stores the same nodes every run: copying their records is several times cheaper than
// formatting the dozen numbers of each again.
//
// Direct-mapped by node id, a fixed 800 KiB whatever the arena's size (allocated once a node
// is stored): a run of a million new nodes only overwrites slots, and a node whose record is
// long (a big argument, a deep shape) is simply formatted every time. A record is kept from
// the second time its node is stored, and copied from the third.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ir/arena.h"

namespace rw::trace_detail {

class NodeRecordCache {
 public:
  static constexpr size_t kSlots = 4096;    // a power of two
  static constexpr size_t kMaxChars = 160;  // longer records are not kept (a few in a thousand)

  // Appends n's record to `out` if one is kept for this very node (same arena, same
  // provenance as when it was formatted); false otherwise.
  bool append(UOpPtr n, const SourceLoc* loc, std::string& out) const {
    if (slots_.empty()) return false;
    const Slot& s = slots_[n->id & (kSlots - 1)];
    if (s.node != n || s.arena != n->arena->serial() || s.loc != loc) return false;
    out.append(s.text, s.size);
    return true;
  }

  // Keeps `record` as n's (replacing whatever node had the slot) when n was stored before:
  // a node seen once is only noted. Most nodes of a long run are stored once and never
  // again, and copying each of their records into the table cost the writer 3%.
  void remember(UOpPtr n, const SourceLoc* loc, std::string_view record) {
    if (record.size() > kMaxChars) return;
    if (slots_.empty()) {  // only once a node is stored at all
      slots_.resize(kSlots);
      seen_.resize(kSlots);
    }
    const size_t i = n->id & (kSlots - 1);
    // Node address and arena serial folded into one word: a collision only makes a node
    // kept one run early or late, never a wrong record (append() checks the slot itself).
    const uint64_t key = uint64_t(reinterpret_cast<uintptr_t>(n)) ^ (n->arena->serial() << 40);
    if (seen_[i] != key) {
      seen_[i] = key;
      return;
    }
    Slot& s = slots_[i];
    s.node = n;
    s.arena = n->arena->serial();
    s.loc = loc;
    s.size = uint32_t(record.size());
    std::memcpy(s.text, record.data(), record.size());
  }

 private:
  struct Slot {
    UOpPtr node = nullptr;
    uint64_t arena = 0;  // the node's arena's serial: a pointer alone may be a dead arena's
    // The provenance the record was made with: a node stored before it got one (a later
    // program built the same node at a source line) is formatted again.
    const SourceLoc* loc = nullptr;
    uint32_t size = 0;
    char text[kMaxChars];
  };
  std::vector<Slot> slots_;
  std::vector<uint64_t> seen_;  // the node last noted per slot (a small table, kept in cache)
};

}  // namespace rw::trace_detail
