#include "viewers/diff_overlay.h"

#include <QObject>
#include <algorithm>

#include "viewers/node_label.h"

namespace rw::viewer {

size_t DiffOverlay::count(DiffClass c) const {
  return size_t(std::count_if(classes.begin(), classes.end(), [&](const auto& kv) { return kv.second == c; }));
}

std::vector<int64_t> DiffOverlay::keys(DiffClass c) const {
  std::vector<int64_t> out;
  for (const auto& [key, cls] : classes)
    if (cls == c) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

DiffOverlay diff_overlay(const FrameGraph& reference, const FrameGraph& shown) {
  DiffOverlay o;
  if (reference.nodes.empty() || shown.nodes.empty()) {
    for (const NodeRow& n : shown.nodes) o.classes[n.id] = DiffClass::Added;
    for (const NodeRow& n : reference.nodes) o.removed.push_back(n);
    return o;
  }
  GraphDiff d = diff_graphs(reference.nodes, reference.root, shown.nodes, shown.root);
  for (const auto& [key, nd] : d.b) o.classes[key] = nd.cls;
  for (const NodeRow& n : reference.nodes)
    if (auto it = d.a.find(n.id); it != d.a.end() && it->second.cls == DiffClass::Removed) o.removed.push_back(n);
  std::sort(o.removed.begin(), o.removed.end(), [](const NodeRow& a, const NodeRow& b) { return a.id < b.id; });
  o.removed_roots = d.removed_roots.size();
  return o;
}

QColor diff_class_fill(DiffClass c, bool dark) {
  switch (c) {
    case DiffClass::Added: return dark ? QColor(0x1f, 0x6b, 0x35) : QColor(0xb7, 0xeb, 0xc4);
    case DiffClass::Changed: return dark ? QColor(0x80, 0x62, 0x10) : QColor(0xff, 0xdf, 0x86);
    case DiffClass::Removed: return dark ? QColor(0x84, 0x2a, 0x2a) : QColor(0xf6, 0xb8, 0xb8);
    case DiffClass::Unchanged: return dark ? QColor(0x3a, 0x3a, 0x3a) : QColor(0xe6, 0xe6, 0xe6);
  }
  return {};
}

QString diff_overlay_html(const DiffOverlay& o, const QString& pass_name) {
  const bool dark = false;  // the swatches only need to tell the classes apart
  auto swatch = [&](DiffClass c) {
    return QStringLiteral("<span style='background:%1'>&nbsp;&nbsp;&nbsp;&nbsp;</span> ").arg(diff_class_fill(c, dark).name());
  };
  const QString shown = o.after_side ? QObject::tr("after step %1").arg(o.step) : QObject::tr("before step %1").arg(o.step);
  const QString against = o.reference == DiffReference::PassInput ? QObject::tr("the pass input") : QObject::tr("the graph before the step");
  QString s = QObject::tr("<p>Pass <b>%1</b> %2 against %3, by structural hash.</p>").arg(pass_name.toHtmlEscaped(), shown, against);
  s += QStringLiteral("<p>%1%2 added<br>%3%4 changed<br>%5%6 unchanged<br>%7%8 removed (%9 subgraph(s))</p>")
           .arg(swatch(DiffClass::Added)).arg(o.count(DiffClass::Added))
           .arg(swatch(DiffClass::Changed)).arg(o.count(DiffClass::Changed))
           .arg(swatch(DiffClass::Unchanged)).arg(o.count(DiffClass::Unchanged))
           .arg(swatch(DiffClass::Removed)).arg(o.removed.size()).arg(o.removed_roots);
  if (o.removed.empty()) return s + QObject::tr("<p><i>Nothing of the reference is gone.</i></p>");
  // A rewrite of a big graph may drop thousands of nodes: the first ones say what went.
  constexpr size_t kMaxListed = 300;
  s += QObject::tr("<p><b>Removed</b> (not in the shown graph)</p><ul>");
  for (size_t i = 0; i < o.removed.size() && i < kMaxListed; ++i) s += QStringLiteral("<li>%1</li>").arg(node_text_form(o.removed[i]).toHtmlEscaped());
  if (o.removed.size() > kMaxListed) s += QObject::tr("<li><i>… %1 more</i></li>").arg(o.removed.size() - kMaxListed);
  return s + QStringLiteral("</ul>");
}

}  // namespace rw::viewer
