// The Rewind main window: the trace tree (with a filter), rules and kernels on the left, the
// graph in the middle, the current kernel on the right, the rule, diff and node details
// below. Keyboard: ←/→ rewrite, Home/End pass input/output, ↑/↓ pass, PgUp/PgDn kernel,
// Space fit, B before/after, Ctrl+F search, Ctrl+O open, Ctrl+B bisect, D diff overlay. A step's
// context menu re-runs the trace without it; a node's asks why no rule fired on it. Lives in
// the viewer library so tests drive it directly.
#pragma once
#include <QMainWindow>
#include <memory>
#include <optional>
#include <vector>

#include "engine/trace/trace_reader.h"
#include "viewers/graph_frame.h"

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QCheckBox;
class QTableView;
class QTabWidget;
class QTreeView;
class QSplitter;
class QMenu;
class QTimer;
class QModelIndex;
class QDockWidget;
class QTextBrowser;

namespace rw {
struct RunSteps;
}

namespace rw::viewer {

class BisectAction;
class DiffOverlayRunner;
struct DiffOverlay;
enum class DiffReference;
class NodeSearchPanel;
class WhyCommand;
class WhyPanel;
struct WhyQuestion;
class BisectBanner;
struct BisectResult;
class CommandProgressBar;
class RerunCommand;
struct RerunChange;
class GraphLoadController;
class GraphScene;
class GraphView;
class KernelPanel;
class KernelsModel;
class RulePanel;
class RulesModel;
class TraceFilterProxy;
class TraceTreeModel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a trace and shows its first pass. On failure returns false with the reader's
  // message in *error (or shows it in a dialog when error is null); the window stays usable.
  bool openTrace(const QString& path, QString* error = nullptr);
  void goTo(int64_t pass_id, int64_t step);
  // Reloads the trace if another process committed to it since the last look (a live run),
  // keeping the current pass and step. Called every second; returns whether it reloaded.
  bool followChanges();
  bool goToPassNamed(const QString& name, int64_t step);

  void nextStep();
  void previousStep();
  void firstStep();
  void lastStep();
  void nextPass();
  void previousPass();
  void nextKernel();
  void previousKernel();
  void toggleSide();
  void fitGraph();
  // Marks nodes of the shown graph whose op, arg or id matches; returns the hits.
  std::vector<int64_t> search(const QString& text);
  QString exportGraph(const QString& path);    // error message, empty on success
  QString exportTimings(const QString& path);  // Chrome trace JSON

  int64_t currentPass() const { return pass_id_; }
  int64_t currentStep() const { return step_; }
  bool framePending() const;  // a requested frame has not been shown yet
  // Runs the event loop until the current step's frame is shown (true) or loading failed or
  // timed out (false). For screenshots and tests; the window itself never waits.
  bool waitUntilShown(int timeout_ms);
  GraphScene* scene() const { return scene_; }
  GraphView* graphView() const { return view_; }
  KernelPanel* kernelPanel() const { return kernels_; }
  RulePanel* rulePanel() const { return rule_panel_; }
  QTreeView* tree() const { return tree_; }
  TraceTreeModel* treeModel() const { return tree_model_.get(); }
  QLineEdit* filterBox() const { return filter_; }
  QString statusText() const;

  // The `rewind` executable that runs bisect and rerun (the application itself by default;
  // tests substitute a script).
  void setCommandExecutable(const QString& path) { command_executable_ = path; }
  const QString& commandExecutable() const { return command_executable_; }
  void startBisect();
  BisectAction* bisectAction() const { return bisect_; }
  BisectBanner* bisectBanner() const { return bisect_banner_; }
  CommandProgressBar* bisectProgress() const { return bisect_progress_; }
  CommandProgressBar* rerunProgress() const { return rerun_progress_; }
  RerunCommand* rerunCommand() const { return rerun_; }
  // The context menu of a tree row (an index of the tree model): re-run actions for a step,
  // nullptr for other rows. The caller owns the menu.
  QMenu* stepContextMenu(const QModelIndex& source);

