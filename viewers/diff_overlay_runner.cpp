#include "viewers/diff_overlay_runner.h"

namespace rw::viewer {

DiffOverlayRunner::DiffOverlayRunner(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);  // one diff at a time; a newer request makes older ones moot
}

DiffOverlayRunner::~DiffOverlayRunner() {
  ++generation_;
  pool_.waitForDone();
}

void DiffOverlayRunner::request(DiffOverlay base, std::shared_ptr<const FrameGraph> reference, std::shared_ptr<const FrameGraph> shown) {
  const quint64 generation = ++generation_;
  ++pending_;
  pool_.start([this, generation, base = std::move(base), reference = std::move(reference), shown = std::move(shown)]() mutable {
    std::shared_ptr<DiffOverlay> result;
    if (generation == generation_.load()) {  // a newer request makes this one moot: skip the work
      DiffOverlay o = diff_overlay(*reference, *shown);
      o.pass_id = base.pass_id;
      o.step = base.step;
      o.after_side = base.after_side;
      o.reference = base.reference;
      result = std::make_shared<DiffOverlay>(std::move(o));
    }
    QMetaObject::invokeMethod(this, [this, generation, result] {
      --pending_;
      if (result && generation == generation_) emit ready(result);
    }, Qt::QueuedConnection);
  });
}

void DiffOverlayRunner::cancel() { ++generation_; }

}  // namespace rw::viewer
