// Computes diff overlays off the UI thread: hashing and pairing a graph of thousands of nodes
// at every step would make stepping stutter. Only the newest request's answer is delivered;
// the graphs are shared, immutable snapshots, so the worker needs no reader of its own.
#pragma once
#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <memory>

#include "viewers/diff_overlay.h"

namespace rw::viewer {

class DiffOverlayRunner : public QObject {
  Q_OBJECT
 public:
  explicit DiffOverlayRunner(QObject* parent = nullptr);
  ~DiffOverlayRunner() override;  // waits for a diff under way
  // `base` carries the pass, step, side and reference the result is for.
  void request(DiffOverlay base, std::shared_ptr<const FrameGraph> reference, std::shared_ptr<const FrameGraph> shown);
  void cancel();  // drops the answer of any request made so far
  bool busy() const { return pending_ > 0; }

 signals:
  void ready(std::shared_ptr<const rw::viewer::DiffOverlay> overlay);

 private:
  QThreadPool pool_;
  std::atomic<quint64> generation_{0};  // read by the worker
  int pending_ = 0;
};

}  // namespace rw::viewer
