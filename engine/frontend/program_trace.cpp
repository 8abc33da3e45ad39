#include "engine/frontend/program_trace.h"

#include "engine/frontend/npy.h"

namespace rw {

namespace {
void trace_array(Tracer& tracer, const std::string& name, const std::string& role, const std::string& path, const HostArray& a) {
  std::string bytes = raw_bytes(a);
  BufferRecord r;
  r.name = name;
  r.role = role;
  r.dtype = to_string(a.dtype);
  r.shape = a.shape;
  r.data = bytes;
  r.path = path;
  tracer.on_buffer(r);  // the tracer copies what it keeps
}
}  // namespace

RunInfo program_run_info(const std::string& command, const std::string& program_path, const std::string& program_text,
                         std::vector<std::pair<std::string, std::string>> options) {
  RunInfo info;
  info.command = command;
  info.program_path = program_path;
  info.program_text = program_text;
  info.options = std::move(options);
  info.engine_version = REWIND_ENGINE_VERSION;
  return info;
}

void trace_program_inputs(Tracer& tracer, const Program& program) {
  if (!tracer.active()) return;
  for (const LoadedInput& in : program.inputs()) trace_array(tracer, in.name, "input", in.path, *in.data);
}

void trace_outputs(Tracer& tracer, const NamedArrays& outputs) {
  if (!tracer.active()) return;
  for (const auto& [name, array] : outputs) trace_array(tracer, name, "output", "", array);
}

}  // namespace rw
