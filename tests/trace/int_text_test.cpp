#include "engine/trace/int_text.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace rw::trace_detail {
namespace {

std::string text_of(int64_t v) {
  char buf[kMaxIntChars];
  return std::string(buf, write_int(buf, v));
}

TEST(IntText, WritesEveryDigitCountAndSign) {
  EXPECT_EQ(text_of(0), "0");
  EXPECT_EQ(text_of(7), "7");
  EXPECT_EQ(text_of(-1), "-1");
  // Each power of ten and the number below it: where the digit count changes.
  int64_t p = 10;
  for (int digits = 2; digits <= 18; ++digits, p *= 10) {
    EXPECT_EQ(text_of(p), std::to_string(p));
    EXPECT_EQ(text_of(p - 1), std::to_string(p - 1));
    EXPECT_EQ(text_of(-p), std::to_string(-p));
  }
  EXPECT_EQ(text_of(std::numeric_limits<int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(text_of(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(text_of(int64_t(0xfedcba9876543210ull)), "-81985529216486896");  // a hash stored as int64
}

// Numbers of every length, split into eight-digit groups at every place: agrees with
// std::to_string on a spread of random values and on zeros inside the groups.
TEST(IntText, AgreesWithToStringOnRandomValues) {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 100000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const int64_t v = int64_t(x >> (i % 64));  // every magnitude
    ASSERT_EQ(text_of(v), std::to_string(v));
    if (v != std::numeric_limits<int64_t>::min()) {
      ASSERT_EQ(text_of(-v), std::to_string(-v));
    }
  }
  for (int64_t v : {int64_t(100000000), int64_t(100000001), int64_t(1000000000000000000), int64_t(1000000010000000000),
                    int64_t(9000000000000000009), int64_t(12345678900000000)})
    EXPECT_EQ(text_of(v), std::to_string(v));
}

TEST(IntText, SpanKeepsWhatWasWrittenOnly) {
  std::string out = "x";
  {
    TextSpan t(out, 6 + 3 * kMaxIntChars);
    t.ch('[').num(12).ch(',').num(-3).lit(",null").ch(']');
  }
  EXPECT_EQ(out, "x[12,-3,null]");
  {
    TextSpan t(out, 4 * kMaxIntChars);
    for (int64_t v : {0, 9, 10, 99, 100}) t.num(v).ch(' ');
  }
  EXPECT_EQ(out, "x[12,-3,null]0 9 10 99 100 ");
  { TextSpan t(out, kMaxIntChars); }
  EXPECT_EQ(out, "x[12,-3,null]0 9 10 99 100 ");
}

// Spans larger than the stack room (a node with many sources) are filled in the string itself.
TEST(IntText, LargeSpanKeepsWhatWasWrittenOnly) {
  std::string out = "ab";
  std::string want = "ab[";
  {
    TextSpan t(out, TextSpan::kLocalChars + 1 + 64 * (kMaxIntChars + 1));
    t.ch('[');
    for (int64_t i = 0; i < 64; ++i) {
      if (i) t.ch(',');
      t.num(-1000000007 * i);
      want += (i ? "," : "") + std::to_string(-1000000007 * i);
    }
    t.ch(']');
  }
  want += ']';
  EXPECT_EQ(out, want);
  EXPECT_GT(out.size(), TextSpan::kLocalChars);
}

}  // namespace
}  // namespace rw::trace_detail
