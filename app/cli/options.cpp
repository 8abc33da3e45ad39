#include "app/cli/options.h"

#include <algorithm>

namespace rw::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

const std::vector<std::string>& ParsedArgs::all(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

ParsedArgs parse_args(const std::string& command, const std::vector<OptionSpec>& specs, const std::vector<std::string>& argv) {
  ParsedArgs out;
  auto hint = "; try 'rewind " + command + " --help'";
  auto find = [&](const std::string& name, bool is_short) -> const OptionSpec* {
    for (const auto& s : specs)
      if ((is_short ? s.short_name : s.name) == name) return &s;
    return nullptr;
  };
  bool only_positional = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' || (a[1] != '-' && !std::isalpha(static_cast<unsigned char>(a[1])))) {
      out.positional.push_back(a);  // also "-3" style numbers and a lone "-"
      continue;
    }
    if (a == "--") { only_positional = true; continue; }
    bool is_short = a[1] != '-';
    std::string body = a.substr(is_short ? 1 : 2);
    std::optional<std::string> inline_value;
    if (auto eq = body.find('='); eq != std::string::npos) {
      inline_value = body.substr(eq + 1);
      body = body.substr(0, eq);
    }
    const OptionSpec* spec = find(body, is_short);
    if (!spec) throw UsageError("rewind " + command + ": unknown option '" + a + "'" + hint);
    std::string value;
    if (spec->value_name.empty()) {
      if (inline_value) throw UsageError("rewind " + command + ": option '--" + spec->name + "' takes no value" + hint);
      value = "1";
    } else if (inline_value) {
      value = *inline_value;
    } else {
      if (i + 1 >= argv.size()) throw UsageError("rewind " + command + ": option '--" + spec->name + "' needs a value (" + spec->value_name + ")" + hint);
      value = argv[++i];
    }
    if (!spec->repeatable && out.has(spec->name))
      throw UsageError("rewind " + command + ": option '--" + spec->name + "' given twice" + hint);
    out.add(spec->name, value);
  }
  return out;
}

std::string format_options(const std::vector<OptionSpec>& specs) {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const auto& s : specs) {
    std::string left = s.short_name.empty() ? "    " : "-" + s.short_name + ", ";
    left += "--" + s.name;
    if (!s.value_name.empty()) left += " " + s.value_name;
    width = std::max(width, left.size());
    rows.emplace_back(left, s.help + (s.repeatable ? " (repeatable)" : ""));
  }
  std::string out;
  for (auto& [l, r] : rows) out += "  " + l + std::string(width - l.size() + 2, ' ') + r + "\n";
  return out;
}

}  // namespace rw::cli
