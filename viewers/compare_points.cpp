#include "viewers/compare_points.h"

#include <set>

#include "engine/inspect/trace_points.h"
#include "engine/trace/trace_error.h"

namespace rw::viewer {
namespace {

bool resolves(TraceReader& reader, int64_t run, const std::string& name) {
  try {
    pick_pass(reader, run, name);
    return true;
  } catch (const TraceError&) {
    return false;  // no such pass, or several (a name used for sibling passes)
  }
}

}  // namespace

std::vector<ComparePoint> compare_points(TraceReader& a, int64_t run_a, TraceReader& b, int64_t run_b, const FusionComparison& c) {
  std::vector<ComparePoint> out;
  std::set<std::string> names_b, tried;
  for (const PassRow& p : b.passes(run_b)) names_b.insert(p.name);
  // Per-kernel passes are offered as kernel pairs below, where their names may differ.
  const std::string codegen = "codegen ";
  for (const PassRow& p : a.passes(run_a)) {
    if (!names_b.count(p.name) || !tried.insert(p.name).second || p.name.rfind(codegen, 0) == 0) continue;
    if (resolves(a, run_a, p.name) && resolves(b, run_b, p.name)) out.push_back({QString::fromStdString(p.name), p.name, p.name});
  }
  for (const KernelPair& k : c.pairs) {
    if (!k.a || !k.b) continue;
    const std::string &na = c.a.kernels[*k.a].name, &nb = c.b.kernels[*k.b].name;
    const std::string spec_a = codegen + na, spec_b = codegen + nb;
    if (!resolves(a, run_a, spec_a) || !resolves(b, run_b, spec_b)) continue;
    out.push_back({QStringLiteral("kernel AST: %1 | %2").arg(QString::fromStdString(na), QString::fromStdString(nb)), spec_a + ":in", spec_b + ":in"});
  }
  return out;
}

int default_compare_point(const std::vector<ComparePoint>& points) {
  for (size_t i = 0; i < points.size(); ++i)
    if (points[i].spec_a == "rangeify") return int(i);
  return points.empty() ? -1 : 0;
}

}  // namespace rw::viewer
