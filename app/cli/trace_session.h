// A trace file open for one CLI run: creates the SQLite tracer, installs it for this thread
// and records the run's start and end.
#pragma once
#include <string>

#include "engine/trace/sqlite_tracer.h"

namespace rw::cli {

class TraceSession {
 public:
  TraceSession(const std::string& path, RunInfo info);
  ~TraceSession();  // a run never finished is closed as failed
  void finish(bool ok);  // ends the run and closes the file
  const std::string& path() const { return tracer_.path(); }
  Tracer& tracer() { return tracer_; }

 private:
  SqliteTracer tracer_;
  TracerScope scope_;
  bool finished_ = false;
};

}  // namespace rw::cli
