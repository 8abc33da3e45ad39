#include "viewers/compare_graph_pane.h"

#include <QLabel>
#include <QVBoxLayout>

#include "viewers/graph_scene.h"
#include "viewers/graph_view.h"

namespace rw::viewer {
namespace {
// A counterpart is found by reading its label: zoom in this far when the view is further out.
constexpr double kReadableZoom = 0.8;
}  // namespace

CompareGraphPane::CompareGraphPane(QWidget* parent) : QWidget(parent) {
  title_ = new QLabel;
  title_->setWordWrap(true);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  scene_ = new GraphScene(this);
  view_ = new GraphView(scene_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(title_);
  layout->addWidget(view_, 1);
}

void CompareGraphPane::showGraph(std::shared_ptr<const GraphFrame> frame, const QString& title) {
  title_->setText(title);
  const size_t too_big = frame->picture ? frame->picture->too_big_nodes : 0;
  view_->setEmptyText(too_big ? tr("%1 nodes: too many to draw").arg(too_big) : tr("This graph is empty"));
  scene_->markNodes({});
  scene_->showFrame(std::move(frame));
  view_->fitGraph();
}

void CompareGraphPane::showError(const QString& title, const QString& message) {
  title_->setText(title);
  scene_->showFrame(nullptr);
  view_->setEmptyText(message);
}

void CompareGraphPane::selectNode(std::optional<int64_t> key, bool centre) {
  scene_->markNodes(key ? std::vector<int64_t>{*key} : std::vector<int64_t>{});
  if (!key || !centre) return;
  view_->revealNode(*key, kReadableZoom);
  view_->centerOnNode(*key);
}

QString CompareGraphPane::title() const { return title_->text(); }

}  // namespace rw::viewer
