// Evaluates a parsed program statement by statement, building the tensor graph.
#include "engine/frontend/interpreter.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/frontend/builtins.h"
#include "engine/ir/intmath.h"

namespace rw {

namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// "did you mean 'exp'?" when a known name is one or two edits away.
std::string suggestion(const std::string& name, const std::vector<std::string>& known) {
  std::string best;
  size_t best_d = 3;
  for (const std::string& k : known) {
    size_t d = edit_distance(name, k);
    if (d < best_d) best_d = d, best = k;
  }
  return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

Value number_value(double v, bool is_int) { return is_int ? Value{int64_t(v)} : Value{v}; }

class Interpreter {
 public:
  Interpreter(Program& program, const SourceText& src, const std::filesystem::path& base_dir, const InputProvider* inputs)
      : program_(program), src_(src), state_{src, program.context(), base_dir, inputs} {}

  void run(const std::vector<Statement>& statements) {
    for (const Statement& s : statements) statement(s);
  }

 private:
  SourceLoc loc(const Expr& e) const { return src_.loc(e.line, e.col); }
  [[noreturn]] void fail(const Expr& e, const std::string& msg, const std::string& hint = {}) const { src_.fail(e.line, e.col, msg, hint); }

  // Runs one tensor operation located at `e`: its nodes get e's location, and a TensorError
  // becomes a ProgramError pointing there.
  template <class F>
  Value at(const Expr& e, F&& build) {
    program_.context().set_location(loc(e));
    try {
      return build();
    } catch (const TensorError& err) {
      fail(e, err.what(), err.hint());
    }
  }

  void statement(const Statement& s) {
    if (!s.target.empty()) {
      vars_[s.target] = eval(*s.value);
      return;
    }
    const Expr& e = *s.value;
    if (e.kind == Expr::Kind::Call && e.items[0]->kind == Expr::Kind::Name) {
      if (e.items[0]->text == "output") return output(e);
      if (e.items[0]->text == "save") return save(e);
    }
    fail(e, "this expression's value is not used", "assign it (name = ...) or pass it to output(...)");
  }

  void output(const Expr& call) {
    for (size_t i = 1; i < call.items.size(); ++i) {
      const Expr& arg = *call.items[i];
      if (!call.keywords[i - 1].empty()) fail(arg, "output() takes no keyword arguments", "write output(a, b, ...)");
      Value v = eval(arg);
      if (!v.is_tensor()) fail(arg, "output() needs tensors, got " + describe(v));
      std::string name = arg.kind == Expr::Kind::Name ? arg.text : "out" + std::to_string(unnamed_outputs_++);
      for (const ProgramOutput& o : program_.outputs())
        if (o.name == name) fail(arg, "the output '" + name + "' is given twice", "each output needs its own name");
      program_.add_output(ProgramOutput{name, v.tensor(), loc(arg)});
    }
    if (call.items.size() == 1) fail(call, "output() needs at least one tensor", "write output(y) or output(a, b)");
  }

  void save(const Expr& call) {
    CallArgs args(state_, "save", Signature::parse({"value", "path"}), positional(call), keywords(call), call.line, call.col);
    Tensor t = args.tensor("value");
    std::string path = args.string("path");
    program_.add_save(SaveRequest{t, path, state_.base_dir / path, loc(call)});
  }

  Value eval(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::Name: {
        auto it = vars_.find(e.text);
        if (it != vars_.end()) return it->second;
        std::vector<std::string> names;
        for (const auto& [n, v] : vars_) names.push_back(n);
        std::string hint = suggestion(e.text, names);
        if (hint.empty() && find_builtin(e.text)) hint = "'" + e.text + "' is a function: call it, " + e.text + "(...)";
        if (hint.empty()) hint = "assign it first: " + e.text + " = ...";
        fail(e, "name '" + e.text + "' is not defined", hint);
      }
      case Expr::Kind::Int: return Value{e.int_value};
      case Expr::Kind::Float: return Value{e.float_value};
      case Expr::Kind::String: return Value{e.text};
      case Expr::Kind::Bool: return Value{e.bool_value};
      case Expr::Kind::None: return Value::none();
      case Expr::Kind::Tuple:
      case Expr::Kind::List: {
        ValueList items;
        for (const auto& item : e.items) items.push_back(eval(*item));
        return Value::list(std::move(items));
      }
      case Expr::Kind::Unary: return unary(e);
      case Expr::Kind::Binary:
      case Expr::Kind::Compare: return binary(e);
      case Expr::Kind::Call: return call(e);
      case Expr::Kind::Attribute: return attribute(e);
    }
    fail(e, "unknown expression");
  }

  Value unary(const Expr& e) {
    Value v = eval(*e.items[0]);
    if (v.is_tensor()) return e.text == "+" ? v : at(e, [&] { return Value{v.tensor().neg()}; });
    if (std::holds_alternative<double>(v.v)) return Value{e.text == "-" ? -std::get<double>(v.v) : std::get<double>(v.v)};
    if (v.is_int()) {
      int64_t i = v.number().value;
      return Value{e.text == "-" ? -i : i};
    }
    fail(e, "unary " + e.text + " needs a tensor or a number, got " + describe(v));
  }

  Value binary(const Expr& e) {
    Value a = eval(*e.items[0]), b = eval(*e.items[1]);
    const std::string& op = e.text;
    if (a.is_number() && b.is_number()) return numbers(e, a.number(), b.number());
    bool operands_ok = (a.is_tensor() || a.is_number()) && (b.is_tensor() || b.is_number());
    if (!operands_ok) fail(e, "unsupported operands for " + op + ": " + describe(a) + " and " + describe(b));
    if (op == "@") {
      if (!a.is_tensor() || !b.is_tensor()) fail(e, "@ needs two tensors, got " + describe(a) + " and " + describe(b), "use * to scale by a number");
      return at(e, [&] { return Value{Tensor::matmul(a.tensor(), b.tensor())}; });
    }
    Tensor::Operand x = a.is_tensor() ? Tensor::Operand(a.tensor()) : Tensor::Operand(a.number());
    Tensor::Operand y = b.is_tensor() ? Tensor::Operand(b.tensor()) : Tensor::Operand(b.number());
    using Fn = Tensor (*)(const Tensor::Operand&, const Tensor::Operand&);
    static const std::map<std::string, Fn> kOps = {
        {"+", Tensor::add},  {"-", Tensor::sub}, {"*", Tensor::mul}, {"/", Tensor::div}, {"//", Tensor::floordiv}, {"%", Tensor::mod},
        {"**", Tensor::pow}, {"<", Tensor::lt},  {"<=", Tensor::le}, {">", Tensor::gt}, {">=", Tensor::ge},        {"==", Tensor::eq},
        {"!=", Tensor::ne}};
    Fn fn = kOps.at(op);
    return at(e, [&] { return Value{fn(x, y)}; });
  }

  // Arithmetic on two numbers follows Python: ints stay ints except under /.
  Value numbers(const Expr& e, Number a, Number b) {
    bool ints = !a.dtype.is_float() && !b.dtype.is_float();
    double x = a.value, y = b.value;
    const std::string& op = e.text;
    if ((op == "/" || op == "//" || op == "%") && y == 0) fail(e, "division by zero");
    if (op == "+") return number_value(x + y, ints);
    if (op == "-") return number_value(x - y, ints);
    if (op == "*") return number_value(x * y, ints);
    if (op == "/") return Value{x / y};
    if (op == "//") return ints ? Value{floordiv(int64_t(x), int64_t(y))} : Value{std::floor(x / y)};
    if (op == "%") return ints ? Value{floormod(int64_t(x), int64_t(y))} : Value{x - std::floor(x / y) * y};
    if (op == "**") return number_value(std::pow(x, y), ints && y >= 0);
    if (op == "<") return Value{x < y};
    if (op == "<=") return Value{x <= y};
    if (op == ">") return Value{x > y};
    if (op == ">=") return Value{x >= y};
    if (op == "==") return Value{x == y};
    if (op == "!=") return Value{x != y};
    fail(e, op + " needs tensors, not two numbers");
  }

  Value attribute(const Expr& e) {
    Value obj = eval(*e.items[0]);
    if (e.text == "T") {
      if (!obj.is_tensor()) fail(e, ".T needs a tensor, got " + describe(obj));
      return at(e, [&] { return Value{obj.tensor().T()}; });
    }
    if (const Builtin* b = find_builtin(e.text); b && b->is_method())
      fail(e, "'" + e.text + "' is a method: call it", "write ." + e.text + "(...)");
    fail(e, "tensors have no attribute '" + e.text + "'", "the only attribute is .T; methods are called, like .exp()");
  }

  std::vector<CallArg> positional(const Expr& call) {
    std::vector<CallArg> out;
    for (size_t i = 1; i < call.items.size(); ++i)
      if (call.keywords[i - 1].empty()) out.push_back(CallArg{eval(*call.items[i]), call.items[i]->line, call.items[i]->col});
    return out;
  }

  std::vector<std::pair<std::string, CallArg>> keywords(const Expr& call) {
    std::vector<std::pair<std::string, CallArg>> out;
    for (size_t i = 1; i < call.items.size(); ++i)
      if (!call.keywords[i - 1].empty())
        out.emplace_back(call.keywords[i - 1], CallArg{eval(*call.items[i]), call.items[i]->line, call.items[i]->col});
    return out;
  }

  Value call(const Expr& e) {
    const Expr& callee = *e.items[0];
    const std::string& name = callee.text;
    if (callee.kind == Expr::Kind::Name && (name == "output" || name == "save"))
      fail(e, name + "(...) is a statement, not a value", "write it on a line of its own");
    const Builtin* b = find_builtin(name);
    if (!b) {
      std::string hint = suggestion(name, builtin_names());
      fail(e, std::string(callee.kind == Expr::Kind::Attribute ? "unknown method '" : "unknown function '") + name + "'",
           hint.empty() ? "the functions are listed in DESIGN.md, \"The program language\"" : hint);
    }
    std::vector<CallArg> args;
    if (callee.kind == Expr::Kind::Attribute) {
      if (!b->is_method()) fail(e, "'" + name + "' is a function, not a method", "call it as " + name + "(...)");
      const Expr& obj = *callee.items[0];
      args.push_back(CallArg{eval(obj), obj.line, obj.col});
    }
    for (CallArg& a : positional(e)) args.push_back(std::move(a));
    auto kw = keywords(e);
    program_.context().set_location(loc(e));
    CallArgs bound(state_, name, b->signature, std::move(args), std::move(kw), e.line, e.col);
    return at(e, [&] { return b->run(bound); });
  }

  Program& program_;
  const SourceText& src_;
  ProgramState state_;
  std::map<std::string, Value> vars_;
  int unnamed_outputs_ = 0;
};

}  // namespace

void run_statements(Program& program, const SourceText& src, const std::vector<Statement>& statements, const std::filesystem::path& base_dir,
                    const InputProvider* inputs) {
  Interpreter(program, src, base_dir, inputs).run(statements);
  program.context().set_location(std::nullopt);
}

}  // namespace rw
