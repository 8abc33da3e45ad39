// Below the graph: the rule that fired (text, pattern, file:line and its source lines) with
// the pass's decisions, the step's text diff, and the clicked node's details and history.
#pragma once
#include <QSplitter>
#include <memory>
#include <optional>
#include <vector>

#include "engine/trace/trace_records.h"
#include "viewers/graph_frame.h"

class QTextBrowser;

namespace rw::viewer {

class RulePanel : public QSplitter {
  Q_OBJECT
 public:
  explicit RulePanel(QWidget* parent = nullptr);
  // rule: the step's rule (none at step 0); decisions: the pass's decisions.
  void showStep(const GraphFrame& frame, const RuleRow* rule, const std::vector<DecisionRow>& decisions);
  // history_html: the node's history (node_provenance.h), empty when the trace stores no node
  // like it; its step links come back as stepLinkActivated.
  void showNode(const FrameGraph& graph, int64_t key, const QString& history_html = {});
  void clear(const QString& message);

  QString ruleText() const;  // plain text, for tests
  QString diffText() const;
  QString nodeText() const;
  QString nodeHtml() const;

 signals:
  void stepLinkActivated(qint64 pass_id, qint64 step);

 private:
  QTextBrowser *rule_, *diff_, *node_;
  std::shared_ptr<const std::vector<DiffLine>> diff_lines_;  // the shown step's, whole
};

}  // namespace rw::viewer
