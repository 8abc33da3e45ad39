// Declared index variables: a name and the closed range [min, max] it takes. Shared by the
// expression parser (`rewind simplify 'EXPR' --var x=0..15`) and the random expression
// generator that fuzzes the simplifier.
#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace rw {

struct VarRange {
  int64_t min = 0;
  int64_t max = 0;
  friend bool operator==(const VarRange&, const VarRange&) = default;
};

// Ordered by name, so everything built from it is deterministic.
using VarDecls = std::map<std::string, VarRange>;

}  // namespace rw
