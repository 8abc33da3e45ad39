// What the details pane says about a stored node's history (engine/inspect/node_history.h):
// the step, pass or program line it came from, the step that removed it (or that it is still
// in the graph), and every step that matched or produced it. Steps are links the window
// follows to select that step in the tree.
#pragma once
#include <QString>
#include <QUrl>
#include <cstdint>
#include <optional>

#include "engine/inspect/node_history.h"

namespace rw::viewer {

struct StepPlace {
  int64_t pass_id = 0, step = 0;
  bool operator==(const StepPlace&) const = default;
};

QString step_link(int64_t pass_id, int64_t step);      // "step:PASS:STEP"
std::optional<StepPlace> parse_step_link(const QUrl& url);  // nullopt for any other link

// The step at which the node first exists in a pass's graph: after its creating step, the
// input of the pass it first appears in (the program's nodes: the first pass), or the pass's
// last step when the pass built it into its output. pass_steps gives a pass's step count.
template <class StepCount>
std::optional<StepPlace> node_home(const NodeHistory& h, StepCount pass_steps) {
  switch (h.origin) {
    case Origin::Step: return StepPlace{h.created_by->pass_id, h.created_by->step};
    case Origin::Program: return StepPlace{*h.created_in_pass, 0};
    case Origin::Pass: return StepPlace{*h.created_in_pass, h.created_in_output ? int64_t(pass_steps(*h.created_in_pass)) : 0};
    case Origin::Unused: return std::nullopt;
  }
  return std::nullopt;
}

QString node_provenance_html(const NodeHistory& h);

}  // namespace rw::viewer
