// The text diff of one step: the nodes the step removed (-) and added (+), children
// first, plus the replacement root as context when it already existed (x+0 -> x).
#pragma once
#include <QString>
#include <optional>
#include <vector>

#include "viewers/graph_frame.h"

namespace rw::viewer {

struct DiffLine {
  char sign;  // '-' removed, '+' added, ' ' context
  QString text;
};

std::vector<DiffLine> step_diff(const FrameGraph& before, const FrameGraph& after, std::optional<int64_t> replacement);
QString diff_text(const std::vector<DiffLine>& lines);  // "- #4 MUL ..." lines
QString diff_html(const std::vector<DiffLine>& lines, bool dark);

}  // namespace rw::viewer
