#include "engine/rewrite/rule_source.h"

#include <vector>

namespace rw {

std::string rule_source_lines(std::string_view path, int line, int max_lines) {
  std::string_view text = embedded_source(path);
  if (text.empty() || line <= 0) return {};
  size_t pos = 0;
  for (int l = 1; l < line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos || pos >= text.size()) return {};
  // Take lines until parentheses/braces opened since `line` are balanced and a line ends a
  // statement or an initializer entry ("," / ";" / "}," at depth 0).
  std::string out;
  int depth = 0;
  for (int taken = 0; taken < max_lines && pos < text.size(); ++taken) {
    size_t end = text.find('\n', pos);
    std::string_view ln = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    out.append(ln).push_back('\n');
    for (char c : ln) {
      if (c == '(' || c == '{' || c == '[') ++depth;
      if (c == ')' || c == '}' || c == ']') --depth;
    }
    if (depth <= 0) break;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

}  // namespace rw
