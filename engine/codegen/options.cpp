#include "engine/codegen/options.h"

#include <stdexcept>

namespace rw {

const std::vector<std::string_view>& OptSet::known() {
  static const std::vector<std::string_view> names = {"upcast", "unroll"};
  return names;
}

OptSet OptSet::all() {
  OptSet s;
  for (std::string_view n : known()) s.on_.insert(std::string(n));
  return s;
}

OptSet OptSet::parse(std::string_view text) {
  if (text == "off" || text == "none") return none();
  if (text.empty() || text == "all") return all();
  OptSet s;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    std::string_view name = text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (!name.empty()) {
      bool ok = false;
      for (std::string_view k : known()) ok |= k == name;
      if (!ok) {
        std::string list;
        for (std::string_view k : known()) list += (list.empty() ? "" : ", ") + std::string(k);
        throw std::invalid_argument("unknown optimization '" + std::string(name) + "' in --opt=" + std::string(text) + "; known: " + list +
                                    " (or 'off', 'all')");
      }
      s.on_.insert(std::string(name));
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return s;
}

std::string OptSet::to_string() const {
  if (on_.empty()) return "off";
  std::string s;
  for (const std::string& n : on_) s += (s.empty() ? "" : ",") + n;
  return s;
}

}  // namespace rw
