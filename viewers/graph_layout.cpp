// The only file that includes Graphviz: gvc.h defines macros (TRUE, FALSE, NIL, POINTS...)
// that would collide with Qt and our own names anywhere else.
#include "viewers/graph_layout.h"

#include <gvc.h>

#include <cstdlib>
#include <mutex>
#include <string>

namespace rw::viewer {
namespace {

std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

// Graphviz takes char* everywhere, even for names it only reads.
char* cs(const char* s) { return const_cast<char*>(s); }

void set(void* obj, const char* name, const std::string& value) {
  agsafeset(obj, cs(name), cs(value.c_str()), cs(""));
}

std::string inches(double points) { return std::to_string(points / 72.0); }

struct GvcDeleter {
  void operator()(GVC_t* g) const { gvFreeContext(g); }
};

}  // namespace

GraphLayout layout_graph(const LayoutInput& input) {
  std::lock_guard lock(graphviz_mutex());
  // One context for the process: creating one loads the plugin configuration each time.
  static std::unique_ptr<GVC_t, GvcDeleter> gvc(gvContext());
  GraphLayout out;
  if (input.nodes.empty()) return out;

  Agraph_t* g = agopen(cs("g"), Agdirected, nullptr);
  agattr(g, AGRAPH, cs("rankdir"), cs("TB"));
  agattr(g, AGRAPH, cs("nodesep"), cs("0.2"));
  agattr(g, AGRAPH, cs("ranksep"), cs("0.35"));
  if (input.nodes.size() > 400) {
    // Fewer crossing-minimization and network-simplex iterations: big graphs lay out in
    // seconds instead of tens of seconds, with slightly more crossings.
    agattr(g, AGRAPH, cs("mclimit"), cs("0.1"));
    agattr(g, AGRAPH, cs("nslimit"), cs("2"));
    agattr(g, AGRAPH, cs("nslimit1"), cs("2"));
  }
  agattr(g, AGNODE, cs("shape"), cs("box"));
  agattr(g, AGNODE, cs("fixedsize"), cs("true"));
  agattr(g, AGNODE, cs("label"), cs(""));
  agattr(g, AGNODE, cs("width"), cs("1"));
  agattr(g, AGNODE, cs("height"), cs("0.5"));

  std::unordered_map<int64_t, Agnode_t*> nodes;
  for (const LayoutNode& n : input.nodes) {
    std::string name = "n" + std::to_string(n.key);
    Agnode_t* an = agnode(g, cs(name.c_str()), 1);
    set(an, "width", inches(n.width));
    set(an, "height", inches(n.height));
    nodes[n.key] = an;
  }
  std::vector<std::pair<Agedge_t*, const LayoutEdge*>> edges;
  for (const LayoutEdge& e : input.edges) {
    auto a = nodes.find(e.from), b = nodes.find(e.to);
    if (a == nodes.end() || b == nodes.end()) continue;
    // Unnamed edges with agedge(..., nullptr, 1) merge parallel edges (ADD(x, x)); a name per
    // edge keeps both.
    std::string name = std::to_string(edges.size());
    edges.push_back({agedge(g, a->second, b->second, cs(name.c_str()), 1), &e});
  }

  if (gvLayout(gvc.get(), g, "dot") != 0) {
    agclose(g);
    throw LayoutError("Graphviz could not lay out the graph (" + std::to_string(input.nodes.size()) + " nodes)");
  }
  const double top = GD_bb(g).UR.y;  // Graphviz y points up; flip around the top edge
  auto flip = [top](pointf p) { return QPointF(p.x, top - p.y); };
  for (auto& [key, an] : nodes) {
    double w = ND_width(an) * 72.0, h = ND_height(an) * 72.0;
    QPointF c = flip(ND_coord(an));
    out.nodes[key] = QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
  }
  for (auto& [ae, e] : edges) {
    splines* spl = ED_spl(ae);
    if (!spl || spl->size == 0) continue;
    const bezier& bz = spl->list[0];
    EdgePath path{e->from, e->to, {}, {}};
    for (int i = 0; i < bz.size; ++i) path.bezier.push_back(flip(bz.list[i]));
    path.arrow_tip = bz.eflag ? flip(bz.ep) : path.bezier.back();
    out.edges.push_back(std::move(path));
  }
  out.bounds = QRectF(GD_bb(g).LL.x, 0, GD_bb(g).UR.x - GD_bb(g).LL.x, GD_bb(g).UR.y - GD_bb(g).LL.y);
  gvFreeLayout(gvc.get(), g);
  agclose(g);
  return out;
}

}  // namespace rw::viewer
