// Deliberately wrong rules, switched on by name (--inject-fault=NAME), to test the checks and
// bisection themselves. A FaultSet travels in the options of the passes; only the faulty
// rule itself asks whether its fault is on, so nothing else in the engine behaves
// differently.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rw {

struct FaultInfo {
  std::string_view name;         // "pad-mask"
  std::string_view where;        // "rangeify", "render"...
  std::string_view description;  // what goes wrong
};

// Every fault the engine knows (engine/rewrite/faults.cpp; one row per fault).
const std::vector<FaultInfo>& known_faults();

class FaultSet {
 public:
  FaultSet() = default;
  // Parses "a,b" (names from known_faults()). Throws std::invalid_argument naming an unknown
  // fault and listing the known ones.
  static FaultSet parse(std::string_view list);
  bool has(std::string_view name) const { return on_.count(std::string(name)) > 0; }
  bool empty() const { return on_.empty(); }
  std::string to_string() const;  // "a,b" in name order

 private:
  std::set<std::string> on_;
};

}  // namespace rw
