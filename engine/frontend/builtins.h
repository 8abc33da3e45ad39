// The functions and methods of the .tg language. A builtin whose first parameter is `self`
// works both ways (`x.exp()` and `exp(x)`); the others are functions only (`arange(8)`).
#pragma once
#include <string>
#include <vector>

#include "engine/frontend/call_args.h"

namespace rw {

struct Builtin {
  std::string name;
  Signature signature;
  Value (*run)(const CallArgs& args);
  bool is_method() const { return !signature.params.empty() && signature.params[0].name == "self"; }
};

const Builtin* find_builtin(const std::string& name);
std::vector<std::string> builtin_names();

}  // namespace rw
