#include "engine/frontend/program.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/frontend/interpreter.h"
#include "engine/frontend/npy.h"
#include "engine/frontend/parser.h"

namespace rw {

Program::Program(Arena& arena, std::string file, std::string source)
    : file_(std::move(file)), source_(std::move(source)), ctx_(std::make_unique<TensorContext>(arena)) {}

std::vector<LoadedInput> Program::inputs() const {
  std::vector<LoadedInput> out;
  const auto& entries = buffers().entries();
  for (size_t i = 0; i < entries.size(); ++i)
    if (entries[i].origin == BufferOrigin::Loaded)
      out.push_back(LoadedInput{std::filesystem::path(entries[i].path).stem().string(), entries[i].path, int64_t(i), &entries[i].data});
  return out;
}

std::vector<std::pair<std::string, UOpPtr>> Program::output_nodes() const {
  std::vector<std::pair<std::string, UOpPtr>> out;
  for (const ProgramOutput& o : outputs_) out.emplace_back(o.name, o.tensor.node());
  return out;
}

UOpPtr Program::sink() const {
  std::vector<UOpPtr> roots;
  auto add = [&](UOpPtr n) {
    if (std::find(roots.begin(), roots.end(), n) == roots.end()) roots.push_back(n);
  };
  for (const ProgramOutput& o : outputs_) add(o.tensor.node());
  for (const SaveRequest& s : saves_) add(s.tensor.node());
  return arena().sink(std::move(roots));
}

void write_saves(const Program& program, const std::function<HostArray(UOpPtr)>& value_of) {
  for (const SaveRequest& s : program.saves()) write_npy(s.full_path, value_of(s.tensor.node()));
}

Program build_program(Arena& arena, const std::string& source, const std::string& file, const std::filesystem::path& base_dir,
                      const InputProvider* inputs) {
  Program program(arena, file, source);
  SourceText src(file, source);
  std::vector<Statement> statements = parse(src, source);
  run_statements(program, src, statements, base_dir, inputs);
  return program;
}

Program load_program(Arena& arena, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the program " + path.string() + " (does it exist?)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return build_program(arena, ss.str(), path.string(), path.parent_path());
}

}  // namespace rw
