// Real traces for the inspect tests: a shared conformance program compiled and run under a
// fusion policy, traced into a file of this test process (made once per program and policy).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/traced_run.h"

namespace rw::testing {

inline std::string program_path(const std::string& name) { return std::string(REWIND_SHARED_DIR) + "/conformance/" + name + "/program.tg"; }

inline std::string traced_run(const std::string& program, const std::string& fusion) {
  static std::map<std::string, std::string> made;
  std::string key = program + "/" + fusion;
  if (auto it = made.find(key); it != made.end()) return it->second;
  struct ProcessDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("rewind-inspect-tests-" + std::to_string(::getpid()));
    ProcessDir() { std::filesystem::create_directories(path); }
    ~ProcessDir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static ProcessDir dir;
  std::string path = (dir.path / (program + "_" + fusion + ".rwd")).string();
  test_support::TraceRunOptions o;
  o.fusion = fusion;
  test_support::trace_program_run(program_path(program), path, o);
  return made[key] = path;
}

}  // namespace rw::testing
