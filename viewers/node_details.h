// What the details pane says about a clicked node: its text form, value range, sources,
// users in the shown graph, and where in the program it came from.
#pragma once
#include <QString>

#include "viewers/graph_frame.h"

namespace rw::viewer {

QString node_details_html(const FrameGraph& graph, int64_t key);

}  // namespace rw::viewer
