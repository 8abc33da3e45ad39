#include "viewers/why_panel.h"

#include <QTextBrowser>
#include <QVBoxLayout>

namespace rw::viewer {

WhyPanel::WhyPanel(QWidget* parent) : QWidget(parent) {
  browser_ = new QTextBrowser;
  browser_->setOpenLinks(false);
  browser_->setPlaceholderText(tr("Right-click a node of the graph and choose \"Why didn't a rule fire here?\"."));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(browser_);
}

void WhyPanel::showAsking(const WhyQuestion& q) {
  error_ = false;
  browser_->setHtml(tr("<p><i>Replaying run %1 to ask every rule of pass %2 about node #%3 at step %4…</i></p>")
                        .arg(q.run).arg(q.pass_id).arg(q.node_id).arg(q.step));
}

void WhyPanel::showResult(const WhyNotResult& r) {
  error_ = false;
  browser_->setHtml(why_not_html(r));
}

void WhyPanel::showError(const QString& message) {
  error_ = true;
  browser_->setHtml(QStringLiteral("<p style='color:#c0392b'><b>%1</b></p><pre>%2</pre>")
                        .arg(tr("No answer"), message.toHtmlEscaped()));
}

QString WhyPanel::text() const { return browser_->toPlainText(); }

}  // namespace rw::viewer
