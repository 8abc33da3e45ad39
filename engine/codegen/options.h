// Codegen options: which optimizations run (--opt=off, --opt=upcast,unroll, default all) and which
// deliberate faults are on (--inject-fault; only the faulty rule itself reads it).
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rewrite/faults.h"

namespace rw {

class OptSet {
 public:
  static const std::vector<std::string_view>& known();  // every optimization, in pass order
  static OptSet all();
  static OptSet none() { return {}; }
  // "off" (none), "all" or "" (every one), or a comma list such as "unroll". Throws
  // std::invalid_argument naming an unknown optimization and listing the known ones.
  static OptSet parse(std::string_view text);
  bool has(std::string_view name) const { return on_.count(std::string(name)) > 0; }
  std::string to_string() const;  // "off" or "unroll,..."

 private:
  std::set<std::string> on_;
};

struct CodegenOptions {
  OptSet opts = OptSet::all();
  FaultSet faults;
  bool verify = true;  // verify the lowered graph and the linear program
  // Bounds-checked kernels (--checked): every buffer access is tested against the buffer's
  // size; one outside is recorded and skipped instead of touching other memory
  // (bounds_record.h). The kernel then takes one more pointer, the record.
  bool checked = false;
  // Reduce loops this short or shorter are unrolled by the "unroll" optimization.
  int64_t unroll_limit = 4;
  // Outputs per iteration of a store's innermost loop with the "upcast" optimization.
  int64_t upcast_factor = 4;
};

}  // namespace rw
