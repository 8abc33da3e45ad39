#include "engine/ir/print.h"

#include <unordered_map>

#include "engine/ir/graph.h"

namespace rw {

std::string node_line(UOpPtr n) {
  std::string s = "%" + std::to_string(n->id) + " = " + std::string(op_name(n->op)) + " " + to_string(n->dtype);
  if (!n->arg.is_none()) s += " " + n->arg.to_string();
  if (n->tag) s += " tag=" + std::to_string(n->tag);
  if (!n->src.empty()) {
    s += " (";
    for (size_t i = 0; i < n->src.size(); ++i) s += (i ? ", %" : "%") + std::to_string(n->src[i]->id);
    s += ")";
  }
  return s;
}

std::string print_graph(UOpPtr root) {
  std::string out;
  for (UOpPtr n : toposort(root)) out += node_line(n) + "\n";
  return out;
}

namespace {
const char* infix(Op op) {
  switch (op) {
    case Op::ADD: return "+";
    case Op::SUB: return "-";
    case Op::MUL: return "*";
    case Op::IDIV: return "//";
    case Op::MOD: return "%";
    case Op::FDIV: return "/";
    case Op::CMPLT: return "<";
    case Op::CMPNE: return "!=";
    case Op::CMPEQ: return "==";
    case Op::AND: return "&";
    case Op::OR: return "|";
    case Op::XOR: return "^";
    case Op::SHL: return "<<";
    case Op::SHR: return ">>";
    default: return nullptr;
  }
}

// Python-like binding strength, so only needed parentheses are written.
int precedence(Op op) {
  switch (op) {
    case Op::CMPLT: case Op::CMPNE: case Op::CMPEQ: return 1;
    case Op::OR: return 2;
    case Op::XOR: return 3;
    case Op::AND: return 4;
    case Op::SHL: case Op::SHR: return 5;
    case Op::ADD: case Op::SUB: return 6;
    case Op::MUL: case Op::IDIV: case Op::MOD: case Op::FDIV: return 7;
    case Op::NEG: return 8;
    default: return 10;
  }
}

struct ExprWriter {
  std::unordered_map<UOpPtr, std::string> memo;
  int max_depth = -1;  // below this many levels a node with sources is written as its id
  int depth = 0;

  std::string wrap(UOpPtr child, int parent_prec, bool right_side) {
    std::string s = write(child);
    int p = precedence(child->op);
    if (p < parent_prec || (right_side && p == parent_prec && infix(child->op))) return "(" + s + ")";
    return s;
  }

  std::string write(UOpPtr n) {
    if (max_depth >= 0) {
      // Depth-dependent text cannot be shared between places: no memo.
      if (depth >= max_depth && !n->src.empty() && n->op != Op::RANGE) return "%" + std::to_string(n->id);
      ++depth;
      std::string s = write_node(n);
      --depth;
      return s;
    }
    if (auto it = memo.find(n); it != memo.end()) return it->second;
    std::string s = write_node(n);
    memo.emplace(n, s);
    return s;
  }

  std::string write_node(UOpPtr n) {
    std::string s;
    if (n->op == Op::CONST) {
      s = n->arg.to_string();
    } else if (n->op == Op::DEFINE_VAR) {
      s = n->arg.get_if<VarArg>() ? n->arg.get<VarArg>().name : "var";
    } else if (n->op == Op::RANGE) {
      auto axis = n->arg.get_if<IntTuple>();
      s = "r" + (axis && !axis->empty() ? std::to_string((*axis)[0]) : std::to_string(n->id));
    } else if (n->op == Op::NEG && n->src.size() == 1) {
      s = "-" + wrap(n->src[0], precedence(Op::NEG), false);
    } else if (const char* sym = infix(n->op); sym && n->src.size() == 2) {
      int p = precedence(n->op);
      s = wrap(n->src[0], p, false) + sym + wrap(n->src[1], p, true);
    } else if (n->op == Op::WHERE && n->src.size() == 3) {
      s = "(" + write(n->src[1]) + " if " + write(n->src[0]) + " else " + write(n->src[2]) + ")";
    } else if (n->op == Op::MAX && n->src.size() == 2) {
      s = "max(" + write(n->src[0]) + ", " + write(n->src[1]) + ")";
    } else if (n->op == Op::CAST && n->src.size() == 1) {
      s = std::string(scalar_name(n->dtype.scalar)) + "(" + write(n->src[0]) + ")";
    } else {
      s = std::string(op_name(n->op)) + "(";
      for (size_t i = 0; i < n->src.size(); ++i) s += (i ? ", " : "") + write(n->src[i]);
      if (!n->arg.is_none()) s += std::string(n->src.empty() ? "" : ", ") + n->arg.to_string();
      s += ")";
    }
    return s;
  }
};
}  // namespace

std::string render_expr(UOpPtr node) { return ExprWriter{}.write(node); }

std::string render_expr(UOpPtr node, int max_depth) {
  ExprWriter w;
  w.max_depth = max_depth;
  return w.write(node);
}

}  // namespace rw
