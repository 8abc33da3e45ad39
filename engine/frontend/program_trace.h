// What a trace records about a program so it stands alone: the program text and options
// (RunInfo), the input arrays and the output arrays.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "engine/frontend/program.h"
#include "engine/reference/evaluator.h"
#include "engine/trace/tracer.h"

namespace rw {

RunInfo program_run_info(const std::string& command, const std::string& program_path, const std::string& program_text,
                         std::vector<std::pair<std::string, std::string>> options);

// One BufferRecord per loaded input (role "input", its path and data).
void trace_program_inputs(Tracer& tracer, const Program& program);

// One BufferRecord per output array (role "output").
void trace_outputs(Tracer& tracer, const NamedArrays& outputs);

}  // namespace rw
