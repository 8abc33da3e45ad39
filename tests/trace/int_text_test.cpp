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

TEST(IntText, SpanKeepsWhatWasWrittenOnly) {
  std::string out = "x";
  {
    TextSpan t(out, 6 + 3 * kMaxIntChars);
    t.ch('[').num(12).ch(',').num(-3).lit(",null").ch(']');
  }
  EXPECT_EQ(out, "x[12,-3,null]");
  { TextSpan t(out, kMaxIntChars); }
  EXPECT_EQ(out, "x[12,-3,null]");
}

}  // namespace
}  // namespace rw::trace_detail
