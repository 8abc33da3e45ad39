// The main window's node inspection: a clicked node's history with links to its steps, node
// queries from the search box, the structural-diff overlay (D) and "why didn't a rule fire
// here?" from a node's context menu.
#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTextBrowser>
#include <algorithm>

#include "engine/inspect/node_history.h"
#include "engine/inspect/node_search.h"
#include "engine/inspect/run_steps.h"
#include "viewers/diff_overlay_runner.h"
#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"
#include "viewers/main_window.h"
#include "viewers/node_provenance.h"
#include "viewers/node_query_text.h"
#include "viewers/node_search_panel.h"
#include "viewers/op_palette.h"
#include "viewers/rule_panel.h"
#include "viewers/trace_tree_model.h"
#include "viewers/why_panel.h"

namespace rw::viewer {

void MainWindow::buildInspect() {
  diff_reference_ = DiffReference::PassInput;
  auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(area, d);
    d->hide();  // until used
    return d;
  };
  search_panel_ = new NodeSearchPanel;
  search_dock_ = dock(tr("Found nodes"), QStringLiteral("found nodes dock"), search_panel_, Qt::LeftDockWidgetArea);
  connect(search_panel_, &NodeSearchPanel::nodeChosen, this, [this](qint64 id) { showNodeAt(id); });

  diff_panel_ = new QTextBrowser;
  diff_panel_->setPlaceholderText(tr("Press D to colour the graph by its difference from the pass input."));
  diff_dock_ = dock(tr("Diff overlay"), QStringLiteral("diff overlay dock"), diff_panel_, Qt::RightDockWidgetArea);
  diff_runner_ = new DiffOverlayRunner(this);
  connect(diff_runner_, &DiffOverlayRunner::ready, this, [this](std::shared_ptr<const DiffOverlay> o) {
    // A late answer for a step already left: the request for the current one follows.
    const bool after = scene_->side() == FrameSide::After;
    if (!diff_on_ || !frame_ || o->pass_id != frame_->pass_id || o->step != frame_->step || o->after_side != after) return;
    diff_overlay_ = o;
    std::unordered_map<int64_t, QColor> fills;
    const bool dark = palette_is_dark();
    for (const auto& [key, cls] : o->classes) fills[key] = diff_class_fill(cls, dark);
    scene_->setOverlayFills(std::move(fills));
    diff_panel_->setHtml(diff_overlay_html(*o, QString::fromStdString(frame_->pass_name)));
    emit diffOverlayShown();
  });

  why_panel_ = new WhyPanel;
  why_dock_ = dock(tr("Why didn't a rule fire?"), QStringLiteral("why dock"), why_panel_, Qt::RightDockWidgetArea);
  tabifyDockWidget(diff_dock_, why_dock_);
  why_command_ = new WhyCommand(this);
  connect(why_command_, &WhyCommand::resultReady, this, [this](const WhyNotResult& r) {
    why_panel_->showResult(r);
    emit whyShown();
  });
  connect(why_command_, &WhyCommand::failed, this, [this](const QString& message) {
    why_panel_->showError(message);
    emit whyShown();
  });

  QMenu* inspect = menuBar()->addMenu(tr("&Inspect"));
  diff_action_ = inspect->addAction(tr("&Diff against pass input"));
  diff_action_->setCheckable(true);
  diff_action_->setShortcut(Qt::Key_D);
  diff_action_->setShortcutContext(Qt::WindowShortcut);
  connect(diff_action_, &QAction::toggled, this, [this](bool on) {
    if (on) setDiffReference(DiffReference::PassInput);
    setDiffOverlay(on || diff_step_action_->isChecked());
  });
  diff_step_action_ = inspect->addAction(tr("Diff against the graph &before the step"));
  diff_step_action_->setCheckable(true);
  diff_step_action_->setShortcut(Qt::SHIFT | Qt::Key_D);
  diff_step_action_->setShortcutContext(Qt::WindowShortcut);
  connect(diff_step_action_, &QAction::toggled, this, [this](bool on) {
    if (on) setDiffReference(DiffReference::StepBefore);
    setDiffOverlay(on || diff_action_->isChecked());
  });
  inspect->addSeparator();
  inspect->addAction(search_dock_->toggleViewAction());
  inspect->addAction(diff_dock_->toggleViewAction());
  inspect->addAction(why_dock_->toggleViewAction());

