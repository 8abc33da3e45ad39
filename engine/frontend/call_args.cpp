#include "engine/frontend/call_args.h"

#include <algorithm>

namespace rw {

Signature Signature::parse(std::initializer_list<std::string_view> spec) {
  Signature s;
  for (std::string_view p : spec) {
    Param param;
    if (p.starts_with("*")) {
      param.varargs = true;
      p.remove_prefix(1);
    }
    size_t eq = p.find('=');
    param.name = std::string(p.substr(0, eq));
    if (eq != std::string_view::npos) {
      std::string_view d = p.substr(eq + 1);
      if (d == "None") param.default_value = Value::none();
      else if (d == "True") param.default_value = Value{true};
      else if (d == "False") param.default_value = Value{false};
      else param.default_value = Value{int64_t(std::stoll(std::string(d)))};
    }
    s.params.push_back(std::move(param));
  }
  return s;
}

std::string Signature::usage(const std::string& function) const {
  std::string args;
  bool method = !params.empty() && params[0].name == "self";
  for (size_t i = method ? 1 : 0; i < params.size(); ++i) {
    const Param& p = params[i];
    args += (args.empty() ? "" : ", ") + std::string(p.varargs ? "*" : "") + p.name;
  }
  if (!method) return function + "(" + args + ")";
  return "x." + function + "(" + args + ") or " + function + "(x" + (args.empty() ? "" : ", ") + args + ")";
}

CallArgs::CallArgs(ProgramState& state, const std::string& function, const Signature& sig, std::vector<CallArg> positional,
                   std::vector<std::pair<std::string, CallArg>> keywords, int line, int col)
    : state_(state), function_(function), line_(line), col_(col) {
  size_t next = 0;
  for (const auto& param : sig.params) {
    auto kw = std::find_if(keywords.begin(), keywords.end(), [&](const auto& k) { return k.first == param.name; });
    if (param.varargs) {
      ValueList rest;
      CallArg collected{Value::none(), line, col};
      if (next < positional.size()) collected.line = positional[next].line, collected.col = positional[next].col;
      for (; next < positional.size(); ++next) rest.push_back(positional[next].value);
      if (kw != keywords.end()) {
        if (!rest.empty())
          state_.source.fail(kw->second.line, kw->second.col, function + "() got '" + param.name + "' both as positional arguments and by keyword");
        bound_.emplace_back(param.name, kw->second);
        keywords.erase(kw);
      } else {
        collected.value = Value::list(std::move(rest));
        bound_.emplace_back(param.name, collected);
      }
      continue;
    }
    if (next < positional.size()) {
      if (kw != keywords.end())
        state_.source.fail(kw->second.line, kw->second.col, function + "() got '" + param.name + "' both by position and by keyword");
      bound_.emplace_back(param.name, positional[next++]);
    } else if (kw != keywords.end()) {
      bound_.emplace_back(param.name, kw->second);
      keywords.erase(kw);
    } else if (param.default_value) {
      bound_.emplace_back(param.name, CallArg{*param.default_value, line, col});
      defaulted_.push_back(param.name);
    } else {
      state_.source.fail(line, col, function + "() is missing its argument '" + param.name + "'", "usage: " + sig.usage(function));
    }
  }
  if (next < positional.size())
    state_.source.fail(positional[next].line, positional[next].col, function + "() got too many positional arguments",
                       "usage: " + sig.usage(function));
  if (!keywords.empty()) {
    const auto& [name, a] = keywords.front();
    state_.source.fail(a.line, a.col, function + "() has no parameter '" + name + "'", "usage: " + sig.usage(function));
  }
}

const CallArg& CallArgs::arg(const std::string& name) const {
  for (const auto& [n, a] : bound_)
    if (n == name) return a;
  throw std::logic_error("builtin " + function_ + " reads undeclared parameter " + name);
}

bool CallArgs::given(const std::string& name) const { return std::find(defaulted_.begin(), defaulted_.end(), name) == defaulted_.end(); }
const Value& CallArgs::value(const std::string& name) const { return arg(name).value; }

void CallArgs::fail(const std::string& name, const std::string& message, const std::string& hint) const {
  const CallArg& a = arg(name);
  state_.source.fail(a.line, a.col, message, hint);
}

void CallArgs::fail_call(const std::string& message, const std::string& hint) const { state_.source.fail(line_, col_, message, hint); }

Tensor CallArgs::tensor(const std::string& name) const {
  const Value& v = value(name);
  if (!v.is_tensor()) fail(name, function_ + "() needs a tensor for '" + name + "', got " + describe(v));
  return v.tensor();
}

Tensor::Operand CallArgs::operand(const std::string& name) const {
  const Value& v = value(name);
  if (v.is_tensor()) return v.tensor();
  if (v.is_number()) return v.number();
  fail(name, function_ + "() needs a tensor or a number for '" + name + "', got " + describe(v));
}

Number CallArgs::number(const std::string& name) const {
  const Value& v = value(name);
  if (!v.is_number()) fail(name, function_ + "() needs a number for '" + name + "', got " + describe(v));
  return v.number();
}

int64_t CallArgs::int_of(const Value& v, const std::string& name, const std::string& what) const {
  if (auto i = std::get_if<int64_t>(&v.v)) return *i;
  fail(name, function_ + "() needs " + what + " for '" + name + "', got " + describe(v));
}

int64_t CallArgs::integer(const std::string& name) const { return int_of(value(name), name, "an int"); }

bool CallArgs::boolean(const std::string& name) const {
  const Value& v = value(name);
  if (auto b = std::get_if<bool>(&v.v)) return *b;
  if (auto i = std::get_if<int64_t>(&v.v)) return *i != 0;
  fail(name, function_ + "() needs True or False for '" + name + "', got " + describe(v));
}

std::string CallArgs::string(const std::string& name) const {
  const Value& v = value(name);
  if (auto s = std::get_if<std::string>(&v.v)) return *s;
  fail(name, function_ + "() needs a string for '" + name + "', got " + describe(v));
}

Axes CallArgs::axes(const std::string& name) const {
  const Value& v = value(name);
  if (v.is_none()) return std::nullopt;
  if (v.is_list()) {
    IntTuple out;
    for (const Value& item : v.items()) out.push_back(int_of(item, name, "an int or a tuple of ints"));
    return out;
  }
  return IntTuple{int_of(v, name, "an int or a tuple of ints")};
}

IntTuple CallArgs::ints(const std::string& name) const {
  const Value& v = value(name);
  if (!v.is_list()) return {int_of(v, name, "an int or a tuple of ints")};
  const ValueList* items = &v.items();
  if (items->size() == 1 && (*items)[0].is_list()) items = &(*items)[0].items();  // f((2, 3)) as well as f(2, 3)
  IntTuple out;
  for (const Value& item : *items) out.push_back(int_of(item, name, "ints"));
  return out;
}

PairTuple CallArgs::pairs(const std::string& name, const Shape* fill) const {
  const Value& v = value(name);
  const std::string want = "a tuple of (start, end) pairs";
  if (!v.is_list()) fail(name, function_ + "() needs " + want + " for '" + name + "', got " + describe(v));
  PairTuple out;
  for (size_t i = 0; i < v.items().size(); ++i) {
    const Value& item = v.items()[i];
    if (item.is_none() && fill && i < fill->size()) {
      out.emplace_back(0, (*fill)[i]);
      continue;
    }
    if (!item.is_list() || item.items().size() != 2)
      fail(name, function_ + "() needs " + want + " for '" + name + "', but item " + std::to_string(i) + " is " + describe(item),
           "write one pair per axis, e.g. ((1, 1), (0, 2))");
    out.emplace_back(int_of(item.items()[0], name, want), int_of(item.items()[1], name, want));
  }
  return out;
}

}  // namespace rw
