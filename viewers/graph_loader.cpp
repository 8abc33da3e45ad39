#include "viewers/graph_loader.h"

#include <QMetaObject>
#include <algorithm>
#include <exception>

#include "engine/trace/trace_error.h"
#include "viewers/graph_diff.h"
#include "viewers/layered_layout.h"

namespace rw::viewer {
namespace {
constexpr size_t kRecentGraphs = 8;  // stepping back and forth reuses snapshots
}

GraphLoader::GraphLoader(std::string path, LabelMetrics metrics, std::shared_ptr<LoadTarget> latest)
    : path_(std::move(path)), metrics_(metrics), latest_(std::move(latest)) {}

GraphLoader::~GraphLoader() = default;

bool GraphLoader::superseded(quint64 generation, int64_t pass_id) const {
  return latest_->generation.load() != generation && latest_->pass_id.load() != pass_id;
}

GraphLoader::PassState& GraphLoader::pass_state(int64_t pass_id) {
  auto it = passes_.find(pass_id);
  if (it != passes_.end()) return it->second;
  std::optional<PassRow> row = reader_->pass(pass_id);
  if (!row) throw std::runtime_error("the trace has no pass " + std::to_string(pass_id));
  PassState& p = passes_[pass_id];
  p.row = std::move(*row);
  return p;
}

std::shared_ptr<const FrameGraph> GraphLoader::graph(PassState& p, int64_t step) {
  for (auto it = p.recent.begin(); it != p.recent.end(); ++it)
    if (it->first == step) {
      p.recent.splice(p.recent.begin(), p.recent, it);
      return it->second;
    }
  auto g = std::make_shared<const FrameGraph>(p.keys.normalize(reader_->graph_at(p.row.id, step)));
  p.recent.emplace_front(step, g);
  if (p.recent.size() > kRecentGraphs) p.recent.pop_back();
  return g;
}

std::shared_ptr<const PassPicture> GraphLoader::build_picture(PassState& p, quint64 generation) {
  const int64_t n = p.row.step_count;
  std::vector<int64_t> steps;
  if (n <= kAllStepsUpTo) {
    for (int64_t s = 0; s <= n; ++s) steps.push_back(s);
  } else {
    steps.push_back(0);
    steps.push_back(n);
    for (int64_t i = 1; i < kSamples; ++i) steps.push_back(n * i / kSamples);
  }
  auto picture = std::make_shared<PassPicture>();
  picture->pass_id = p.row.id;
  if (size_t input = graph(p, 0)->nodes.size(); input > kMaxDrawableNodes) {
    picture->too_big_nodes = input;
    return picture;
  }
  picture->input_root = graph(p, 0)->root;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (superseded(generation, p.row.id)) return nullptr;
    if (i % 16 == 0) emit progress(generation, QStringLiteral("Reading snapshots of %1: %2/%3").arg(QString::fromStdString(p.row.name)).arg(i).arg(steps.size()));
    std::shared_ptr<const FrameGraph> g = graph(p, steps[i]);
    size_t added = 0;
    for (const NodeRow& r : g->nodes) added += r.id >= 0 && !picture->nodes.count(r.id);
    if (i > 0 && picture->nodes.size() + added > kMaxPictureNodes) continue;
    for (const NodeRow& r : g->nodes)
      if (r.id >= 0) picture->nodes.emplace(r.id, r);
    picture->sampled_steps.push_back(steps[i]);
  }
  emit progress(generation, QStringLiteral("Laying out %1 nodes of %2").arg(picture->nodes.size()).arg(QString::fromStdString(p.row.name)));
  LayoutInput input = layout_input(picture->nodes, metrics_, &picture->copies);
  picture->layout = input.nodes.size() > kMaxGraphvizNodes ? layered_layout(input) : layout_graph(input);
  return picture;
}

