#include "viewers/op_palette.h"

#include <QApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPalette>

#include "engine/ir/ops.h"

namespace rw::viewer {

OpFamily op_family(const std::string& name) {
  std::optional<Op> op = op_from_name(name);
  if (!op) return OpFamily::Unknown;
  switch (op_group(*op)) {
    case OpGroup::Meta: return OpFamily::Meta;
    case OpGroup::Buffer: return OpFamily::Buffer;
    case OpGroup::Movement: return OpFamily::Movement;
    case OpGroup::Indexing: return OpFamily::Indexing;
    case OpGroup::Define: return OpFamily::Define;
    case OpGroup::Reduce: return OpFamily::Reduce;
    case OpGroup::Unary:
    case OpGroup::Binary:
    case OpGroup::Ternary: return OpFamily::Alu;
    case OpGroup::Memory: return OpFamily::Memory;
    case OpGroup::Control: return OpFamily::Control;
    case OpGroup::Const: return OpFamily::Const;
  }
  return OpFamily::Unknown;
}

QString family_name(OpFamily f) {
  static const char* names[] = {"meta", "buffer", "movement", "indexing", "define", "reduce", "alu", "memory", "control", "const", "unknown"};
  return QString::fromLatin1(names[int(f)]);
}

QColor family_fill(OpFamily f, bool dark) {
  // Light fills keep black text readable; dark fills keep white text readable.
  struct Pair { QRgb light, dark; };
  static const Pair fills[] = {
      {0xe0e0e0, 0x4a4a4a},  // meta
      {0xf6d7b0, 0x7a5230},  // buffer
      {0xdcc8f0, 0x5b4378},  // movement
      {0xbfe8e3, 0x2f6b64},  // indexing
      {0xcfe3f7, 0x34566f},  // define
      {0xf5c4c4, 0x7d3838},  // reduce
      {0xcdeccd, 0x3b6b3b},  // alu
      {0xf7efb0, 0x72692c},  // memory
      {0xf5cde6, 0x743d5f},  // control
      {0xeeeeee, 0x3a3a3a},  // const
      {0xffffff, 0x2a2a2a},  // unknown
  };
  return QColor::fromRgb(dark ? fills[int(f)].dark : fills[int(f)].light);
}

bool palette_is_dark() {
  QPalette p = QApplication::palette();
  return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

QFont label_font() {
  // Asked for on every node paint: look the system font up once.
  static const QFont font = [] {
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(9);
    return f;
  }();
  return font;
}

LabelMetrics measure_label_metrics() {
  QFontMetricsF fm(label_font());
  LabelMetrics m;
  m.char_width = fm.horizontalAdvance(QStringLiteral("MMMMMMMMMM")) / 10.0;
  m.line_height = fm.lineSpacing();
  m.padding = 6;
  return m;
}

}  // namespace rw::viewer
