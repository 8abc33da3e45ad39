#include "app/cli/trace_session.h"

namespace rw::cli {

TraceSession::TraceSession(const std::string& path, RunInfo info) : tracer_(path), scope_(tracer_) {
  info.engine_version = REWIND_ENGINE_VERSION;
  tracer_.begin_run(info);
}

TraceSession::~TraceSession() {
  if (!finished_) tracer_.end_run(false);
}

void TraceSession::finish(bool ok) {
  if (finished_) return;
  finished_ = true;
  tracer_.end_run(ok);
  tracer_.close();
}

}  // namespace rw::cli
