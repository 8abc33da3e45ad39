// Viewer speed targets, measured on real traces written by the SqliteTracer:
//   open:  a trace with a 1,000,000-step pass until the tree shows (target < 1 s);
//   step:  100 consecutive rewrites of a pass over a ~2,000-node graph, forward then back,
//          each from the key press until the frame is on screen, layout included (target
//          p95 < 50 ms);
//   diff overlay (D): the same 100 rewrites with the overlay on, each until the step's
//          overlay is coloured (target p95 < 100 ms), and one overlay diff alone.
// A plain program (not Google Benchmark): each figure is one interactive latency, measured
// the way a person meets it, with a QApplication on the offscreen platform.
//
//   viewer_bench [--steps N] [--nodes N] [--keep DIR]
#include <sys/resource.h>

#include <cstdlib>

#include <QApplication>
#include <QTest>
#include <QTreeView>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/ir/arena.h"
#include "engine/rewrite/graph_rewrite.h"
#include "engine/trace/sqlite_tracer.h"
#include "tests/viewers/fixture_trace.h"
#include "viewers/diff_overlay.h"
#include "viewers/graph_loader.h"
#include "viewers/graph_scene.h"
#include "viewers/layered_layout.h"
#include "viewers/op_palette.h"
#include "viewers/main_window.h"
#include "viewers/trace_tree_model.h"

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double cpu_ms() {  // this process, all threads
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (double(u.ru_utime.tv_sec) + double(u.ru_stime.tv_sec)) * 1e3 + (double(u.ru_utime.tv_usec) + double(u.ru_stime.tv_usec)) / 1e3;
}

// A pass of `steps` rewrites that count a constant up (c -> c+1): a legal trace of real,
// distinct nodes whose size is all in the step count, not in the graph.
void write_long_pass(const std::string& path, int64_t steps) {
  static const rw::RuleInfo count{"c -> c+1", "c:CONST", "bench", "tests/bench/viewer_bench.cpp", 40};
  rw::Arena a;
  rw::UOpPtr x = a.var("x", 0, 15);
  rw::UOpPtr c = a.index_const(0);
  rw::SqliteTracer t(path);
  t.begin_run({"bench", "", "", {}, "bench"});
  t.begin_pass("count", "rewrite", a.sink({x, c}));
  for (int64_t i = 0; i < steps; ++i) {
    rw::UOpPtr next = a.index_const(i + 1);
    rw::Binding bound[] = {{"c", c}};
    t.on_rewrite({&count, c, bound, next, 50});
    c = next;
  }
  t.end_pass(a.sink({x, c}), true);
  t.end_run(true);
  t.close();
}

