#include "engine/schedule/schedule_program.h"

#include <algorithm>
#include <map>
#include <optional>

#include "engine/ir/arena.h"
#include "engine/ir/graph.h"
#include "engine/ir/shape.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/rewrite/step_verifier.h"
#include "engine/rewrite/symbolic.h"
#include "engine/schedule/kernel_split.h"
#include "engine/schedule/rangeify_context.h"
#include "engine/schedule/realize.h"
#include "engine/schedule/rules.h"
#include "engine/trace/tracer.h"

namespace rw {

ScheduleError::ScheduleError(std::string pass, UOpPtr node, const std::string& what)
    : std::runtime_error("schedule pass '" + pass + "', node %" + std::to_string(node ? node->id : 0) + " " +
                         (node ? node->summary() : std::string("?")) + ": " + what),
      pass_(std::move(pass)),
      node_(node) {}

namespace {

using namespace sched;

// One top-level scheduler pass: a "schedule" pass around the rewrite that does the work, so a
// trace (and the tests' snapshots) see each stage's output under the pass's name.
template <class F>
UOpPtr run_pass(std::string_view name, UOpPtr input, F&& body) {
  PassScope pass(name, "schedule", input);
  UOpPtr out = body(input);
  pass.finish(out);
  return out;
}

// Built once: traces keep pointers to their rules, which must outlive every pass.
const PatternMatcher& rangeify_rules() {
  static const PatternMatcher pm = rangeify_fault_rules() + rangeify_children_rules() + rangeify_movement_rules() + rangeify_recompute_rules() +
                                  rangeify_op_rules();
  return pm;
}
const PatternMatcher& cleanups() {
  static const PatternMatcher pm = cleanup_rules();
  return pm;
}
const PatternMatcher& bufferize() {
  static const PatternMatcher pm = bufferize_rules();
  return pm;
}
const PatternMatcher& split() {
  static const PatternMatcher pm = split_rules();
  return pm;
}

// The realize decisions keep every kernel within --max-buffers (buffer_limit.h); a buffer
// rangeify realized later can still add one read. Such a kernel is refused, not run.
void check_buffer_limit(const Schedule& s, int64_t max_buffers) {
  if (max_buffers <= 0) return;
  for (const ScheduledKernel& k : s.kernels)
    if (int64_t(k.globals.size()) - 1 > max_buffers)
      throw ScheduleError("split kernels", k.ast,
                          "unsupported: kernel " + k.name + " reads " + std::to_string(k.globals.size() - 1) + " buffers, more than --max-buffers " +
                              std::to_string(max_buffers) + "; raise the limit or realize a partial result with .contiguous()");
}

// Records each step of one pass, so the nodes it rebuilt can be traced back to its input.
struct StepMap : RewriteObserver {
  explicit StepMap(std::string_view pass) : pass(pass) {}
  std::string_view pass;
  NodeMap map;
  void on_step(std::string_view p, int64_t, const Rule&, UOpPtr matched, UOpPtr replacement) override {
    if (p == pass) map[matched] = replacement;
  }
};

// For every node of `out` that stands for a node of `in` (rebuilt because a source changed,
// or replaced by a node of the same op), that node of `in`. Sources before users, so a
// node's own image wins over a replacement that happens to equal it.
void trace_back(UOpPtr in, const NodeMap& steps, NodeMap& origin) {
  NodeTable<UOpPtr> image;  // flat, and one source buffer: no allocation per node
  std::vector<UOpPtr> srcs;
  for (UOpPtr n : toposort(in)) {
    UOpPtr m = with_source_images(n, image, srcs);  // sources come first in toposort order
    for (int guard = 0; guard < 64; ++guard) {
      auto it = steps.find(m);
      if (it == steps.end() || it->second == m) break;
      m = it->second;
    }
    image.emplace(n, m);
    if (m->op == n->op) origin.emplace(m, n);
  }
}

UOpPtr program_node(UOpPtr n, const NodeMap& after_realize, const NodeMap& after_cleanup) {
  if (auto it = after_realize.find(n); it != after_realize.end()) n = it->second;
  if (auto it = after_cleanup.find(n); it != after_cleanup.end()) n = it->second;
  return n;
}

// Tensor nodes a kernel computes: everything its realized node depends on up to other buffers.
// `buffers`: the realized tensors (the kernel's own `root` among them, which it computes).
std::vector<UOpPtr> computed_nodes(UOpPtr root, NodeTable<char>& buffers) {
  std::vector<UOpPtr> out;
  NodeTable<char> seen;
  seen.emplace(root, 0);
  std::vector<UOpPtr> stack{root};
  while (!stack.empty()) {
    UOpPtr n = stack.back();
    stack.pop_back();
    if (n->op == Op::BUFFER || n->op == Op::CONST || n->op == Op::DEFINE_VAR || n->op == Op::REALIZE) continue;
    out.push_back(n);
    for (UOpPtr s : n->src)
      if (s != root && !buffers.contains(s) && seen.emplace(s, 0).second) stack.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](UOpPtr a, UOpPtr b) { return a->id < b->id; });
  return out;
}

Schedule build_schedule(UOpPtr final_sink, const State& st, const std::vector<std::string>& names, const NodeMap& after_realize,
                        const NodeMap& after_cleanup) {
  Schedule sched;
  std::vector<UOpPtr> kernels;
  for (UOpPtr n : toposort(final_sink))
    if (n->op == Op::KERNEL) kernels.push_back(n);

  // Buffers: realized ones in creation order, then inputs in order of first use.
  std::map<int64_t, UOpPtr> realized;
  std::vector<UOpPtr> inputs;
  for (UOpPtr k : kernels)
    for (size_t i = 1; i < k->src.size() && k->src[i]->op == Op::BUFFER; ++i) {
      UOpPtr b = k->src[i];
      if (auto id = b->arg.get_if<int64_t>()) realized.emplace(*id, b);
      else if (std::find(inputs.begin(), inputs.end(), b) == inputs.end()) inputs.push_back(b);
    }
  std::unordered_map<UOpPtr, int> id_of;
  for (auto& [k, b] : realized) {
    ScheduleBuffer sb;
    sb.id = int(sched.buffers.size());
    sb.dtype = DType(b->dtype.scalar);
    sb.size = b->dtype.size;
    sb.name = "buf" + std::to_string(sb.id);
    sb.shape = *st.realized.at(size_t(k)).tensor->shape;
    sb.reason = st.realized.at(size_t(k)).reason;
    sb.node = program_node(st.realized.at(size_t(k)).tensor, after_realize, after_cleanup);
    id_of[b] = sb.id;
    sched.buffers.push_back(sb);
  }
  for (UOpPtr b : inputs) {
    const IntTuple& a = b->arg.get<IntTuple>();
    ScheduleBuffer sb;
    sb.id = int(sched.buffers.size());
    sb.dtype = b->dtype;
    sb.size = a[1];
    sb.role = ScheduleBuffer::Role::Input;
    sb.input_slot = a[0];
    sb.name = "buf" + std::to_string(sb.id);
    sb.shape = {a[1]};
    sb.reason = "input";
    id_of[b] = sb.id;
    sched.buffers.push_back(sb);
  }
  for (size_t i = 0; i < final_sink->src.size(); ++i) {
    UOpPtr k = final_sink->src[i];
    if (k->op != Op::KERNEL) continue;
    ScheduleBuffer& out = sched.buffers[size_t(id_of.at(k->src[1]))];
    if (out.role == ScheduleBuffer::Role::Output) continue;  // the same tensor output twice keeps its first name
    out.role = ScheduleBuffer::Role::Output;
    out.name = i < names.size() ? names[i] : "out" + std::to_string(i);
  }

  NodeTable<char> buffer_roots;
  for (const Realized& r : st.realized) buffer_roots.emplace(r.tensor, 0);
  std::map<std::string, int> seen_names;
  for (UOpPtr k : kernels) {
    ScheduledKernel sk;
    std::string base = k->arg.get<std::string>();
    int n = seen_names[base]++;
    sk.name = n == 0 ? base : base + "n" + std::to_string(n);
    sk.ast = k->src[0];
    for (size_t i = 1; i < k->src.size() && k->src[i]->op == Op::BUFFER; ++i) sk.globals.push_back(id_of.at(k->src[i]));
    const Realized& r = st.realized.at(size_t(k->src[1]->arg.get<int64_t>()));
    // as nodes of the program's own graph, so viewers can show where each came from
    for (UOpPtr n : computed_nodes(r.tensor, buffer_roots)) sk.computes.push_back(program_node(n, after_realize, after_cleanup));
    Tracer& t = current_tracer();
    if (t.active()) {
      KernelRecord rec;
      rec.name = sk.name;
      rec.ast = sk.ast;
      rec.computes = sk.computes;
      t.on_kernel(rec);
    }
    sched.kernels.push_back(std::move(sk));
  }
  return sched;
}

}  // namespace

