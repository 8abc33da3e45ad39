// A .tg program, parsed and built into a tensor graph.
//
//   Arena arena;
//   Program p = load_program(arena, "prog.tg");      // or build_program(arena, text, "prog.tg", dir)
//   for (const auto& out : p.outputs()) ... out.name, out.tensor.node() ...
//   UOpPtr root = p.sink();                           // SINK of every output and saved tensor
//
// Building evaluates every statement: loads read their .npy files, rand/randn generate
// their data, and every node gets the file:line:col of the expression that created it as
// provenance. Nothing is computed. Errors are ProgramErrors (file:line:col, the line, a caret).
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/frontend/input_provider.h"
#include "engine/frontend/program_error.h"
#include "engine/frontend/tensor.h"

namespace rw {

struct ProgramOutput {
  std::string name;  // the variable's name for output(y); out0, out1, ... for other expressions
  Tensor tensor;
  SourceLoc loc;
};

struct SaveRequest {
  Tensor tensor;
  std::string path;                 // as written in the program
  std::filesystem::path full_path;  // relative to the program's folder
  SourceLoc loc;
};

struct LoadedInput {
  std::string name;  // the file's stem: "w" for load("data/w.npy")
  std::string path;  // as written in the program
  int64_t slot;      // its BUFFER slot
  const HostArray* data;
};

class Program {
 public:
  Program(Arena& arena, std::string file, std::string source);

  const std::string& file() const { return file_; }
  const std::string& source() const { return source_; }
  TensorContext& context() const { return *ctx_; }
  Arena& arena() const { return ctx_->arena(); }
  const BufferTable& buffers() const { return ctx_->buffers(); }

  const std::vector<ProgramOutput>& outputs() const { return outputs_; }
  const std::vector<SaveRequest>& saves() const { return saves_; }
  std::vector<LoadedInput> inputs() const;  // loaded .npy files, in load order
  std::vector<std::pair<std::string, UOpPtr>> output_nodes() const;
  UOpPtr sink() const;  // SINK(outputs..., saved tensors that are not outputs...)

  void add_output(ProgramOutput out) { outputs_.push_back(std::move(out)); }
  void add_save(SaveRequest s) { saves_.push_back(std::move(s)); }

 private:
  std::string file_, source_;
  std::unique_ptr<TensorContext> ctx_;  // stable address: tensors point at it
  std::vector<ProgramOutput> outputs_;
  std::vector<SaveRequest> saves_;
};

// Writes every save(...) of the program with the values `value_of` gives for its tensors
// (from whichever evaluator ran the program). Throws NpyError when a file cannot be written.
void write_saves(const Program& program, const std::function<HostArray(UOpPtr)>& value_of);

// `file` names the program in messages and provenance; `base_dir` is where load() and
// save() paths start. `inputs`, when given, is asked first for each load(path) (by the path
// as written): a re-run from a trace takes the arrays the trace recorded, not the files.
Program build_program(Arena& arena, const std::string& source, const std::string& file, const std::filesystem::path& base_dir,
                      const InputProvider* inputs = nullptr);
// Reads `path` and builds it, relative to its folder. An unreadable file is a
// std::runtime_error naming it; everything after that is a ProgramError.
Program load_program(Arena& arena, const std::filesystem::path& path);

}  // namespace rw