  connect(rule_panel_, &RulePanel::stepLinkActivated, this, [this](qint64 pass, qint64 step) {
    // The node stays selected: it is in the graph before or after the step linked to.
    pending_node_ = selected_node_;
    goTo(pass, step);
    if (!framePending()) applyPendingNode();
  });
  scene_->setObjectName(QStringLiteral("graph scene"));
  connect(scene_, &GraphScene::nodeContextMenuRequested, this, [this](int64_t key, QPoint pos) {
    QMenu* menu = nodeContextMenu(key);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(pos);
  });
}

void MainWindow::resetInspection() {
  run_steps_.reset();
  selected_node_.reset();
  pending_node_.reset();
  input_graph_ = {0, nullptr};
  diff_overlay_.reset();
  diff_runner_->cancel();
  scene_->setOverlayFills({});
}

void MainWindow::selectNode(int64_t key) {
  const FrameGraph* g = scene_->shownGraph();
  if (!g) return;
  selected_node_ = key;
  scene_->markNodes({key});
  QString history;
  if (key >= 0 && reader_) {
    // Synthesized nodes (negative keys) were rebuilt for one snapshot: the trace has no history for them.
    try {
      if (!run_steps_) run_steps_ = std::make_shared<const RunSteps>(load_run_steps(*reader_, run_id_));
      history = node_provenance_html(node_history(*reader_, *run_steps_, key));
    } catch (const std::exception& e) {
      history = tr("<p><i>No history: %1</i></p>").arg(QString::fromStdString(e.what()).toHtmlEscaped());
    }
  }
  rule_panel_->showNode(*g, key, history);
}

