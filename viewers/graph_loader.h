// Loads graph frames off the UI thread. One worker thread (Graphviz is not thread-safe)
// with its own read-only TraceReader rebuilds snapshots, lays out each pass's picture once
// and answers step requests. Requests carry a generation: the worker skips requests the user
// has already moved past, and the controller drops results that arrive late.
#pragma once
#include <QObject>
#include <QThread>
#include <atomic>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

#include "engine/trace/trace_reader.h"
#include "viewers/graph_frame.h"

namespace rw::viewer {

struct LoadTarget {
  std::atomic<quint64> generation{0};
  std::atomic<qint64> pass_id{0};
};

// Lives on the worker thread.
class GraphLoader : public QObject {
  Q_OBJECT
 public:
  GraphLoader(std::string path, LabelMetrics metrics, std::shared_ptr<LoadTarget> latest);
  ~GraphLoader() override;
  // Snapshots whose union makes a pass's picture: every step of a short pass, evenly
  // spaced samples of a long one, stopping once the union reaches max_picture_nodes.
  static constexpr int64_t kAllStepsUpTo = 256;
  static constexpr int64_t kSamples = 64;
  static constexpr size_t kMaxPictureNodes = 2500;
  // Graphviz takes seconds from here on (measured: ~1,100 laid-out boxes 10-16 s on two
  // busy cores); bigger pictures get the quick layered layout.
  static constexpr size_t kMaxGraphvizNodes = 800;
  // Beyond this the viewer does not draw the graph at all.
  static constexpr size_t kMaxDrawableNodes = 4000;

  void load(quint64 generation, qint64 pass_id, qint64 step);

 signals:
  void frameReady(quint64 generation, std::shared_ptr<const rw::viewer::GraphFrame> frame);
  void progress(quint64 generation, QString what);
  void failed(quint64 generation, QString message);

 private:
  struct PassState {
    PassRow row;
    StableKeys keys;
    std::shared_ptr<const PassPicture> picture;
    std::list<std::pair<int64_t, std::shared_ptr<const FrameGraph>>> recent;  // most recent first
    int64_t last_step = 0;  // of the last frame: the direction a person steps in
  };
  PassState& pass_state(int64_t pass_id);
  std::shared_ptr<const FrameGraph> graph(PassState& p, int64_t step);
  bool superseded(quint64 generation, int64_t pass_id) const;
  std::shared_ptr<const PassPicture> build_picture(PassState& p, quint64 generation);

  std::string path_;
  LabelMetrics metrics_;
  std::shared_ptr<LoadTarget> latest_;
  std::unique_ptr<TraceReader> reader_;  // opened on first use, on the worker thread
  std::unordered_map<int64_t, PassState> passes_;
};

// Lives on the UI thread: owns the worker thread and forwards only current results.
class GraphLoadController : public QObject {
  Q_OBJECT
 public:
  GraphLoadController(const QString& path, LabelMetrics metrics, QObject* parent = nullptr);
  ~GraphLoadController() override;
  quint64 request(int64_t pass_id, int64_t step);  // returns the request's generation
  quint64 generation() const { return latest_->generation.load(); }
  bool busy() const { return busy_; }

 signals:
  void frameReady(std::shared_ptr<const rw::viewer::GraphFrame> frame);
  void busyChanged(bool busy, QString what);
  void failed(QString message);

 private:
  void setBusy(bool busy, const QString& what);
  std::shared_ptr<LoadTarget> latest_;
  QThread thread_;
  GraphLoader* loader_;
  bool busy_ = false;
};

}  // namespace rw::viewer
