// Names of values in rendered code, shared by both renderers so C and IR read alike:
// data<slot> for buffers, acc<k> for accumulators, ridx<axis> for loop variables, and
// alu<k>/val<k>/cast<k> numbered in program order (not by node id, so a kernel renders the
// same whatever else the arena holds).
#pragma once
#include <map>
#include <string>
#include <unordered_map>

#include "engine/ir/uop.h"

namespace rw {

class ValueNames {
 public:
  const std::string& name(UOpPtr n) {
    if (auto it = names_.find(n); it != names_.end()) return it->second;
    std::string s;
    switch (n->op) {
      case Op::DEFINE_GLOBAL: s = "data" + std::to_string(n->arg.get<int64_t>()); break;
      case Op::DEFINE_REG: s = "acc" + std::to_string(n->arg.get<int64_t>()); break;
      case Op::RANGE: {  // ridx<axis>_<n>: a range copied for a second reduce (lower_reduce.cpp) or split by upcast
        const IntTuple& t = n->arg.get<IntTuple>();
        s = "ridx" + std::to_string(t.at(0)) + (t.size() > 2 ? "_" + std::to_string(t[2]) : "");
        break;
      }
      case Op::LOAD: s = next("val"); break;
      case Op::CAST: case Op::BITCAST: s = next("cast"); break;
      case Op::INDEX: s = next("addr"); break;
      default: s = next("alu"); break;
    }
    return names_.emplace(n, s).first->second;
  }

 private:
  std::string next(const std::string& prefix) { return prefix + std::to_string(counters_[prefix]++); }
  std::unordered_map<UOpPtr, std::string> names_;
  std::map<std::string, int> counters_;
};

}  // namespace rw
