#include "engine/trace/id_list.h"

#include <charconv>

namespace rw {

std::string format_id_list(const std::vector<int64_t>& ids) {
  std::string s = "[";
  char buf[24];
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) s += ',';
    auto r = std::to_chars(buf, buf + sizeof buf, ids[i]);
    s.append(buf, r.ptr);
  }
  return s + "]";
}

std::vector<int64_t> parse_id_list(std::string_view text) {
  std::vector<int64_t> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    if (*p == '-' || (*p >= '0' && *p <= '9')) {
      int64_t v = 0;
      auto r = std::from_chars(p, end, v);
      if (r.ec != std::errc()) break;
      out.push_back(v);
      p = r.ptr;
    } else {
      ++p;
    }
  }
  return out;
}

}  // namespace rw
