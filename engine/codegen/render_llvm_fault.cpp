#include "engine/codegen/render_llvm_fault.h"

#include "engine/codegen/render_llvm_types.h"

namespace rw {

bool render_index_fault_applies(UOpPtr index) {
  UOpPtr base = index->src[0], offset = index->src[1];
  return base->op == Op::DEFINE_GLOBAL && offset->op != Op::RANGE && offset->op != Op::CONST && base->dtype.size > 1;
}

std::string render_index_fault_offset(UOpPtr index, const std::string& offset, const std::string& tmp,
                                      const std::function<void(const std::string&)>& emit) {
  std::string t = llvm_type(index->src[1]->dtype);
  std::string size = std::to_string(index->src[0]->dtype.size);
  emit("%" + tmp + ".next = add " + t + " " + offset + ", 1");
  emit("%" + tmp + ".fits = icmp slt " + t + " %" + tmp + ".next, " + size);
  emit("%" + tmp + ".off = select i1 %" + tmp + ".fits, " + t + " %" + tmp + ".next, " + t + " " + offset);
  return "%" + tmp + ".off";
}

}  // namespace rw
