#include "engine/rewrite/faults.h"

#include <algorithm>
#include <stdexcept>

namespace rw {

const std::vector<FaultInfo>& known_faults() {
  static const std::vector<FaultInfo> all = {
      {"pad-mask", "rangeify", "map_pad's validity mask is off by one at the upper edge"},
      {"shrink-offset", "rangeify", "a shrink's start offset is applied one element too far"},
      {"render-index", "render", "the LLVM IR renderer computes one address wrongly"},
      {"div-drop-remainder", "symbolic", "(x*c+y)//c folds to x without checking 0 <= y < c (wrong for shifted indices)"},
      {"mod-stale-bound", "symbolic",
       "x%c -> x decides 'x < c' once per divisor c and reuses it: right where it first decides, wrong on a later, larger x"},
      {"reduce-max-zero", "lower reduce", "a MAX reduce's accumulator starts at 0 instead of the dtype's lowest value"},
      {"acc-reset-in-loop", "linearize", "an accumulator's reset is placed inside its reduce loop, so only the last element counts"},
  };
  return all;
}

std::string fault_names(std::initializer_list<std::string_view> wheres) {
  std::string names;
  for (const FaultInfo& f : known_faults()) {
    bool wanted = wheres.size() == 0;
    for (std::string_view w : wheres) wanted |= f.where == w;
    if (wanted) names += (names.empty() ? "" : ", ") + std::string(f.name);
  }
  return names;
}

std::string fault_table() {
  size_t width = 0;
  for (const FaultInfo& f : known_faults()) width = std::max(width, f.name.size());
  std::string out;
  for (const FaultInfo& f : known_faults())
    out += "  " + std::string(f.name) + std::string(width - f.name.size() + 2, ' ') + "[" + std::string(f.where) + "] " + std::string(f.description) + "\n";
  return out;
}

FaultSet FaultSet::parse(std::string_view list) {
  FaultSet out;
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    std::string_view name = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!name.empty()) {
      bool known = false;
      for (const FaultInfo& f : known_faults()) known |= f.name == name;
      if (!known) throw std::invalid_argument("unknown fault '" + std::string(name) + "'; known faults: " + fault_names());
      out.on_.insert(std::string(name));
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

namespace {
thread_local FaultScope* t_scope = nullptr;  // the innermost scope on this thread
}  // namespace

FaultScope::FaultScope(const FaultSet& faults) : faults_(faults.empty() ? nullptr : &faults), outer_(t_scope) { t_scope = this; }
FaultScope::~FaultScope() { t_scope = outer_; }

bool fault_active(std::string_view name) { return t_scope && t_scope->faults_ && t_scope->faults_->has(name); }

std::map<int64_t, int64_t>& fault_memo(std::string_view name) {
  if (!t_scope) throw std::logic_error("fault_memo(" + std::string(name) + ") outside a FaultScope");
  auto it = t_scope->memo_.find(name);
  if (it == t_scope->memo_.end()) it = t_scope->memo_.emplace(std::string(name), std::map<int64_t, int64_t>{}).first;
  return it->second;
}

std::string FaultSet::to_string() const {
  std::string s;
  for (const std::string& n : on_) s += (s.empty() ? "" : ",") + n;
  return s;
}

}  // namespace rw
