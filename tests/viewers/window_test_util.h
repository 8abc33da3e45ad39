// A main window on a fresh fixture trace, shown offscreen, with the reader the tests use to
// compute what the window should show independently of it.
#pragma once
#include <gtest/gtest.h>

#include <QTest>
#include <memory>
#include <set>

#include "tests/viewers/fixture_trace.h"
#include "viewers/graph_scene.h"
#include "viewers/main_window.h"

namespace rw::viewer::testing {

constexpr int kFrameTimeoutMs = 30'000;

struct WindowFixture {
  explicit WindowFixture(const std::string& name) {
    path = (viewer_testing::temp_dir(name) / "fixture.rwd").string();
    viewer_testing::write_fixture_trace(path);
    reader = std::make_unique<TraceReader>(path);
    for (const PassRow& p : reader->passes(1))
      if (p.name == "simplify") simplify = p.id;
    window = std::make_unique<MainWindow>();
    window->resize(1400, 900);
    window->show();
    QString error;
    EXPECT_TRUE(window->openTrace(QString::fromStdString(path), &error)) << error.toStdString();
    EXPECT_TRUE(window->waitUntilShown(kFrameTimeoutMs));
  }
  void key(int k, Qt::KeyboardModifiers mods = Qt::NoModifier) {
    QTest::keyClick(window.get(), Qt::Key(k), mods);
    ASSERT_TRUE(window->waitUntilShown(kFrameTimeoutMs));
  }
  // Node ids of a snapshot that the trace stored (synthesized ones are negative).
  std::set<int64_t> stored_ids(int64_t step) {
    std::set<int64_t> ids;
    for (const NodeRow& n : reader->graph_at(simplify, step).nodes)
      if (n.id >= 0) ids.insert(n.id);
    return ids;
  }
  std::set<int64_t> visible_stored() {
    std::set<int64_t> ids;
    for (int64_t k : window->scene()->visibleNodeKeys())
      if (k >= 0) ids.insert(k);
    return ids;
  }
  std::string path;
  std::unique_ptr<TraceReader> reader;
  int64_t simplify = 0;
  std::unique_ptr<MainWindow> window;
};

}  // namespace rw::viewer::testing
