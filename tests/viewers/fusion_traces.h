// Real traces of one conformance program compiled and run under a fusion policy (the shared
// softmax: rangeify makes 2 kernels, conservative 3), for the compare view's tests. Each is
// written once per test process.
#pragma once
#include <map>
#include <string>

#include "tests/support/traced_run.h"
#include "tests/viewers/fixture_trace.h"

namespace rw::viewer_testing {

inline std::string conformance_program(const std::string& name) {
  return std::string(REWIND_SHARED_DIR) + "/conformance/" + name + "/program.tg";
}

inline std::string fusion_trace(const std::string& program, const std::string& fusion) {
  static std::map<std::string, std::string> made;
  const std::string key = program + "_" + fusion;
  if (auto it = made.find(key); it != made.end()) return it->second;
  static const std::filesystem::path dir = temp_dir("fusion-traces");
  const std::string path = (dir / (key + ".rwd")).string();
  test_support::TraceRunOptions o;
  o.fusion = fusion;
  test_support::trace_program_run(conformance_program(program), path, o);
  return made[key] = path;
}

}  // namespace rw::viewer_testing
