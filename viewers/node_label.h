// What a graph node box says, and how big the box is. Sizes come from fixed character
// metrics measured once on the UI thread, so the layout thread never touches fonts.
#pragma once
#include <QSizeF>
#include <QStringList>

#include "engine/trace/trace_records.h"

namespace rw::viewer {

struct LabelMetrics {
  double char_width = 7.0;   // of the monospace label font, points
  double line_height = 14.0;
  double padding = 6.0;
};

// "ADD  #12" / "index" / the shape "(4, 8)" when the node has one (not the scalar shape of
// an index constant) / the argument (shortened), and the value range when known.
QStringList node_label_lines(const NodeRow& n);
// A shape as a tuple: "(4, 8)", "(16,)", "()" for a scalar.
QString node_shape_text(const std::vector<int64_t>& shape);
QSizeF node_box_size(const QStringList& lines, const LabelMetrics& m);
// The node's one-line text form: "#12 ADD index (#4, #7)" with arg when present.
QString node_text_form(const NodeRow& n);
// "#12", or "~3" for a node the trace never stored (rebuilt while replaying the pass; the
// number tells such nodes apart within the pass).
QString node_id_text(int64_t key);

}  // namespace rw::viewer