  // Node inspection (main_window_inspect.cpp).
  // Shows a node of the shown graph in the details pane, with its history, and marks it.
  void selectNode(int64_t key);
  std::optional<int64_t> selectedNode() const { return selected_node_; }
  // Runs a node query ("op:ADD arg:3 rule:fold kernel:r_6_10") over the run; the results go to
  // the search panel. Returns false when the query is malformed or the trace refuses it.
  bool findNodes(const QString& query);
  // Goes to the step where a stored node first exists and selects it; false when none does.
  bool showNodeAt(int64_t node_id);
  void setDiffOverlay(bool on);
  void setDiffReference(DiffReference reference);
  bool diffOverlayOn() const { return diff_on_; }
  // The overlay on screen (null when off or not computed yet).
  std::shared_ptr<const DiffOverlay> diffOverlay() const { return diff_overlay_; }
  // The context menu of a graph node: why no rule fired on it. The caller owns the menu.
  QMenu* nodeContextMenu(int64_t key);
  void askWhy(int64_t key);
  NodeSearchPanel* searchPanel() const { return search_panel_; }
  WhyPanel* whyPanel() const { return why_panel_; }
  QTextBrowser* diffPanel() const { return diff_panel_; }

 signals:
  void frameShown();
  void frameFailed(QString message);
  void bisectShown();           // a result or an error is in the banner
  void rerunOpened(rw::viewer::MainWindow* window);
  void rerunFailed(QString message);
  void diffOverlayShown();
  void whyShown();  // an answer or an error is in the why panel

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void buildUi();
  void buildActions();
  void showFrame(std::shared_ptr<const GraphFrame> frame);
  void onTreeCurrentChanged(const QModelIndex& current);
  void selectTreeRow();
  void setRun(int64_t run_id);
  void selectKernelForPass(int64_t pass_id);
  void updateRuleStats();  // the Rules tab's statistics: the run's, or the shown pass's
  void onNodeClicked(int64_t key);
  void updateStatus();
  void chooseAndOpen();
  void chooseAndExportGraph();
  void chooseAndExportTimings();
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void restoreSettings();
  void buildCommands();
  void showBisectResult(const BisectResult& result);
  void showBisectKernel(const BisectResult& result);
  void startRerun(const RerunChange& change);
  void openRerun(const QString& path, const QString& description);
  void buildInspect();
  void resetInspection();  // a new run or trace
  void applyPendingNode();
  void requestDiffOverlay();
  std::shared_ptr<const FrameGraph> passInputGraph(int64_t pass_id);

  std::shared_ptr<TraceReader> reader_;
  std::unique_ptr<TraceTreeModel> tree_model_;
  TraceFilterProxy* filter_proxy_;
  RulesModel* rules_model_;
  KernelsModel* kernels_model_;
  GraphLoadController* loader_ = nullptr;
  std::shared_ptr<const GraphFrame> frame_;
  std::vector<RuleRow> rules_;
  std::vector<DecisionRow> decisions_;
  int64_t run_id_ = 0, pass_id_ = 0, step_ = 0;
  bool selecting_tree_ = false;
  QString path_;
  std::vector<int64_t> search_hits_;
  size_t search_cursor_ = 0;

  GraphScene* scene_;
  GraphView* view_;
  KernelPanel* kernels_;
  RulePanel* rule_panel_;
  QTreeView* tree_;
  QLineEdit *filter_, *search_;
  QTableView *rules_view_, *kernels_view_;
  QCheckBox* rules_pass_only_;  // rule statistics of the shown pass instead of the run's
  QTabWidget* left_tabs_;
  QSplitter *vertical_, *horizontal_;
  QLabel* status_;
  QLabel* busy_label_;
  QProgressBar* busy_bar_;
  QMenu* recent_menu_;
  QTimer* follow_timer_;

  QString command_executable_;
  BisectAction* bisect_;
  BisectBanner* bisect_banner_;
  CommandProgressBar *bisect_progress_, *rerun_progress_;
  RerunCommand* rerun_;
  QString bisect_trace_;

  std::shared_ptr<const RunSteps> run_steps_;  // of run_id_, loaded on the first history asked
  std::optional<int64_t> selected_node_, pending_node_;
  NodeSearchPanel* search_panel_;
  WhyPanel* why_panel_;
  WhyCommand* why_command_;
  QTextBrowser* diff_panel_;
  QDockWidget *search_dock_, *why_dock_, *diff_dock_;
  QAction *diff_action_, *diff_step_action_;
  DiffOverlayRunner* diff_runner_;
  bool diff_on_ = false;
  DiffReference diff_reference_;
  std::shared_ptr<const DiffOverlay> diff_overlay_;
  std::pair<int64_t, std::shared_ptr<const FrameGraph>> input_graph_;  // one pass's input, kept while stepping it
};

}  // namespace rw::viewer
