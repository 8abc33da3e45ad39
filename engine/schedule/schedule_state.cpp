#include "engine/schedule/schedule_state.h"

#include "engine/trace/tracer.h"

namespace rw::sched {

void report_decision(UOpPtr node, std::string decision, std::string reason, std::string detail) {
  Tracer& t = current_tracer();
  if (t.active()) t.on_decision(DecisionRecord{node, std::move(decision), std::move(reason), std::move(detail)});
}

}  // namespace rw::sched
