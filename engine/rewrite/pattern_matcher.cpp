#include "engine/rewrite/pattern_matcher.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "engine/rewrite/rewrite_gate.h"
#include "engine/rewrite/tick_clock.h"

namespace rw {

UOpPtr Match::operator[](std::string_view name) const {
  if (UOpPtr n = bindings_.get(name)) return n;
  throw std::logic_error("rule asked for '" + std::string(name) + "', which its pattern does not bind");
}

namespace {
OpSet all_ops() {
  OpSet all;
  for (int i = 0; i < kNumOps; ++i) all.add(Op(i));
  return all;
}

// The build maps the source root away (-ffile-prefix-map), so locations are already
// repository-relative ("engine/rewrite/symbolic_div.cpp"). A build without that flag gives an
// absolute path: cut it at the first top-level folder of the repository in it.
std::string relative_path(std::string_view file) {
  // A compiler run from the build folder may also see "../engine/..." (ccache's base_dir).
  while (file.starts_with("./") || file.starts_with("../")) file.remove_prefix(file.find('/') + 1);
  if (!file.starts_with('/')) return std::string(file);
  size_t best = std::string_view::npos;
  for (std::string_view top : {"/engine/", "/app/", "/viewers/", "/tests/"})
    if (size_t pos = file.find(top); pos < best) best = pos;
  return std::string(best == std::string_view::npos ? file : file.substr(best + 1));
}

std::string file_stem(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return std::string(base.substr(0, base.rfind('.')));
}
}  // namespace

RulePtr rule(std::string text, UPat pattern, RewriteFn fn, std::source_location loc) {
  static std::atomic<uint64_t> rules_built{0};
  auto r = std::make_shared<Rule>();
  r->info.serial = rules_built.fetch_add(1, std::memory_order_relaxed) + 1;
  r->info.text = std::move(text);
  r->info.pattern = pattern.to_string();
  r->info.file = relative_path(loc.file_name());
  r->info.family = file_stem(r->info.file);
  r->info.line = int(loc.line());
  r->required_src_ops = pattern.required_src_ops();
  r->allowed_src_ops = pattern.allowed_src_ops().value_or(all_ops());
  r->pattern = std::move(pattern);
  r->fn = std::move(fn);
  return r;
}

PatternMatcher::PatternMatcher(std::vector<RulePtr> rules) : rules_(std::move(rules)) {
  for (size_t k = 0; k < rules_.size(); ++k) {
    const RulePtr& r = rules_[k];
    for (int i = 0; i < kNumOps; ++i)
      if (r->pattern.root_any_op() || r->pattern.root_ops().contains(Op(i))) {
        by_op_[i].push_back(r.get());
        by_op_index_[i].push_back(uint32_t(k));
      }
  }
}

void PatternMatcher::PassCounters::reset(size_t rules) {
  for_each_touched([&](uint32_t k) { counters[k] = {}; });
  std::fill(touched.begin(), touched.end(), 0);
  if (counters.size() < rules) {
    counters.resize(rules);
    touched.resize((rules + 63) / 64);
  }
}

PatternMatcher operator+(const PatternMatcher& a, const PatternMatcher& b) {
  std::vector<RulePtr> all = a.rules_;
  all.insert(all.end(), b.rules_.begin(), b.rules_.end());
  return PatternMatcher(std::move(all));
}

namespace {
// The matching loop, with counting compiled in or out.
template <bool kCounted>
PatternMatcher::Result match_rules(const std::vector<const Rule*>& candidates, const std::vector<uint32_t>& places, UOpPtr n, void* ctx,
                                   PatternMatcher::PassCounters* counts, RewriteGate* gate) {
  PatternMatcher::Result res;
  if (candidates.empty()) return res;
  OpSet present;
  for (UOpPtr s : n->src) present.add(s->op);
  // The clock starts at the first rule that passes the early reject below: most nodes a pass
  // visits have no such rule, and they would pay a tick read for nothing.
  uint64_t last = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Rule* r = candidates[i];
    // Early reject: a source op the pattern needs is missing, or one it cannot take is there.
    if ((r->required_src_ops | present) != present || (r->allowed_src_ops | present) != r->allowed_src_ops) continue;
    if constexpr (kCounted)
      if (last == 0) last = read_ticks();
    res.bindings.truncate(0);
    const bool matched = r->pattern.match(n, res.bindings);
    Rewrite out = matched ? r->fn(Match(n, res.bindings, ctx)) : Rewrite::none();
    bool answered = out.kind() == Rewrite::Kind::NotReady || (out.kind() == Rewrite::Kind::To && out.node() != n);
    // A rewrite the gate refuses counts as no match (re-runs with a step switched off).
    if (answered && gate && out.kind() == Rewrite::Kind::To && !gate->allow(*r, n, out.node())) answered = false;
    if constexpr (kCounted) {
      PatternMatcher::RuleCounter& c = counts->counters[places[i]];
      const uint64_t now = read_ticks();
      ++c.tries;
      counts->touch(places[i]);  // unconditionally: cheaper than a branch mispredicted on every first try
      c.hits += out.kind() == Rewrite::Kind::To && answered;
      c.ticks += now - last;
      last = now;
    }
    if (!answered) continue;
    if constexpr (kCounted) counts->answer_ticks = last;
    res.rewrite = out;
    res.rule = r;
    return res;
  }
  res.bindings.truncate(0);
  return res;
}
}  // namespace

PatternMatcher::Result PatternMatcher::rewrite(UOpPtr n, void* ctx, RewriteGate* gate) const {
  const size_t op = static_cast<size_t>(n->op);
  return match_rules<false>(by_op_[op], by_op_index_[op], n, ctx, nullptr, gate);
}

PatternMatcher::Result PatternMatcher::rewrite_counted(UOpPtr n, void* ctx, PassCounters& counts, RewriteGate* gate) const {
  const size_t op = static_cast<size_t>(n->op);
  return match_rules<true>(by_op_[op], by_op_index_[op], n, ctx, &counts, gate);
}

}  // namespace rw