// A random index expression of about `nodes` nodes, rich in x+0, x*1 and (x*c)*c', simplified
// by the fixture's rules in one traced pass. Deterministic (no std distributions).
void write_big_graph_pass(const std::string& path, int nodes) {
  rw::Arena a;
  std::mt19937 rng(1234);
  std::vector<rw::UOpPtr> pool = {a.var("x", 0, 15), a.var("y", 0, 7), a.var("z", 1, 9)};
  while (int(a.size()) < nodes) {
    rw::UOpPtr l = pool[pool.size() - 1 - rng() % std::min<size_t>(pool.size(), 6)];
    rw::UOpPtr r = pool[rng() % pool.size()];
    switch (rng() % 6) {
      case 0: pool.push_back(l->add(int64_t(0))); break;
      case 1: pool.push_back(l->mul(int64_t(1))); break;
      case 2: pool.push_back(l->mul(int64_t(2 + rng() % 3))->mul(int64_t(3))); break;
      case 3: pool.push_back(l->add(r)); break;
      case 4: pool.push_back(l->mul(r)->add(int64_t(1 + rng() % 5))); break;
      default: pool.push_back(l->add(int64_t(1 + rng() % 4))); break;
    }
  }
  std::vector<rw::UOpPtr> outs;
  for (size_t i = 3; i < pool.size(); i += 7) outs.push_back(pool[i]);
  outs.push_back(pool.back());
  rw::UOpPtr root = a.sink(outs);
  rw::SqliteTracer t(path);
  rw::TracerScope scope(t);
  t.begin_run({"bench", "", "", {}, "bench"});
  rw::graph_rewrite(root, rw::viewer_testing::fixture_rules(), "simplify");
  t.end_run(true);
  t.close();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines as they happen
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  int64_t long_steps = 1'000'000;
  int graph_nodes = 2000;
  std::filesystem::path dir = rw::viewer_testing::temp_dir("bench");
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--steps") long_steps = std::stoll(argv[i + 1]);
    else if (flag == "--nodes") graph_nodes = std::stoi(argv[i + 1]);
    else if (flag == "--keep") dir = argv[i + 1];
  }
  std::filesystem::create_directories(dir);

  // 1. Open a long pass.
  const std::string long_path = (dir / "long.rwd").string();
  auto t0 = Clock::now();
  write_long_pass(long_path, long_steps);
  std::printf("wrote %lld-step trace in %.0f ms (%.1f MB)\n", (long long)long_steps, ms_since(t0),
              double(std::filesystem::file_size(long_path)) / 1e6);
  {
    rw::viewer::MainWindow w;
    w.resize(1400, 900);
    w.show();
    QApplication::processEvents();
    auto open = Clock::now();
    if (!w.openTrace(QString::fromStdString(long_path))) return 1;
    QApplication::processEvents();  // the tree paints
    double tree_ms = ms_since(open);
    int rows = w.tree()->model()->rowCount();
    auto expand = Clock::now();
    w.tree()->expandAll();  // the pass's first page of steps
    QApplication::processEvents();
    double expand_ms = ms_since(expand);
    bool shown = w.waitUntilShown(120'000);
    double frame_ms = ms_since(open);
    auto jump = Clock::now();
    w.goTo(w.currentPass(), long_steps - 1);  // the far end of the pass
    shown = shown && w.waitUntilShown(120'000);
    double jump_ms = ms_since(jump);
    std::printf("open %lld-step trace: tree shown in %.1f ms (%d runs), pass expanded (first page) in %.1f ms, "
                "first graph in %.1f ms, jump to step %lld in %.1f ms%s\n",
                (long long)long_steps, tree_ms, rows, expand_ms, frame_ms, (long long)(long_steps - 1), jump_ms, shown ? "" : " (FAILED)");
  }

  // 2. Step through a big graph.
  const std::string big_path = (dir / "big.rwd").string();
  t0 = Clock::now();
  write_big_graph_pass(big_path, graph_nodes);
  std::printf("wrote big-graph trace in %.0f ms\n", ms_since(t0));
  {
    rw::TraceReader reader(big_path);
    int64_t pass = 0, steps = 0;
    for (const rw::PassRow& p : reader.passes(1))
      if (p.name == "simplify") pass = p.id, steps = p.step_count;
    size_t input_nodes = reader.graph_at(pass, 0).nodes.size();
    rw::viewer::MainWindow w;
    w.resize(1400, 900);
    w.show();
    auto open = Clock::now();
    if (!w.openTrace(QString::fromStdString(big_path))) return 1;
    if (!w.waitUntilShown(600'000)) return 1;
    double first_ms = ms_since(open);
    const rw::viewer::PassPicture& picture = *w.scene()->frame()->picture;
    rw::viewer::LayoutInput layout_in = rw::viewer::layout_input(picture.nodes, rw::viewer::measure_label_metrics(), nullptr);
    auto layout_start = Clock::now();
    if (layout_in.nodes.size() > rw::viewer::GraphLoader::kMaxGraphvizNodes) rw::viewer::layered_layout(layout_in);
    else rw::viewer::layout_graph(layout_in);
    double layout_ms = ms_since(layout_start);
    std::printf("big pass: %lld steps, %zu input nodes, %zu nodes in the picture (%zu snapshots); first frame %.0f ms, of which layout (%s) %.0f ms\n",
                (long long)steps, input_nodes, picture.nodes.size(), picture.sampled_steps.size(), first_ms,
                layout_in.nodes.size() > rw::viewer::GraphLoader::kMaxGraphvizNodes ? "layered" : "Graphviz", layout_ms);
    const int64_t start = std::max<int64_t>(0, steps / 2 - 50);
    w.goTo(pass, start);
    w.waitUntilShown(600'000);
    // 100 rewrites forward from the middle of the pass, then the same 100 back.
    for (const auto& [key_name, key] : {std::pair{"forward", Qt::Key_Right}, std::pair{"back", Qt::Key_Left}}) {
      std::vector<double> lat;
      size_t max_nodes = 0;
      const int64_t first = w.currentStep();
      const double cpu_start = cpu_ms();
      auto can_move = [&, key = key] { return key == Qt::Key_Right ? w.currentStep() < steps : w.currentStep() > 0; };
      for (int i = 0; i < 100 && can_move(); ++i) {
        auto pressed = Clock::now();
        QTest::keyClick(&w, key);
        if (!w.waitUntilShown(600'000)) return 1;
        QApplication::processEvents();  // and painted
        lat.push_back(ms_since(pressed));
        max_nodes = std::max(max_nodes, w.scene()->visibleNodeKeys().size());
      }
      const double cpu_per_step = (cpu_ms() - cpu_start) / double(lat.size());
      double load[1] = {0};
      getloadavg(load, 1);
      std::printf("stepping %s through %zu consecutive rewrites (steps %lld..%lld, up to %zu nodes shown): p50 %.1f ms, p95 %.1f ms, max %.1f ms; "
                  "CPU %.1f ms per step (both threads; wall times rise when other processes share the cores: load average %.2f on %u cores)\n",
                  key_name, lat.size(), (long long)first, (long long)w.currentStep(), max_nodes, percentile(lat, 0.5), percentile(lat, 0.95),
                  *std::max_element(lat.begin(), lat.end()), cpu_per_step, load[0], std::thread::hardware_concurrency());
    }

    // 3. The same rewrites with the diff overlay on: a step counts until its overlay is shown.
    w.goTo(pass, start);
    w.waitUntilShown(600'000);
    w.setDiffOverlay(true);
    auto overlay_of = [&](int64_t step) {
      return QTest::qWaitFor([&] { return w.diffOverlay() && w.diffOverlay()->step == step && w.diffOverlay()->pass_id == pass; }, 600'000);
    };
    if (!overlay_of(start)) return 1;
    std::vector<double> lat;
    for (int i = 0; i < 100 && w.currentStep() < steps; ++i) {
      auto pressed = Clock::now();
      QTest::keyClick(&w, Qt::Key_Right);
      if (!w.waitUntilShown(600'000) || !overlay_of(w.currentStep())) return 1;
      QApplication::processEvents();
      lat.push_back(ms_since(pressed));
    }
    const rw::viewer::GraphFrame& f = *w.scene()->frame();
    std::vector<double> alone;
    for (int i = 0; i < 20; ++i) {
      auto t = Clock::now();
      rw::viewer::DiffOverlay o = rw::viewer::diff_overlay(f.before(), f.after());
      alone.push_back(ms_since(t));
      if (o.classes.empty()) return 1;
    }
    std::printf("stepping with the diff overlay through %zu rewrites (%zu nodes shown): p50 %.1f ms, p95 %.1f ms, max %.1f ms; "
                "one overlay diff of %zu against %zu nodes: median %.2f ms\n",
                lat.size(), f.after().nodes.size(), percentile(lat, 0.5), percentile(lat, 0.95), *std::max_element(lat.begin(), lat.end()),
                f.after().nodes.size(), f.before().nodes.size(), percentile(alone, 0.5));
  }
  return 0;
}
