// The flat node table graph_rewrite keeps its bookkeeping in, against std::unordered_map.
#include <gtest/gtest.h>

#include <unordered_map>

#include "engine/ir/arena.h"
#include "engine/rewrite/expr_gen.h"
#include "engine/ir/node_table.h"

namespace rw {
namespace {

TEST(NodeTable, AgreesWithAStandardMapUnderRandomInsertsErasesAndClears) {
  Arena a;
  std::vector<UOpPtr> nodes;
  for (int i = 0; i < 600; ++i) nodes.push_back(a.index_const(i));
  SplitMix64 rng(3);
  NodeTable<int64_t> table;
  std::unordered_map<UOpPtr, int64_t> want;
  for (int step = 0; step < 200000; ++step) {
    UOpPtr n = nodes[rng.next() % nodes.size()];
    switch (rng.next() % 10) {
      case 0: case 1: case 2: case 3: {
        int64_t v = int64_t(rng.next() % 1000);
        auto [stored, fresh] = table.emplace(n, v);
        auto [it, inserted] = want.emplace(n, v);
        ASSERT_EQ(fresh, inserted);
        ASSERT_EQ(*stored, it->second);
        break;
      }
      case 4: case 5: case 6:
        ASSERT_EQ(table.erase(n), want.erase(n) == 1);
        break;
      case 7:
        if (rng.next() % 500 == 0) {
          table.clear();
          want.clear();
        }
        break;
      default: {
        int64_t* got = table.find(n);
        auto it = want.find(n);
        ASSERT_EQ(got != nullptr, it != want.end());
        if (got) {
          ASSERT_EQ(*got, it->second);
        }
      }
    }
    ASSERT_EQ(table.size(), want.size());
  }
}

}  // namespace
}  // namespace rw
