// The panes on their own: highlighting, the timing chart, palettes, settings.
#include <gtest/gtest.h>

#include <QApplication>
#include <QMenuBar>
#include <QPalette>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include "tests/viewers/window_test_util.h"
#include "viewers/graph_items.h"
#include "viewers/kernel_panel.h"
#include "viewers/source_highlighter.h"
#include "viewers/timing_chart.h"

namespace rw::viewer {
namespace {

// The formats the highlighter put on a line: (start, length, colour) triples.
std::vector<std::tuple<int, int, QString>> formats_of(QTextDocument& doc, int line) {
  std::vector<std::tuple<int, int, QString>> out;
  for (const QTextLayout::FormatRange& r : doc.findBlockByNumber(line).layout()->formats())
    out.emplace_back(r.start, r.length, r.format.foreground().color().name());
  return out;
}

bool has_format_at(QTextDocument& doc, int line, int column) {
  for (auto& [start, length, color] : formats_of(doc, line))
    if (column >= start && column < start + length) return true;
  return false;
}

TEST(SourceHighlighter, MarksKeywordsNumbersAndCommentsPerLanguage) {
  QTextDocument c;
  SourceHighlighter hc(&c, SourceLanguage::C, false);
  c.setPlainText("for (int i = 0; i < 16; i++) {\n  x = y; /* a\n  b */ z = 2.0f;\n}");
  hc.rehighlight();
  EXPECT_TRUE(has_format_at(c, 0, 0));   // for
  EXPECT_TRUE(has_format_at(c, 0, 5));   // int
  EXPECT_TRUE(has_format_at(c, 0, 20));  // 16
  EXPECT_FALSE(has_format_at(c, 0, 9));  // i: a plain name
  EXPECT_TRUE(has_format_at(c, 2, 2));   // inside the block comment that started on line 1
  EXPECT_TRUE(has_format_at(c, 2, 13)); // 2.0f after the comment ended
  EXPECT_FALSE(has_format_at(c, 2, 8)); // z

  QTextDocument ir;
  SourceHighlighter hi(&ir, SourceLanguage::LlvmIr, false);
  ir.setPlainText("define void @k(ptr %a) { ; entry\n  ret void\n}");
  hi.rehighlight();
  EXPECT_TRUE(has_format_at(ir, 0, 0));   // define
  EXPECT_TRUE(has_format_at(ir, 0, 12));  // @k
  EXPECT_TRUE(has_format_at(ir, 0, 19));  // %a
  EXPECT_TRUE(has_format_at(ir, 0, 26));  // ; entry

  QTextDocument lin;
  SourceHighlighter hl(&lin, SourceLanguage::LinearUops, false);
  lin.setPlainText("r1 = RANGE 16");
  hl.rehighlight();
  EXPECT_TRUE(has_format_at(lin, 0, 0));  // r1
  EXPECT_TRUE(has_format_at(lin, 0, 5));  // RANGE
  EXPECT_FALSE(has_format_at(lin, 0, 3)); // =
}

TEST(TimingChart, DrawsTimedKernelsAndReportsClicks) {
  std::vector<KernelSummary> kernels(3);
  kernels[0].kernel.name = "a";
  kernels[0].timing = TimingRow{0, 0, "a", 5, 1.0, 2.0};
  kernels[1].kernel.name = "untimed";
  kernels[2].kernel.name = "c";
  kernels[2].timing = TimingRow{0, 0, "c", 5, 3.0, 4.0};
  TimingChart chart;
  chart.resize(400, 200);
  chart.setKernels(kernels);
  EXPECT_EQ(chart.barCount(), 2);
  int clicked = -1;
  QObject::connect(&chart, &TimingChart::kernelClicked, [&](int i) { clicked = i; });
  chart.show();
  QTest::mouseClick(&chart, Qt::LeftButton, Qt::NoModifier, QPoint(200, 24 + 20 + 10));  // second bar
  EXPECT_EQ(clicked, 2);  // the kernel's index, not the bar's
  QImage image = chart.grab().toImage();
  EXPECT_FALSE(image.isNull());
}

TEST(Palette, DarkPaletteGivesDarkNodeFills) {
  NodeRow n;
  n.id = 1;
  n.op = "ADD";
  n.dtype = "index";
  const QPalette saved = QApplication::palette();
  QPalette dark = saved;
  dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
  dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
  QApplication::setPalette(dark);
  EXPECT_TRUE(palette_is_dark());
  NodeItem on_dark(n, QRectF(0, 0, 80, 30), palette_is_dark());
  QApplication::setPalette(saved);
  EXPECT_FALSE(palette_is_dark());
  NodeItem on_light(n, QRectF(0, 0, 80, 30), palette_is_dark());
  EXPECT_LT(on_dark.fill().lightness(), 128);
  EXPECT_GT(on_light.fill().lightness(), 128);
  EXPECT_EQ(on_light.family(), OpFamily::Alu);
  EXPECT_EQ(op_family("RESHAPE"), OpFamily::Movement);
  EXPECT_EQ(op_family("CONST"), OpFamily::Const);
  EXPECT_EQ(op_family("NOT_AN_OP"), OpFamily::Unknown);
}

TEST(Palette, WindowRestylesTheGraphWhenThePaletteChanges) {
  testing::WindowFixture f("restyle");
  MainWindow& w = *f.window;
  NodeItem* before = w.scene()->nodeItem(0);
  ASSERT_TRUE(before);
  EXPECT_GT(before->fill().lightness(), 128);
  const QPalette saved = QApplication::palette();
  QPalette dark = saved;
  dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
  dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
  QApplication::setPalette(dark);
  QApplication::processEvents();
  NodeItem* after = w.scene()->nodeItem(0);
  ASSERT_TRUE(after && after->isVisible());
  EXPECT_LT(after->fill().lightness(), 128);
  EXPECT_EQ(w.scene()->visibleNodeKeys().size(), f.reader->graph_at(f.simplify, 0).nodes.size());
  QApplication::setPalette(saved);
}

TEST(Settings, RecentFilesAreRemembered) {
  QSettings().remove("recentFiles");
  testing::WindowFixture f("recent");
  // Look for ours, not for a position: the list is the window's, whatever else it holds.
  const QString ours = QFileInfo(QString::fromStdString(f.path)).absoluteFilePath();
  EXPECT_TRUE(QSettings().value("recentFiles").toStringList().contains(ours));
  // Opening it again keeps one entry.
  ASSERT_TRUE(f.window->openTrace(QString::fromStdString(f.path)));
  EXPECT_EQ(QSettings().value("recentFiles").toStringList().count(ours), 1);
  f.window->close();
  EXPECT_FALSE(QSettings().value("window/geometry").toByteArray().isEmpty());
}

}  // namespace
}  // namespace rw::viewer
