#include "engine/schedule/schedule_state.h"

#include "engine/trace/tracer.h"

namespace rw::sched {

void report_decision(UOpPtr node, const std::string& decision, const std::string& reason, const std::string& detail) {
  Tracer& t = current_tracer();
  if (t.active()) t.on_decision(DecisionRecord{node, decision, reason, detail});
}

}  // namespace rw::sched
