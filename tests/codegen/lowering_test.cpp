// Lowering: the index dtype becomes int32 when every index value fits and int64 when one
// does not; REDUCE and the index dtype are gone from the program; a STORE's loops become
// ENDs; a gated read loads a zero default.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "engine/codegen/codegen.h"
#include "engine/ir/graph.h"
#include "engine/ir/verify.h"
#include "engine/trace/tracer.h"
#include "tests/support/kernel_builder.h"

namespace rw::testing {
namespace {

const DType f32 = DType::float32();

TEST(Lowering, WideIndicesBecomeInt64) {
  Arena a;
  KernelBuilder k(a);
  const int64_t rows = 3, stride = int64_t(1) << 31;  // r0 * 2^31 does not fit int32
  UOpPtr r0 = k.loop(0, rows), r1 = k.loop(1, 4);
  UOpPtr y = k.global(0, f32, rows * stride), x = k.global(1, f32, rows * stride);
  UOpPtr i = r0->mul(stride)->add(r1);
  KernelProgram p = codegen_kernel(k.sink({k.store(y, i, k.load(x, i), {r0, r1})}), "E_3_4");
  EXPECT_NE(p.llvm_ir.find("%ridx0 = phi i64"), std::string::npos) << p.llvm_ir;
  EXPECT_NE(p.c_source.find("for (int64_t ridx0"), std::string::npos) << p.c_source;
  EXPECT_NE(p.c_source.find("2147483648"), std::string::npos) << p.c_source;
}

TEST(Lowering, NarrowIndicesStayInt32) {
  Arena a;
  KernelBuilder k(a);
  UOpPtr r0 = k.loop(0, 1000), y = k.global(0, f32, 1000), x = k.global(1, f32, 1000);
  KernelProgram p = codegen_kernel(k.sink({k.store(y, r0, k.load(x, r0), {r0})}), "E_1000");
  EXPECT_NE(p.llvm_ir.find(" = phi i32"), std::string::npos) << p.llvm_ir;
  EXPECT_EQ(p.llvm_ir.find("i64 %"), std::string::npos) << p.llvm_ir;
}

TEST(Lowering, LoweredGraphHasLoopsAccumulatorsAndDefaults) {
  Arena a;
  KernelBuilder k(a);
  UOpPtr r0 = k.loop(0, 4), r1 = k.reduce_range(1, 6), y = k.global(0, f32, 4), x = k.global(1, f32, 20);
  UOpPtr v = k.load(x, r0->mul(5)->add(r1)->add(-1), k.idx(0)->lt(r1));  // reads x[5i + j - 1] for j >= 1
  CodegenOptions o;
  o.opts = OptSet::none();
  UOpPtr lowered = lower_kernel(k.sink({k.store(y, r0, k.reduce(Op::ADD, v, {r1}), {r0})}), "r_4_6", o);
  EXPECT_TRUE(verify_graph(lowered, Stage::Lowered).empty());
  std::vector<UOpPtr> nodes = toposort(lowered);
  auto count = [&](Op op) { return std::count_if(nodes.begin(), nodes.end(), [&](UOpPtr n) { return n->op == op; }); };
  EXPECT_EQ(count(Op::REDUCE), 0);
  EXPECT_EQ(count(Op::DEFINE_REG), 1);
  EXPECT_EQ(count(Op::END), 2);  // the store's loop and the reduce's loop
  EXPECT_TRUE(std::none_of(nodes.begin(), nodes.end(), [](UOpPtr n) { return n->dtype.is_index(); }));
  auto gated = std::find_if(nodes.begin(), nodes.end(), [](UOpPtr n) { return n->op == Op::LOAD && n->src.size() == 3; });
  ASSERT_NE(gated, nodes.end());
  EXPECT_TRUE((*gated)->src[1]->is_const());
  EXPECT_EQ((*gated)->src[1]->const_float(), 0.0);
}

}  // namespace
}  // namespace rw::testing

namespace rw::testing {
namespace {

class RuleRecorder : public Tracer {
 public:
  bool active() const override { return true; }
  void on_rewrite(const RewriteEvent& e) override { files.insert(e.rule->file); }
  std::set<std::string> files;
};

// The viewer shows which codegen rule fired where: each lowering rule reports its own file.
TEST(Lowering, RewritesReportTheirRuleFiles) {
  Arena a;
  KernelBuilder k(a);
  UOpPtr r0 = k.loop(0, 4), r1 = k.reduce_range(1, 8), y = k.global(0, f32, 4), y2 = k.global(1, f32, 4), x = k.global(2, f32, 32);
  UOpPtr v = k.load(x, r0->mul(8)->add(r1));
  RuleRecorder rec;
  TracerScope scope(rec);
  codegen_kernel(k.sink({k.store(y, r0, k.reduce(Op::ADD, v, {r1}), {r0}), k.store(y2, r0, k.reduce(Op::MAX, v, {r1}), {r0})}), "r_4_8");
  for (const char* f : {"engine/codegen/lower_reduce.cpp", "engine/codegen/lower_memory.cpp", "engine/codegen/lower_index_dtype.cpp",
                        "engine/codegen/linearize_merge_ends.cpp"})
    EXPECT_TRUE(rec.files.count(f)) << f;
}

}  // namespace
}  // namespace rw::testing