bool MainWindow::findNodes(const QString& text) {
  if (!reader_) return false;
  search_dock_->show();
  search_dock_->raise();
  QString error;
  std::optional<NodeQuery> query = parse_node_query(text, &error);
  if (query) {
    // The table lists what a person reads through; the count says how many there are.
    constexpr size_t kMaxListed = 1000;
    query->limit = kMaxListed;
    try {
      search_panel_->showResult(text.trimmed(), find_nodes(*reader_, run_id_, *query));
      search(search_->text());  // mark the found nodes the shown graph holds
      return true;
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
  }
  search_panel_->showError(error);
  statusBar()->showMessage(error, 10000);
  return false;
}

bool MainWindow::showNodeAt(int64_t node_id) {
  if (!reader_ || !tree_model_) return false;
  std::optional<StepPlace> home;
  try {
    if (!run_steps_) run_steps_ = std::make_shared<const RunSteps>(load_run_steps(*reader_, run_id_));
    home = node_home(node_history(*reader_, *run_steps_, node_id), [this](int64_t pass) {
      const PassRow* p = tree_model_->passRow(pass);
      return p ? p->step_count : 0;
    });
  } catch (const std::exception& e) {
    statusBar()->showMessage(QString::fromStdString(e.what()), 10000);
    return false;
  }
  if (!home || !tree_model_->passRow(home->pass_id)) {
    statusBar()->showMessage(tr("Node #%1 is in no pass graph of run %2: nowhere to show it.").arg(node_id).arg(run_id_), 10000);
    return false;
  }
  pending_node_ = node_id;
  if (scene_->side() != FrameSide::After) toggleSide();
  goTo(home->pass_id, home->step);
  if (!framePending()) applyPendingNode();
  return true;
}

void MainWindow::applyPendingNode() {
  if (!pending_node_ || !frame_) return;
  const int64_t key = *pending_node_;
  pending_node_.reset();
  // A step that removed the node shows it before the step only.
  if (!frame_->after().contains(key) && frame_->before().contains(key) && scene_->side() == FrameSide::After) toggleSide();
  const FrameGraph* g = scene_->shownGraph();
  if (!g || !g->contains(key)) return;
  selectNode(key);
  view_->centerOnNode(key);
}

void MainWindow::setDiffReference(DiffReference reference) {
  diff_reference_ = reference;
  // The two references are alternatives: checking one unchecks the other.
  const QSignalBlocker block_a(diff_action_), block_b(diff_step_action_);
  diff_action_->setChecked(diff_on_ && reference == DiffReference::PassInput);
  diff_step_action_->setChecked(diff_on_ && reference == DiffReference::StepBefore);
  if (diff_on_) requestDiffOverlay();
}

void MainWindow::setDiffOverlay(bool on) {
  diff_on_ = on;
  {
    const QSignalBlocker block_a(diff_action_), block_b(diff_step_action_);
    diff_action_->setChecked(on && diff_reference_ == DiffReference::PassInput);
    diff_step_action_->setChecked(on && diff_reference_ == DiffReference::StepBefore);
  }
  if (!on) {
    diff_runner_->cancel();
    diff_overlay_.reset();
    scene_->setOverlayFills({});
    diff_panel_->clear();
    diff_dock_->hide();
    return;
  }
  diff_dock_->show();
  diff_dock_->raise();
  requestDiffOverlay();
}

std::shared_ptr<const FrameGraph> MainWindow::passInputGraph(int64_t pass_id) {
  if (input_graph_.second && input_graph_.first == pass_id) return input_graph_.second;
  if (frame_ && frame_->pass_id == pass_id && frame_->step == 0) {
    input_graph_ = {pass_id, frame_->before_graph};
  } else {
    StableKeys keys;
    input_graph_ = {pass_id, std::make_shared<const FrameGraph>(keys.normalize(reader_->graph_at(pass_id, 0)))};
  }
  return input_graph_.second;
}

void MainWindow::requestDiffOverlay() {
  if (!diff_on_ || !frame_ || !reader_) return;
  if (frame_->picture && frame_->picture->too_big_nodes) {
    diff_panel_->setHtml(tr("<i>The graph is too big to draw (%1 nodes), so there is nothing to colour.</i>").arg(frame_->picture->too_big_nodes));
    return;
  }
  const bool after = scene_->side() == FrameSide::After;
  DiffOverlay base;
  base.pass_id = frame_->pass_id;
  base.step = frame_->step;
  base.after_side = after;
  // Before the step, "the graph before the step" is the shown graph itself: compare with the input.
  base.reference = after ? diff_reference_ : DiffReference::PassInput;
  std::shared_ptr<const FrameGraph> reference;
  try {
    reference = base.reference == DiffReference::StepBefore ? frame_->before_graph : passInputGraph(frame_->pass_id);
  } catch (const std::exception& e) {
    diff_panel_->setHtml(tr("<i>Could not read the pass input: %1</i>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    return;
  }
  diff_runner_->request(base, reference, after ? frame_->after_graph : frame_->before_graph);
}

QMenu* MainWindow::nodeContextMenu(int64_t key) {
  auto* menu = new QMenu(this);
  QAction* why = menu->addAction(tr("Why didn't a rule fire here?"), this, [this, key] { askWhy(key); });
  why->setEnabled(key >= 0 && reader_ != nullptr);
  if (key < 0) why->setToolTip(tr("This node was rebuilt for this snapshot; the trace stores no node like it."));
  menu->addAction(tr("Show details and history"), this, [this, key] { selectNode(key); });
  return menu;
}

void MainWindow::askWhy(int64_t key) {
  if (!reader_ || !frame_) return;
  if (key < 0) {
    why_panel_->showError(tr("Node %1 was rebuilt for this snapshot: the trace stores no node like it, so `rewind why` cannot find it. Ask about a node with a # id.").arg(node_id_text(key)));
    emit whyShown();
    return;
  }
  WhyQuestion q;
  q.trace = QFileInfo(path_).absoluteFilePath();
  q.run = run_id_;
  q.pass_id = frame_->pass_id;
  // Before the step, the shown graph is the one after the previous step.
  q.step = scene_->side() == FrameSide::After ? frame_->step : std::max<int64_t>(frame_->step - 1, 0);
  q.node_id = key;
  why_dock_->show();
  why_dock_->raise();
  why_panel_->showAsking(q);
  why_command_->start(command_executable_, q);
}

}  // namespace rw::viewer
