#include "viewers/rule_panel.h"

#include <QTextBrowser>

#include "viewers/graph_diff.h"
#include "viewers/node_details.h"
#include "viewers/node_provenance.h"
#include "viewers/op_palette.h"
#include "viewers/rules_model.h"

namespace rw::viewer {
namespace {
QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }
}

RulePanel::RulePanel(QWidget* parent) : QSplitter(Qt::Horizontal, parent) {
  rule_ = new QTextBrowser;
  diff_ = new QTextBrowser;
  node_ = new QTextBrowser;
  for (QTextBrowser* b : {rule_, diff_, node_}) {
    b->setOpenLinks(false);
    addWidget(b);
  }
  connect(node_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    if (std::optional<StepPlace> p = parse_step_link(url)) emit stepLinkActivated(p->pass_id, p->step);
  });
  node_->setPlaceholderText(tr("Click a node to see its sources, users and where it came from."));
  setStretchFactor(0, 3);
  setStretchFactor(1, 3);
  setStretchFactor(2, 2);
}

void RulePanel::showStep(const GraphFrame& f, const RuleRow* rule, const std::vector<DecisionRow>& decisions) {
  QString r;
  if (f.step == 0) {
    r = tr("<p><b>%1</b>: the pass input (%2 nodes). → shows the first of %3 rewrites.</p>")
            .arg(esc(f.pass_name)).arg(f.after().nodes.size()).arg(f.step_count);
  } else if (rule) {
    r = QStringLiteral("<p><b style='font-size:large'>%1</b></p>").arg(esc(rule->text));
    const QString fired = rule->fire_count == 1 ? tr("once") : tr("%1 times").arg(rule->fire_count);
    r += tr("<p>pattern <code>%1</code><br>defined at <b>%2</b> (family %3), fired %4 in this run</p>")
             .arg(esc(rule->pattern), ruleLocation(*rule).toHtmlEscaped(), esc(rule->family), fired);
    if (f.step_row) {
      r += tr("<p>matched %1, replaced by %2").arg(node_id_text(f.step_row->matched), node_id_text(f.step_row->replacement));
      for (const BoundRow& b : f.step_row->bound) r += QStringLiteral("<br>&nbsp;&nbsp;%1 = %2").arg(esc(b.name), node_id_text(b.node));
      r += QStringLiteral("</p>");
    }
    if (!rule->source.empty()) r += QStringLiteral("<pre>%1</pre>").arg(esc(rule->source));
    else r += tr("<p><i>The rule's source lines were not embedded in this build.</i></p>");
  } else {
    r = tr("<p>Step %1: the trace names no rule for it.</p>").arg(f.step);
  }
  if (!decisions.empty()) {
    r += tr("<p><b>Decisions in this pass</b></p><ul>");
    for (const DecisionRow& d : decisions) {
      QString node = d.node ? node_id_text(*d.node) + QLatin1Char(' ') : QString();
      r += QStringLiteral("<li>%1<b>%2</b> (%3) %4</li>").arg(node, esc(d.decision), esc(d.reason), esc(d.detail));
    }
    r += QStringLiteral("</ul>");
  }
  rule_->setHtml(r);
  diff_lines_.reset();
  if (f.picture && f.picture->too_big_nodes) {
    diff_->setHtml(tr("<i>The graph is too big to diff here (%1 nodes).</i>").arg(f.picture->too_big_nodes));
  } else if (f.step == 0) {
    diff_->setHtml(tr("<i>No change yet: this is the pass input.</i>"));
  } else {
    diff_lines_ = f.diff ? f.diff : std::make_shared<const std::vector<DiffLine>>(step_diff(f.before(), f.after(), f.replacement_root));
    diff_->setHtml(diff_html(*diff_lines_, palette_is_dark()));
  }
}

void RulePanel::showNode(const FrameGraph& graph, int64_t key, const QString& history_html) {
  node_->setHtml(node_details_html(graph, key, history_html));
}

void RulePanel::clear(const QString& message) {
  rule_->setHtml(QStringLiteral("<p><i>%1</i></p>").arg(message.toHtmlEscaped()));
  diff_->clear();
  diff_lines_.reset();
  node_->clear();
}

QString RulePanel::ruleText() const { return rule_->toPlainText(); }
QString RulePanel::diffText() const { return diff_lines_ ? diff_text(*diff_lines_) : QString(); }
QString RulePanel::nodeText() const { return node_->toPlainText(); }
QString RulePanel::nodeHtml() const { return node_->toHtml(); }

}  // namespace rw::viewer
