// Deliberately wrong rules, switched on by name (--inject-fault=NAME), to test the checks and
// bisection themselves. A FaultSet travels in the options of the passes; only the faulty
// rule itself asks whether its fault is on, so nothing else in the engine behaves
// differently. Rules that get no options (the symbolic simplifier's, which run with no
// context) ask the FaultScope the pipeline installed on this thread instead.
#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
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

// "pad-mask, shrink-offset, ...": the names of the known faults whose `where` is one of
// `wheres` (empty: all), for help texts and error messages.
std::string fault_names(std::initializer_list<std::string_view> wheres = {});

// One line per known fault: "  name  [where] description".
std::string fault_table();

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

// Makes `faults` the active set on this thread until destroyed (scopes nest; the innermost
// wins). schedule_graph and codegen_kernel install their options' faults.
class FaultScope {
 public:
  explicit FaultScope(const FaultSet& faults);
  ~FaultScope();
  FaultScope(const FaultScope&) = delete;
  FaultScope& operator=(const FaultScope&) = delete;

 private:
  friend bool fault_active(std::string_view name);
  friend std::map<int64_t, int64_t>& fault_memo(std::string_view name);
  const FaultSet* faults_;  // nullptr: no fault on
  FaultScope* outer_;
  std::map<std::string, std::map<int64_t, int64_t>, std::less<>> memo_;
};

// Whether fault `name` is on in the innermost FaultScope of this thread. With no fault on,
// one thread-local load and a null test: cheap enough for a rule body on a hot path.
bool fault_active(std::string_view name);

// What fault `name` remembers while the innermost FaultScope lasts (empty when it starts),
// for faults that are stale state: a memo that outlives what it was computed for. Only
// valid while fault_active(name).
std::map<int64_t, int64_t>& fault_memo(std::string_view name);

}  // namespace rw
