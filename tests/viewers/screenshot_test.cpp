// Screenshots and exports of the window: the picture is written, and what it shows (nodes,
// highlights, kernel) is asserted from the scene and the exported files, not from pixels.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <set>

#include "tests/viewers/window_test_util.h"
#include "viewers/graph_view.h"
#include "viewers/kernel_panel.h"

namespace rw::viewer {
namespace {

using testing::WindowFixture;

QString read_all(const std::string& path) {
  QFile f(QString::fromStdString(path));
  EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path;
  return QString::fromUtf8(f.readAll());
}

TEST(Screenshot, WindowGrabShowsTheStepWithItsHighlights) {
  WindowFixture f("screenshot");
  MainWindow& w = *f.window;
  ASSERT_TRUE(w.goToPassNamed("simplify", 3));
  ASSERT_TRUE(w.waitUntilShown(testing::kFrameTimeoutMs));
  w.fitGraph();
  std::string png = (viewer_testing::temp_dir("screenshot-out") / "window.png").string();
  ASSERT_TRUE(w.grab().save(QString::fromStdString(png)));
  QImage image(QString::fromStdString(png));
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.size(), w.size() * w.devicePixelRatio());
  // What the picture shows: step 3, (x*c)//c -> x, with x (#0) as the replacement.
  StepRow s3 = *f.reader->step(f.simplify, 3);
  EXPECT_EQ(s3.rule_text, "(x*c)//c -> x");
  EXPECT_EQ(f.visible_stored(), f.stored_ids(3));
  std::vector<int64_t> lit = w.scene()->highlightedKeys();
  EXPECT_NE(std::find(lit.begin(), lit.end(), s3.replacement), lit.end());
  EXPECT_EQ(w.scene()->nodeItem(s3.replacement)->highlight(), Highlight::Replacement);
  EXPECT_TRUE(w.kernelPanel()->shownText(KernelPanel::CTab).contains("E_16_8"));
  // The highlighted node's border is drawn in the replacement colour somewhere in the image.
  QPoint border = w.graphView()->mapFromScene(w.scene()->nodeItem(s3.replacement)->box().topLeft() + QPointF(20, 0));
  QPoint in_window = w.graphView()->viewport()->mapTo(&w, border) * w.devicePixelRatio();
  bool found = false;
  for (int dy = -3; dy <= 3 && !found; ++dy) {
    QColor c = image.pixelColor(in_window + QPoint(0, dy));
    found = std::abs(c.green() - HighlightColors::replacement().green()) < 40 && c.red() < 100;
  }
  EXPECT_TRUE(found) << "no replacement-coloured border at " << in_window.x() << "," << in_window.y();
}

TEST(Export, SvgDotAndPngMatchTheScene) {
  WindowFixture f("export");
  MainWindow& w = *f.window;
  f.key(Qt::Key_Right);
  auto dir = viewer_testing::temp_dir("export-out");
  const std::string svg = (dir / "g.svg").string(), dot = (dir / "g.dot").string(), png = (dir / "g.png").string();
  ASSERT_EQ(w.exportGraph(QString::fromStdString(svg)), "");
  ASSERT_EQ(w.exportGraph(QString::fromStdString(dot)), "");
  ASSERT_EQ(w.exportGraph(QString::fromStdString(png)), "");
  EXPECT_NE(w.exportGraph(QString::fromStdString((dir / "g.bmpx").string())), "");

  const QString s = read_all(svg);
  const size_t nodes = w.scene()->visibleNodeKeys().size();
  ASSERT_EQ(nodes, w.scene()->shownGraph()->nodes.size());
  // Shared leaves are drawn once per user: count distinct nodes.
  std::set<QString> drawn, lit;
  for (auto it = QRegularExpression("<g class=\"node\" id=\"[^\"]+\" data-node=\"(-?\\d+)\"( data-highlighted)?").globalMatch(s); it.hasNext();) {
    auto m = it.next();
    drawn.insert(m.captured(1));
    if (!m.captured(2).isEmpty()) lit.insert(m.captured(1));
  }
  EXPECT_EQ(drawn.size(), nodes);
  EXPECT_EQ(lit.size(), w.scene()->highlightedKeys().size());
  EXPECT_EQ(s.count("class=\"edge\""), w.scene()->visibleEdgeCount());
  EXPECT_TRUE(s.contains("data-node=\"0\""));

  const QString d = read_all(dot);
  EXPECT_TRUE(d.startsWith("digraph rewind {"));
  EXPECT_EQ(size_t(d.count(QRegularExpression("^  n-?\\d+ \\[label=", QRegularExpression::MultilineOption))), nodes);
  EXPECT_EQ(size_t(d.count("penwidth=3")), w.scene()->highlightedKeys().size());

  QImage image(QString::fromStdString(png));
  ASSERT_FALSE(image.isNull());
  EXPECT_GT(image.width(), 100);
}

TEST(Export, TimingsAsChromeTraceJson) {
  WindowFixture f("chrome");
  std::string path = (viewer_testing::temp_dir("chrome-out") / "t.json").string();
  ASSERT_EQ(f.window->exportTimings(QString::fromStdString(path)), "");
  QJsonDocument doc = QJsonDocument::fromJson(read_all(path).toUtf8());
  ASSERT_TRUE(doc.isObject());
  QJsonArray events = doc.object()["traceEvents"].toArray();
  std::vector<QJsonObject> kernels;
  for (const QJsonValue& e : events)
    if (e.toObject()["ph"].toString() == "X") kernels.push_back(e.toObject());
  ASSERT_EQ(kernels.size(), 2u);
  EXPECT_EQ(kernels[0]["name"].toString(), "E_16_8");
  EXPECT_DOUBLE_EQ(kernels[0]["dur"].toDouble(), 2.5);
  EXPECT_DOUBLE_EQ(kernels[1]["ts"].toDouble(), 2.5);  // end to end
  EXPECT_EQ(kernels[1]["args"].toObject()["check"].toString(), "fail");
  EXPECT_NEAR(kernels[0]["args"].toObject()["gflops"].toDouble(), 1.024, 1e-9);
}

}  // namespace
}  // namespace rw::viewer
