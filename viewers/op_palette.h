// Node colours by op family, one set for light and one for dark palettes, and the label
// font with its measured metrics.
#pragma once
#include <QColor>
#include <QFont>
#include <QString>

#include "viewers/node_label.h"

namespace rw::viewer {

enum class OpFamily { Meta, Buffer, Movement, Indexing, Define, Reduce, Alu, Memory, Control, Const, Unknown };

OpFamily op_family(const std::string& op_name);
QString family_name(OpFamily f);
QColor family_fill(OpFamily f, bool dark);
// True when the application palette is dark (window colour darker than its text).
bool palette_is_dark();

struct HighlightColors {
  static QColor matched() { return QColor(0xff, 0x8c, 0x00); }      // the rule's match, before the step
  static QColor replacement() { return QColor(0x1f, 0xa8, 0x4f); }  // what the step built
  static QColor selected() { return QColor(0x2f, 0x6f, 0xeb); }
  // Diff classes against another graph: like the step's match (went) and replacement (came).
  static QColor changed() { return QColor(0xff, 0x8c, 0x00); }
  static QColor removed() { return QColor(0xd0, 0x30, 0x30); }
  static QColor added() { return replacement(); }
};

QFont label_font();
LabelMetrics measure_label_metrics();  // UI thread only (fonts)

}  // namespace rw::viewer
