// A map keyed by strings that is looked up by std::string_view: names, reasons and kernel
// names arrive as views, and a lookup need not copy them into a std::string first.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rw {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class V>
using StringMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;

}  // namespace rw
