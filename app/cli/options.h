// Command-line parsing for the rewind subcommands: positionals, `--name value`,
// `--name=value`, short aliases (-o), flags, and repeatable options. Every error says which
// command, which option, and how to get help.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rw::cli {

struct OptionSpec {
  std::string name;       // "var" for --var
  std::string short_name; // "o" for -o, or empty
  std::string value_name; // "X=LO..HI"; empty for a flag
  std::string help;
  bool repeatable = false;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ParsedArgs {
 public:
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const { return get(name).value_or(fallback); }
  const std::vector<std::string>& all(const std::string& name) const;
  void add(const std::string& name, std::string value) { values_[name].push_back(std::move(value)); }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// Parses argv (after the subcommand name). Throws UsageError naming `command`.
ParsedArgs parse_args(const std::string& command, const std::vector<OptionSpec>& specs, const std::vector<std::string>& argv);

// "  -o, --out FILE      write the trace here" lines for help texts.
std::string format_options(const std::vector<OptionSpec>& specs);

}  // namespace rw::cli