Schedule schedule_graph(UOpPtr sink, const std::vector<std::string>& names, const ScheduleOptions& options) {
  if (options.fusion != "rangeify" && options.fusion != "conservative" && options.fusion != "none")
    throw std::invalid_argument("unknown fusion policy '" + options.fusion + "'; use rangeify (default), conservative or none");
  State st;
  st.fusion = options.fusion;
  st.faults = options.faults;
  FaultScope faults(options.faults);  // for the symbolic simplifier's fault rules, which get no context
  st.recompute_threshold = options.recompute_threshold;
  st.max_buffers = options.max_buffers;
  std::optional<VerifyScope> verify;
  if (options.verify) verify.emplace(Stage::Tensor);

  PassScope group("schedule", "group", sink);
  NodeMap after_cleanup, after_realize;
  UOpPtr g = run_pass("early cleanups", sink, [&](UOpPtr in) {
    StepMap steps("early cleanups");
    UOpPtr out;
    {
      RewriteObserverScope observe(&steps);
      out = graph_rewrite(in, cleanups(), "early cleanups");
    }
    trace_back(in, steps.map, after_cleanup);
    return out;
  });
  g = realize_pass(g, st, after_realize);

  if (verify) verify->verifier().set_stage(Stage::Scheduling);
  RangeifyContext rctx(st);
  g = run_pass("rangeify", g, [&](UOpPtr in) {
    UOpPtr out = rangeify_with(in, rctx, rangeify_rules());
    if (verify) verify_graph_or_throw(out, Stage::Rangeified, "rangeify", 0);
    return out;
  });
  if (verify) verify->verifier().set_stage(Stage::Rangeified);
  g = run_pass("symbolic", g, [](UOpPtr in) { return graph_rewrite(in, symbolic(), "symbolic"); });
  g = run_pass("bufferize to store", g, [](UOpPtr in) { return graph_rewrite(in, bufferize(), "bufferize to store"); });
  g = run_pass("split kernels", g, [](UOpPtr in) { return graph_rewrite(in, split(), "split kernels", /*bottom_up=*/true); });
  Schedule out = build_schedule(g, st, names, after_realize, after_cleanup);
  check_buffer_limit(out, options.max_buffers);
  group.finish(g);
  return out;
}

Schedule schedule_program(const Program& program, const ScheduleOptions& options) {
  // Program::sink() lists each node once: outputs, then saved tensors that are not outputs.
  std::vector<std::string> names;
  std::vector<UOpPtr> nodes;
  auto add = [&](UOpPtr n, std::string name) {
    if (std::find(nodes.begin(), nodes.end(), n) != nodes.end()) return;
    nodes.push_back(n);
    names.push_back(std::move(name));
  };
  for (const ProgramOutput& o : program.outputs()) add(o.tensor.node(), o.name);
  for (const SaveRequest& s : program.saves()) add(s.tensor.node(), std::filesystem::path(s.path).stem().string());
  return schedule_graph(program.sink(), names, options);
}

}  // namespace rw
