// Arguments of one call in a .tg program, bound to the callee's parameters (Python rules:
// positional, then keyword, then defaults; `*name` collects the remaining positionals), with
// typed accessors whose errors point at the offending argument.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/frontend/input_provider.h"
#include "engine/frontend/program_error.h"
#include "engine/frontend/value.h"

namespace rw {

struct CallArg {
  Value value;
  int line = 0, col = 0;
};

// What builtins may touch while a program is evaluated.
struct ProgramState {
  const SourceText& source;
  TensorContext& ctx;
  std::filesystem::path base_dir;  // load() and save() paths are relative to it
  const InputProvider* inputs = nullptr;  // consulted before load() reads a file
};

// A parameter list written the way Python writes it: {"self", "axis=None", "*shape"}.
// Defaults may be None, True, False or an int.
struct Signature {
  struct Param {
    std::string name;
    bool varargs = false;
    std::optional<Value> default_value;
  };
  std::vector<Param> params;
  static Signature parse(std::initializer_list<std::string_view> spec);
  // "x.sum(axis, keepdim) or sum(x, axis, keepdim)"; "arange(start, stop, step)".
  std::string usage(const std::string& function) const;
};

class CallArgs {
 public:
  // Binds or throws ProgramError (missing, unexpected or duplicated arguments).
  CallArgs(ProgramState& state, const std::string& function, const Signature& sig, std::vector<CallArg> positional,
           std::vector<std::pair<std::string, CallArg>> keywords, int line, int col);

  ProgramState& state() const { return state_; }
  TensorContext& ctx() const { return state_.ctx; }
  const std::string& function() const { return function_; }

  bool given(const std::string& name) const;  // not defaulted
  const Value& value(const std::string& name) const;
  Tensor tensor(const std::string& name) const;
  Tensor::Operand operand(const std::string& name) const;  // a tensor or a number
  Number number(const std::string& name) const;
  int64_t integer(const std::string& name) const;
  bool boolean(const std::string& name) const;
  std::string string(const std::string& name) const;
  Axes axes(const std::string& name) const;          // None, an int, or a tuple of ints
  IntTuple ints(const std::string& name) const;      // an int, a tuple of ints, or ints as varargs
  // A tuple of (a, b) pairs; a None entry stands for (0, fill[i]) when fill is given.
  PairTuple pairs(const std::string& name, const Shape* fill = nullptr) const;

  [[noreturn]] void fail(const std::string& name, const std::string& message, const std::string& hint = {}) const;
  [[noreturn]] void fail_call(const std::string& message, const std::string& hint = {}) const;  // at the call

 private:
  const CallArg& arg(const std::string& name) const;
  int64_t int_of(const Value& v, const std::string& name, const std::string& what) const;

  ProgramState& state_;
  std::string function_;
  int line_, col_;
  std::vector<std::pair<std::string, CallArg>> bound_;
  std::vector<std::string> defaulted_;
};

}  // namespace rw