void GraphLoader::load(quint64 generation, qint64 pass_id, qint64 step) {
  if (latest_->generation.load() != generation) return;  // the user has moved on
  try {
    if (!reader_) reader_ = std::make_unique<TraceReader>(path_);
    PassState& p = pass_state(pass_id);
    if (!p.picture) {
      p.picture = build_picture(p, generation);
      if (!p.picture) return;
    }
    if (latest_->generation.load() != generation) return;
    auto frame = std::make_shared<GraphFrame>();
    frame->pass_id = pass_id;
    frame->pass_name = p.row.name;
    frame->step_count = p.row.step_count;
    frame->step = std::clamp<int64_t>(step, 0, p.row.step_count);
    frame->picture = p.picture;
    if (p.picture->too_big_nodes) {
      // Nothing to draw: the step's rule is all the frame says (no snapshot rebuilds).
      if (frame->step > 0) frame->step_row = reader_->step(pass_id, frame->step);
      emit frameReady(generation, std::move(frame));
      return;
    }
    std::shared_ptr<const FrameGraph> after = graph(p, frame->step);
    std::shared_ptr<const FrameGraph> before = frame->step > 0 ? graph(p, frame->step - 1) : after;
    frame->before_graph = before;
    frame->after_graph = after;
    if (frame->step > 0) {
      frame->step_row = reader_->step(pass_id, frame->step);
      if (frame->step_row) {
        // Bound and matched ids are stored ids, which are their own keys.
        std::vector<int64_t> bound;
        for (const BoundRow& b : frame->step_row->bound) bound.push_back(b.node);
        frame->matched_root = frame->step_row->matched;
        frame->replacement_root = frame->step_row->replacement;
        frame->matched = matched_nodes(frame->before(), frame->step_row->matched, bound);
        frame->replacement = replacement_nodes(frame->before(), frame->after(), frame->step_row->replacement);
      }
      frame->diff = std::make_shared<const std::vector<DiffLine>>(step_diff(frame->before(), frame->after(), frame->replacement_root));
    }
    frame->provisional = place_missing(frame->before(), *p.picture, {}, metrics_);
    auto after_boxes = place_missing(frame->after(), *p.picture, frame->provisional, metrics_);
    frame->provisional.insert(after_boxes.begin(), after_boxes.end());
    // Rebuild the snapshot the next step in the same direction needs while the UI draws
    // this one, unless another request is already waiting: after the step going forward,
    // before the previous step going back.
    const bool backward = frame->step < p.last_step;
    const int64_t next = backward ? frame->step - 2 : frame->step + 1;
    p.last_step = frame->step;
    emit frameReady(generation, std::move(frame));
    if (next >= 0 && next <= p.row.step_count && latest_->generation.load() == generation) graph(p, next);
  } catch (const std::exception& e) {
    emit failed(generation, QString::fromStdString(e.what()));
  }
}

GraphLoadController::GraphLoadController(const QString& path, LabelMetrics metrics, QObject* parent)
    : QObject(parent), latest_(std::make_shared<LoadTarget>()) {
  qRegisterMetaType<std::shared_ptr<const rw::viewer::GraphFrame>>();
  loader_ = new GraphLoader(path.toStdString(), metrics, latest_);
  loader_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, loader_, &QObject::deleteLater);
  connect(loader_, &GraphLoader::frameReady, this, [this](quint64 generation, std::shared_ptr<const GraphFrame> frame) {
    if (generation != latest_->generation.load()) return;  // stale: a newer request is on its way
    setBusy(false, {});
    emit frameReady(std::move(frame));
  });
  connect(loader_, &GraphLoader::progress, this, [this](quint64 generation, QString what) {
    if (generation == latest_->generation.load()) setBusy(true, what);
  });
  connect(loader_, &GraphLoader::failed, this, [this](quint64 generation, QString message) {
    if (generation != latest_->generation.load()) return;
    setBusy(false, {});
    emit failed(message);
  });
  thread_.setObjectName(QStringLiteral("graph layout"));
  thread_.start();
}

GraphLoadController::~GraphLoadController() {
  latest_->generation.fetch_add(1);  // let queued requests fall through
  thread_.quit();
  thread_.wait();
}

quint64 GraphLoadController::request(int64_t pass_id, int64_t step) {
  quint64 generation = latest_->generation.fetch_add(1) + 1;
  latest_->pass_id.store(pass_id);
  setBusy(true, QStringLiteral("Loading step %1").arg(step));
  GraphLoader* loader = loader_;
  QMetaObject::invokeMethod(loader, [loader, generation, pass_id, step] { loader->load(generation, pass_id, step); }, Qt::QueuedConnection);
  return generation;
}

void GraphLoadController::setBusy(bool busy, const QString& what) {
  busy_ = busy;
  emit busyChanged(busy, what);
}

}  // namespace rw::viewer
