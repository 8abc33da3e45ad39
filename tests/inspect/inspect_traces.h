// Real traces for the inspect tests: a shared conformance program compiled and run under a
// fusion policy, traced into a file of this test process (made once per program and policy).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "engine/frontend/program.h"
#include "engine/frontend/program_trace.h"
#include "engine/runtime/compiled_program.h"
#include "engine/trace/sqlite_tracer.h"

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
  Arena arena;
  Program p = load_program(arena, program_path(program));
  {
    SqliteTracer tracer(path);
    TracerScope scope(tracer);
    tracer.begin_run(program_run_info("run", program_path(program), p.source(), {{"fusion", fusion}}));
    trace_program_inputs(tracer, p);
    CompiledOptions options;
    options.schedule.fusion = fusion;
    CompiledRun run = run_compiled(p, options);
    tracer.end_run(run.failures().empty());
    tracer.close();
  }
  return made[key] = path;
}

}  // namespace rw::testing
