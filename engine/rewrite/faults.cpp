#include "engine/rewrite/faults.h"

#include <stdexcept>

namespace rw {

const std::vector<FaultInfo>& known_faults() {
  static const std::vector<FaultInfo> all = {
      {"pad-mask", "rangeify", "map_pad's validity mask is off by one at the upper edge"},
      {"shrink-offset", "rangeify", "a shrink's start offset is applied one element too far"},
      {"render-index", "render", "the LLVM IR renderer computes one address wrongly"},
  };
  return all;
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
      if (!known) {
        std::string names;
        for (const FaultInfo& f : known_faults()) names += (names.empty() ? "" : ", ") + std::string(f.name);
        throw std::invalid_argument("unknown fault '" + std::string(name) + "'; known faults: " + names);
      }
      out.on_.insert(std::string(name));
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return out;
}

std::string FaultSet::to_string() const {
  std::string s;
  for (const std::string& n : on_) s += (s.empty() ? "" : ",") + n;
  return s;
}

}  // namespace rw
