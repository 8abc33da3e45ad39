// What the details pane says about a clicked node: its text form, value range, sources,
// users in the shown graph, and where in the program it came from. history_html (the node's
// history, node_provenance.h) goes right below its text form: where it came from is what a
// click on a node is most often for.
#pragma once
#include <QString>

#include "viewers/graph_frame.h"

namespace rw::viewer {

QString node_details_html(const FrameGraph& graph, int64_t key, const QString& history_html = {});

}  // namespace rw::viewer
