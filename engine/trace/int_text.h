// Decimal integers written into a string through a pointer. The writer formats a dozen
// numbers per node, step and rule count; appending each with std::string::append costs a
// call and a memcpy per number, which dominated its profile. Here a record reserves room for
// its numbers once (TextSpan) and writes the digits straight into place.
#pragma once
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace rw::trace_detail {

inline constexpr size_t kMaxIntChars = 20;  // "-9223372036854775808"

// Writes v in decimal at p; returns the end of what it wrote (at most kMaxIntChars chars).
inline char* write_int(char* p, int64_t v) {
  uint64_t u = uint64_t(v);
  if (v < 0) {
    *p++ = '-';
    u = 0 - u;
  }
  if (u < 10) {  // step numbers, counts, small ids: the commonest case by far
    *p++ = char('0' + u);
    return p;
  }
  // Digits from the bit width (log10(2) ~ 1233/4096), corrected by one comparison: no loop
  // of divisions (hashes have 19 or 20 digits).
  static constexpr uint64_t kPow10[20] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                          100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
                                          10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
                                          100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull};
  const int bits = 64 - std::countl_zero(u);
  int len = (bits * 1233) >> 12;  // digits - 1 or digits
  len += u >= kPow10[len];
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  char* const end = p + len;
  char* q = end;
  // Eight digits at a time: one 64-bit division, then two independent chains of 32-bit ones.
  // A hash's 20 digits take two 64-bit divisions instead of ten dependent ones.
  while (u >= 100000000) {
    const uint64_t hi = u / 100000000;
    const uint32_t lo = uint32_t(u - hi * 100000000);
    const uint32_t a = lo / 10000, b = lo % 10000;
    q -= 8;
    std::memcpy(q, kPairs + 2 * (a / 100), 2);
    std::memcpy(q + 2, kPairs + 2 * (a % 100), 2);
    std::memcpy(q + 4, kPairs + 2 * (b / 100), 2);
    std::memcpy(q + 6, kPairs + 2 * (b % 100), 2);
    u = hi;
  }
  uint32_t w = uint32_t(u);
  while (w >= 100) {
    const uint32_t r = w % 100;
    w /= 100;
    q -= 2;
    std::memcpy(q, kPairs + 2 * r, 2);
  }
  if (w >= 10) {
    q -= 2;
    std::memcpy(q, kPairs + 2 * w, 2);
  } else {
    *--q = char('0' + w);
  }
  return end;
}

// Room for up to `max_chars` characters at the end of `out`, filled through a pointer and
// appended when the span ends: one call into the string per record. A span of a few hundred
// characters at most (nearly all) is filled on the stack and appended with one copy of what
// was written; growing the string by the whole room instead would zero it first, and that
// zeroing took a twentieth of the writer's time.
class TextSpan {
 public:
  static constexpr size_t kLocalChars = 256;

  TextSpan(std::string& out, size_t max_chars) : out_(out) {
    if (max_chars <= kLocalChars) {
      p_ = local_;
      return;
    }
    start_ = out.size();
    out.resize(start_ + max_chars);
    p_ = out.data() + start_;
  }
  ~TextSpan() {
    if (start_ == kLocal) out_.append(local_, size_t(p_ - local_));
    else out_.resize(size_t(p_ - out_.data()));
  }
  TextSpan(const TextSpan&) = delete;
  TextSpan& operator=(const TextSpan&) = delete;

  TextSpan& ch(char c) {
    *p_++ = c;
    return *this;
  }
  template <size_t N> TextSpan& lit(const char (&text)[N]) {  // a literal, without its '\0'
    std::memcpy(p_, text, N - 1);
    p_ += N - 1;
    return *this;
  }
  TextSpan& num(int64_t v) {
    if (uint64_t(v) < 100) {  // counts, step numbers, string ids: most numbers, without a call
      if (v < 10) {
        *p_++ = char('0' + v);
      } else {
        p_[0] = char('0' + v / 10);
        p_[1] = char('0' + v % 10);
        p_ += 2;
      }
      return *this;
    }
    p_ = write_int(p_, v);
    return *this;
  }

 private:
  static constexpr size_t kLocal = SIZE_MAX;  // start_ when the span is filled in local_
  std::string& out_;
  size_t start_ = kLocal;
  char* p_;
  char local_[kLocalChars];
};

}  // namespace rw::trace_detail
