// rewind: trace, inspect and replay tensor-compiler graph rewrites.
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli/command.h"

namespace {

void print_overview() {
  std::cout << "rewind " << REWIND_ENGINE_VERSION << " - a debugger for tensor-compiler graph rewrites\n\n"
            << "Usage: rewind COMMAND [ARGS...]\n\nCommands:\n";
  size_t width = 0;
  for (const auto& c : rw::cli::commands()) width = std::max(width, c.name.size());
  for (const auto& c : rw::cli::commands()) std::cout << "  " << c.name << std::string(width - c.name.size() + 3, ' ') << c.summary << "\n";
  std::cout << "\nRun 'rewind COMMAND --help' for a command's options.\n";
}

void print_command_help(const rw::cli::Command& c) {
  std::cout << "Usage: " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.details.empty()) std::cout << "\n" << c.details << "\n";
  if (!c.options.empty()) std::cout << "\nOptions:\n" << rw::cli::format_options(c.options);
  std::cout << "  -h, --help" << "  show this help\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    if (args.size() >= 2 && args[0] == "help") args = {args[1], "--help"};
    else {
      print_overview();
      return args.empty() ? 2 : 0;
    }
  }
  if (args[0] == "--version") {
    std::cout << "rewind " << REWIND_ENGINE_VERSION << "\n";
    return 0;
  }
  for (const auto& c : rw::cli::commands()) {
    if (c.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& a : rest)
      if (a == "--help" || a == "-h") {
        print_command_help(c);
        return 0;
      }
    try {
      return c.run(rw::cli::parse_args(c.name, c.options, rest));
    } catch (const rw::cli::UsageError& e) {
      std::cerr << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "rewind " << c.name << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "rewind: unknown command '" << args[0] << "'; run 'rewind --help' for the list\n";
  return 2;
}
