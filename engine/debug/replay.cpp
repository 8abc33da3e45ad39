#include "engine/debug/replay.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/frontend/npy.h"
#include "engine/inspect/trace_points.h"
#include "engine/trace/sha256.h"

namespace rw {

namespace {

std::string where(const TraceReader& reader, int64_t run_id) { return reader.path() + ", run " + std::to_string(run_id); }

int64_t whole_number(const std::string& text, const std::string& key, const std::string& at) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0)
    throw ReplayError(at + ": option " + key + "=" + text + " is not a whole number; the trace may be damaged");
  return v;
}

CompiledOptions options_of(const RunRow& run, const std::string& at, SwitchSettings& switches) {
  CompiledOptions o;
  try {
    for (const auto& [key, value] : run.options) {
      if (key == "fusion") o.schedule.fusion = value;
      else if (key == "skip-step") switches.skip_step = parse_step_ref(value);
      else if (key == "disable-rule") switches.disabled_rules.push_back(value);
      else if (key == "opt") o.run.codegen.opts = OptSet::parse(value);
      else if (key == "executor") o.run.executor = value == "linear" ? Executor::Linear : Executor::Llvm;
      else if (key == "verify") o.schedule.verify = value == "true";
      else if (key == "checked") o.run.codegen.checked = value == "true";
      else if (key == "inject-fault") o.schedule.faults = o.run.codegen.faults = FaultSet::parse(value);
      else if (key == "recompute-threshold") o.schedule.recompute_threshold = whole_number(value, key, at);
      else if (key == "max-buffers") o.schedule.max_buffers = whole_number(value, key, at);
      else if (key == "evaluator")
        throw ReplayError(at + " ran the reference interpreter only (evaluator=" + value +
                          "): there is no pipeline to replay; trace a compiled run with `rewind run PROG.tg -o FILE.rwd`");
      else
        throw ReplayError(at + ": the run was made with option " + key + "=" + value + ", which this engine (" REWIND_ENGINE_VERSION
                          ") does not know; replay it with the Rewind that wrote the trace (" + run.engine_version + ")");
    }
  } catch (const std::invalid_argument& e) {
    throw ReplayError(at + ": " + e.what());
  }
  return o;
}

std::optional<HostArray> recorded_input(const BufferRow& b, const std::filesystem::path& program_dir, const std::string& at) {
  auto dtype = dtype_from_name(b.dtype);
  if (!dtype) throw ReplayError(at + ": input '" + b.path + "' has dtype '" + b.dtype + "', which this engine does not know");
  if (b.data) {
    try {
      return from_raw_bytes(*dtype, b.shape, *b.data, at + ": input '" + b.path + "'");
    } catch (const NpyError& e) {
      throw ReplayError(std::string(e.what()) + "; the trace may be damaged");
    }
  }
  // Over the trace's size limit: the trace kept the path and a digest of the data.
  std::filesystem::path file = program_dir / b.path;
  HostArray a;
  try {
    a = read_npy(file);
  } catch (const NpyError& e) {
    throw ReplayError(at + ": input '" + b.path + "' was too large to keep in the trace, and reading it from " + file.string() +
                      " failed: " + e.what() + "; put the file back where the program was run");
  }
  if (!b.sha256.empty() && sha256_hex(raw_bytes(a)) != b.sha256)
    throw ReplayError(at + ": input '" + b.path + "' was too large to keep in the trace, and " + file.string() +
                      " no longer holds the same data (SHA-256 differs); a replay needs the original file");
  return a;
}

}  // namespace

std::pair<int64_t, int64_t> parse_step_ref(const std::string& text) {
  size_t colon = text.find(':');
  int64_t a = -1, b = -1;
  if (colon != std::string::npos) {
    auto r1 = std::from_chars(text.data(), text.data() + colon, a);
    auto r2 = std::from_chars(text.data() + colon + 1, text.data() + text.size(), b);
    if (r1.ec != std::errc() || r1.ptr != text.data() + colon || r2.ec != std::errc() || r2.ptr != text.data() + text.size()) a = b = -1;
  }
  if (a < 1 || b < 1) throw std::invalid_argument("a step is PASS:STEP, two whole numbers from 1 (e.g. 12:7), not '" + text + "'");
  return {a, b};
}

Replay load_replay(TraceReader& reader, int64_t run_id) {
  Replay r;
  r.run = pick_run(reader, run_id ? std::optional<int64_t>(run_id) : std::nullopt);
  run_id = r.run.id;
  const std::string at = where(reader, run_id);
  if (r.run.command != "run")
    throw ReplayError(at + " was made by `rewind " + r.run.command + "`, which runs no program pipeline; bisect and rerun need a trace of `rewind run`");
  if (r.run.program_text.empty()) throw ReplayError(at + " holds no program text; the trace may be damaged");
  r.options = options_of(r.run, at, r.switches);

  const std::filesystem::path program_dir = std::filesystem::path(r.run.program_path).parent_path();
  std::map<std::string, HostArray> inputs;
  for (const BufferRow& b : reader.buffers(run_id))
    if (b.role == "input") {
      if (auto a = recorded_input(b, program_dir, at)) inputs[b.path] = std::move(*a);
    }
  InputProvider provide = [&inputs, &at](const std::string& path) -> std::optional<HostArray> {
    auto it = inputs.find(path);
    if (it == inputs.end())
      throw ReplayError(at + ": the program loads '" + path + "', but the trace recorded no such input; the trace may be damaged");
    return it->second;
  };
  r.arena = std::make_unique<Arena>();
  r.program = std::make_unique<Program>(build_program(*r.arena, r.run.program_text, r.run.program_path, program_dir, &provide));
  return r;
}

}  // namespace rw
