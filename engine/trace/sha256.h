// SHA-256 (FIPS 180-4), so a trace can identify input arrays too large to store in it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace rw {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::array<uint8_t, 32> digest();  // finishes the hash; call once
  std::string hex_digest();          // lowercase hex of digest()

 private:
  void block(const uint8_t* p);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buf_{};
  size_t used_ = 0;
  uint64_t total_bytes_ = 0;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace rw
