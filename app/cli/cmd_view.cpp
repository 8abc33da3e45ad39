// rewind view FILE.rwd: the viewer window, or with --screenshot a PNG of it once the graph
// is laid out (offscreen when there is no display), for reports and CI.
#include <cstdlib>
#include <iostream>
#include <vector>

#include "app/cli/command.h"
#include "engine/trace/trace_reader.h"

#ifdef REWIND_HAVE_VIEWER
#include <QApplication>
#include <QEventLoop>
#include <QTimer>
#include <QImage>
#include <QPixmap>

#include "viewers/compare_window.h"
#include "viewers/graph_scene.h"
#include "viewers/kernel_alignment_model.h"
#include "viewers/main_window.h"
#include "viewers/trace_tree_model.h"
#endif

namespace rw::cli {
namespace {

#ifdef REWIND_HAVE_VIEWER
// Layout of a big pass can take a while; a screenshot waits for it, within reason.
constexpr int kScreenshotTimeoutMs = 180'000;

// rewind view A.rwd --compare B.rwd: the compare window instead of the main window. Its
// graphs are laid out as it opens, so a screenshot needs no waiting.
int run_compare(const ParsedArgs& args, const std::string& other, const std::optional<std::string>& screenshot) {
  if (args.has("step") || args.has("before") || args.has("bisect"))
    throw UsageError("rewind view: --compare takes --pass and --screenshot only (--step, --before and --bisect belong to the single-trace view)");
  rw::viewer::CompareWindow window;
  QString error;
  if (!window.openTraces(QString::fromStdString(args.positional[0]), std::nullopt, QString::fromStdString(other), std::nullopt, &error)) {
    std::cerr << "rewind view: cannot compare " << args.positional[0] << " with " << other << ": " << error.toStdString() << "\n";
    return 1;
  }
  if (auto p = args.get("pass"); p && !window.showPointNamed(QString::fromStdString(*p))) {
    std::cerr << "rewind view: '" << *p << "' is not a graph both runs have; choose one of:";
    for (const rw::viewer::ComparePoint& point : window.points()) std::cerr << "\n  " << point.label.toStdString();
    std::cerr << "\n";
    return 1;
  }
  window.show();
  if (!screenshot) return QApplication::exec();
  QApplication::processEvents();
  window.fitGraphs();
  QApplication::processEvents();
  if (!window.grab().save(QString::fromStdString(*screenshot))) {
    std::cerr << "rewind view: could not write " << *screenshot << "\n";
    return 1;
  }
  std::cout << "wrote " << *screenshot << ": " << window.kernelModel()->rowCount() << " kernel rows; "
            << window.summaryText().toStdString() << "\n";
  return 0;
}

int run_view(const ParsedArgs& args) {
  if (args.positional.size() != 1) throw UsageError("rewind view: expected one trace file, e.g. 'rewind view run.rwd'");
  const std::optional<std::string> screenshot = args.get("screenshot");
  const std::optional<std::string> compare = args.get("compare");
  // A bad file is reported before any window system is involved.
  for (const std::string& path : compare ? std::vector<std::string>{args.positional[0], *compare} : args.positional) {
    try {
      rw::TraceReader check(path);
    } catch (const std::exception& e) {
      std::cerr << "rewind view: " << e.what() << "\n";
      return 1;
    }
  }
  const bool has_display = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY") || std::getenv("QT_QPA_PLATFORM");
  if (screenshot && !has_display) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (!screenshot && !has_display) {
    std::cerr << "rewind view: no display (DISPLAY is not set). Use --screenshot OUT.png, or run under 'xvfb-run -a'.\n";
    return 1;
  }
  int argc = 1;
  char name[] = "rewind";
  char* argv[] = {name, nullptr};
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Rewind"));
  QApplication::setApplicationName(QStringLiteral("rewind"));

  if (compare) return run_compare(args, *compare, screenshot);

  rw::viewer::MainWindow window;
  QString error;
  if (!window.openTrace(QString::fromStdString(args.positional[0]), &error)) {
    std::cerr << "rewind view: " << error.toStdString() << "\n";
    return 1;
  }
  int64_t step = 0;
  if (auto s = args.get("step")) {
    try {
      step = std::stoll(*s);
    } catch (const std::exception&) {
      throw UsageError("rewind view: --step takes a step number, got '" + *s + "'");
    }
  }
  if (auto p = args.get("pass")) {
    if (!window.goToPassNamed(QString::fromStdString(*p), step)) {
      bool numeric = false;
      int64_t id = QString::fromStdString(*p).toLongLong(&numeric);
      if (!numeric || !window.treeModel()->passRow(id)) {
        std::cerr << "rewind view: the trace has no pass named '" << *p << "' (give a pass name or id; 'rewind report' lists them)\n";
        return 1;
      }
      window.goTo(id, step);
    }
  } else if (args.has("step")) {
    window.goTo(window.currentPass(), step);
  }

  if (args.has("before")) window.toggleSide();

  window.show();
  if (args.has("bisect")) {
    // Bisect in the background (as Ctrl+B does), then show where it points.
    QEventLoop wait;
    QObject::connect(&window, &rw::viewer::MainWindow::bisectShown, &wait, &QEventLoop::quit);
    QTimer::singleShot(kScreenshotTimeoutMs, &wait, &QEventLoop::quit);
    window.startBisect();
    wait.exec();
  }
  if (!screenshot) return app.exec();
  if (!window.waitUntilShown(kScreenshotTimeoutMs)) {
    std::cerr << "rewind view: the graph was not ready for the screenshot (layout failed or took over "
              << kScreenshotTimeoutMs / 1000 << " s)\n";
    return 1;
  }
  QApplication::processEvents();
  if (!window.grab().save(QString::fromStdString(*screenshot))) {
    std::cerr << "rewind view: could not write " << *screenshot << "\n";
    return 1;
  }
  std::cout << "wrote " << *screenshot << ": " << window.statusText().toStdString() << ", "
            << window.scene()->highlightedKeys().size() << " highlighted nodes\n";
  return 0;
}
#else
int run_view(const ParsedArgs&) {
  std::cerr << "rewind view: this rewind was built without the viewer (configure with REWIND_BUILD_APP=ON and Qt 6)\n";
  return 1;
}
#endif

}  // namespace

Command view_command() {
  return Command{
      "view",
      "open a trace in the viewer window (or render a screenshot of it)",
      "rewind view FILE.rwd [--pass P] [--step N] [--before] [--bisect] [--screenshot OUT.png]\n"
      "       rewind view A.rwd --compare B.rwd [--pass P] [--screenshot OUT.png]",
      "Shows the trace: passes and steps on the left, the graph of the current step in the middle\n"
      "(the rule's match highlighted before the step, its replacement after), the current kernel on\n"
      "the right, the rule and the diff below. Keys: Left/Right step, Home/End pass input/output,\n"
      "Up/Down pass, PgUp/PgDn kernel, B before/after, Space fit, Ctrl+F search. Ctrl+B runs\n"
      "'rewind bisect' on the shown run in the background and goes to the culprit step; a step's\n"
      "context menu re-runs the trace without it ('rewind rerun') and opens the new trace.\n\n"
      "With --compare the compare window opens instead: the two runs' kernels aligned (a kernel of A\n"
      "beside the kernel of B writing the same tensor node, times and deltas, differing rows marked\n"
      "with the scheduling decisions why), the summary, and the same graph of each run (--pass: a pass\n"
      "name both have, default rangeify) coloured by structural diff; a click selects a node and its\n"
      "counterpart. File > Compare with... opens it from the viewer.\n\n"
      "With --screenshot the window is rendered (offscreen when there is no display) once the graph\n"
      "is laid out, written as PNG, and rewind exits.",
      {
          {"pass", "", "P", "start at the pass with this name (or id)"},
          {"step", "", "N", "start at step N of the pass (0 = the pass input)"},
          {"before", "", "", "show the graph before the step (with the rule's match) instead of after it"},
          {"screenshot", "", "OUT.png", "write a PNG of the window and exit"},
          {"bisect", "", "", "run bisect first (as Ctrl+B does) and show its culprit"},
          {"compare", "", "B.rwd", "compare the trace's run with the run of B.rwd (the compare window)"},
      },
      run_view,
  };
}

}  // namespace rw::cli
