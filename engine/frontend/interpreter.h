// Runs a parsed program: binds names, evaluates expressions (numbers like Python, tensors
// through the Tensor API), records outputs and saves. Each tensor operation is located at
// its expression (an operator's token, a call's function or method name): that location is
// the provenance of the nodes it builds and the place its errors point at.
#pragma once
#include <filesystem>
#include <vector>

#include "engine/frontend/ast.h"
#include "engine/frontend/program.h"

namespace rw {

void run_statements(Program& program, const SourceText& src, const std::vector<Statement>& statements, const std::filesystem::path& base_dir,
                    const InputProvider* inputs = nullptr);

}  // namespace rw
