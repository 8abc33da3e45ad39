#include "viewers/kernel_alignment_model.h"

#include <QBrush>
#include <QColor>
#include <algorithm>

#include "viewers/compare_text.h"
#include "viewers/op_palette.h"

namespace rw::viewer {

QString pair_fusion_text(PairFusion f) {
  switch (f) {
    case PairFusion::Same: return QStringLiteral("same");
    case PairFusion::Regrouped: return QStringLiteral("regrouped");
    case PairFusion::OnlyA: return QStringLiteral("only in A");
    case PairFusion::OnlyB: return QStringLiteral("only in B");
  }
  return {};
}

KernelAlignmentModel::KernelAlignmentModel(QObject* parent) : QAbstractTableModel(parent) {}

void KernelAlignmentModel::setComparison(std::shared_ptr<const FusionComparison> c) {
  beginResetModel();
  c_ = std::move(c);
  endResetModel();
}

int KernelAlignmentModel::rowCount(const QModelIndex& parent) const { return parent.isValid() || !c_ ? 0 : int(c_->pairs.size()); }
int KernelAlignmentModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const KernelSplit* KernelAlignmentModel::split(bool side_a, std::optional<size_t> kernel) const {
  if (!kernel) return nullptr;
  for (const KernelSplit& s : c_->splits)
    if (s.side_a == side_a && s.kernel == *kernel) return &s;
  return nullptr;
}

PairFusion KernelAlignmentModel::fusion(int row) const {
  const KernelPair& p = c_->pairs[size_t(row)];
  if (!p.b) return PairFusion::OnlyA;
  if (!p.a) return PairFusion::OnlyB;
  return split(true, p.a) || split(false, p.b) ? PairFusion::Regrouped : PairFusion::Same;
}

QStringList KernelAlignmentModel::reasons(int row) const {
  const KernelPair& p = c_->pairs[size_t(row)];
  QStringList out;
  auto add = [&](const KernelSplit* s) {
    if (!s) return;
    for (const NodeDecision& d : s->why) {
      QString line = QStringLiteral("%1 %2: %3 %4")
                         .arg(d.side_a ? QStringLiteral("A") : QStringLiteral("B"), tensor_node_text(c_->nodes[d.node], d.side_a),
                              QString::fromStdString(d.decision), QString::fromStdString(d.reason));
      if (!out.contains(line)) out << line;
    }
  };
  add(split(true, p.a));
  add(split(false, p.b));
  return out;
}

QString KernelAlignmentModel::tooltip(int row) const {
  const KernelPair& p = c_->pairs[size_t(row)];
  QString tip;
  auto names = [&](const FusionSide& side, const std::vector<size_t>& ks) {
    QStringList n;
    for (size_t k : ks) n << QString::fromStdString(side.kernels[k].name);
    return n.join(QStringLiteral(", "));
  };
  for (bool side_a : {true, false}) {
    const std::optional<size_t> k = side_a ? p.a : p.b;
    if (!k) continue;
    const FusionSide &here = side_a ? c_->a : c_->b, &there = side_a ? c_->b : c_->a;
    const rw::KernelSummary& ks = here.kernels[*k];
    tip += QStringLiteral("<b>%1 %2</b>").arg(side_a ? "A" : "B", QString::fromStdString(ks.name).toHtmlEscaped());
    if (ks.has_writes) tip += QStringLiteral(" writes %1").arg(tensor_node_text(c_->nodes[ks.writes], side_a).toHtmlEscaped());
    tip += QStringLiteral(", computes %1 tensor nodes").arg(ks.computes.size());
    if (const KernelSplit* s = split(side_a, k))
      tip += QStringLiteral("; run %1 computes them in %2").arg(side_a ? "B" : "A", names(there, s->other).toHtmlEscaped());
    tip += QStringLiteral("<br>");
  }
  std::vector<const NodeDecision*> why;
  for (const KernelSplit* s : {split(true, p.a), split(false, p.b)})
    if (s)
      for (const NodeDecision& d : s->why)
        if (std::find_if(why.begin(), why.end(), [&](const NodeDecision* w) { return w->node == d.node && w->side_a == d.side_a && w->reason == d.reason; }) == why.end())
          why.push_back(&d);
  for (const NodeDecision* d : why)
    tip += QStringLiteral("%1 %2: %3 <i>%4</i> — %5<br>")
               .arg(d->side_a ? "A" : "B", tensor_node_text(c_->nodes[d->node], d->side_a).toHtmlEscaped(),
                    QString::fromStdString(d->decision).toHtmlEscaped(), QString::fromStdString(d->reason).toHtmlEscaped(),
                    QString::fromStdString(d->detail).toHtmlEscaped());
  return tip;
}

QVariant KernelAlignmentModel::data(const QModelIndex& index, int role) const {
  if (!c_ || !index.isValid() || index.row() >= rowCount()) return {};
  const int row = index.row();
  const KernelPair& p = c_->pairs[size_t(row)];
  const rw::KernelSummary* ka = p.a ? &c_->a.kernels[*p.a] : nullptr;
  const rw::KernelSummary* kb = p.b ? &c_->b.kernels[*p.b] : nullptr;
  auto min_of = [](const rw::KernelSummary* k) { return k ? k->min_us : std::nullopt; };
  auto median_of = [](const rw::KernelSummary* k) { return k ? k->median_us : std::nullopt; };
  auto name_of = [](const rw::KernelSummary* k) { return k ? QString::fromStdString(k->name) : QString(); };
  const bool differs = fusion(row) != PairFusion::Same;
  if (role == DiffersRole) return differs;
  if (role == SortRole) {
    auto number = [](std::optional<double> v) { return v ? QVariant(*v) : QVariant(); };
    switch (index.column()) {
      case MinA: return number(min_of(ka));
      case MedianA: return number(median_of(ka));
      case MinB: return number(min_of(kb));
      case MedianB: return number(median_of(kb));
      case MinDelta: return number(p.min_delta_us);
      case MedianDelta: return number(p.median_delta_us);
      default: return data(index, Qt::DisplayRole);
    }
  }
  if (role == Qt::ToolTipRole) return tooltip(row);
  if (role == Qt::BackgroundRole && differs) {
    QColor c = HighlightColors::matched();
    c.setAlpha(palette_is_dark() ? 70 : 45);
    return QBrush(c);
  }
  if (role == Qt::ForegroundRole && (index.column() == MinDelta || index.column() == MedianDelta)) {
    const std::optional<double> d = index.column() == MinDelta ? p.min_delta_us : p.median_delta_us;
    if (d && *d != 0) return QBrush(*d > 0 ? QColor(0xc0, 0x30, 0x30) : QColor(0x1a, 0x7f, 0x37));  // B slower / faster
  }
  if (role == Qt::TextAlignmentRole) {
    const int c = index.column();
    const bool text = c == KernelA || c == KernelB || c == Fusion || c == Why;
    return int((text ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case KernelA: return name_of(ka);
    case MinA: return micros_text(min_of(ka));
    case MedianA: return micros_text(median_of(ka));
    case KernelB: return name_of(kb);
    case MinB: return micros_text(min_of(kb));
    case MedianB: return micros_text(median_of(kb));
    case MinDelta: return delta_text(p.min_delta_us);
    case MedianDelta: return delta_text(p.median_delta_us);
    case Fusion: return pair_fusion_text(fusion(row));
    case Why: return reasons(row).join(QStringLiteral("; "));
    default: return {};
  }
}

QVariant KernelAlignmentModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Kernel A", "A min µs", "A median µs", "Kernel B", "B min µs", "B median µs",
                                "Δ min µs",  "Δ median µs", "Fusion", "Why (scheduling decisions)"};
  return section >= 0 && section < ColumnCount ? QString::fromUtf8(names[section]) : QVariant();
}

}  // namespace rw::viewer
