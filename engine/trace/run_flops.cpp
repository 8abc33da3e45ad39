#include "engine/trace/run_flops.h"

#include <charconv>
#include <cstdio>

namespace rw {

namespace {
constexpr std::string_view kPrefix = "flops: executed ";
constexpr std::string_view kMiddle = ", tensor graph ";

std::string scaled(int64_t v) {
  const char* units[] = {"FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP"};
  double x = double(v);
  int u = 0;
  while (x >= 1000 && u < 4) x /= 1000, ++u;
  char buf[48];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.2f %s", x, units[u]);
  return buf;
}

bool read_int(std::string_view& s, int64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc()) return false;
  s.remove_prefix(size_t(end - s.data()));
  return true;
}
}  // namespace

std::string format_run_flops(const RunFlops& f) {
  return std::string(kPrefix) + std::to_string(f.executed) + std::string(kMiddle) + std::to_string(f.graph);
}

std::optional<RunFlops> parse_run_flops(std::string_view s) {
  if (!s.starts_with(kPrefix)) return std::nullopt;
  s.remove_prefix(kPrefix.size());
  RunFlops f;
  if (!read_int(s, f.executed) || !s.starts_with(kMiddle)) return std::nullopt;
  s.remove_prefix(kMiddle.size());
  if (!read_int(s, f.graph) || !s.empty()) return std::nullopt;
  return f;
}

std::string describe_run_flops(const RunFlops& f) {
  std::string out = scaled(f.executed) + " executed, tensor graph " + scaled(f.graph);
  if (f.graph <= 0) return out;
  double ratio = double(f.executed) / double(f.graph);
  char buf[64];
  std::snprintf(buf, sizeof buf, " (%.2fx the graph's)", ratio);
  return out + buf;
}

}  // namespace rw
