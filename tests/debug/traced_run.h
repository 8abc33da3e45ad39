// Traces for the bisect and rerun tests (tests/support/traced_run.h), in this process's folder.
#pragma once
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/support/traced_run.h"

namespace rw::test {

inline const std::filesystem::path kShared = REWIND_SHARED_DIR;

// A trace file in a folder of this test process, removed when the process exits.
inline std::filesystem::path temp_trace(const std::string& name) {
  struct ProcessDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("rewind-debug-test-" + std::to_string(::getpid()));
    ProcessDir() { std::filesystem::create_directories(path); }
    ~ProcessDir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static ProcessDir dir;
  auto path = dir.path / (name + ".rwd");
  std::filesystem::remove(path);
  return path;
}

// Returns whether the run's checks passed.
inline bool trace_run(const std::filesystem::path& program_file, const std::string& faults, const std::filesystem::path& out,
                      SqliteTracerOptions tracer_options = {}, bool checked = false) {
  test_support::TraceRunOptions o;
  o.faults = faults;
  o.checked = checked;
  o.tracer = tracer_options;
  return test_support::trace_program_run(program_file, out, o);
}

}  // namespace rw::test
