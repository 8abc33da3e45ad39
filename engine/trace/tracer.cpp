#include "engine/trace/tracer.h"

#include <exception>

namespace rw {

namespace {
Tracer& null_tracer() {
  static Tracer t;
  return t;
}
thread_local Tracer* g_current = nullptr;
}  // namespace

Tracer& current_tracer() { return g_current ? *g_current : null_tracer(); }

TracerScope::TracerScope(Tracer& t) : previous_(g_current) { g_current = &t; }
TracerScope::~TracerScope() { g_current = previous_; }

PassScope::PassScope(std::string_view name, std::string_view kind, UOpPtr input) : tracer_(current_tracer()) {
  tracer_.begin_pass(name, kind, input);
}

PassScope::~PassScope() {
  if (!finished_) tracer_.end_pass(nullptr, false, std::uncaught_exceptions() ? "pass aborted by an error" : "pass ended without a result");
}

void PassScope::finish(UOpPtr output, std::span<const RuleStat> rules) {
  finished_ = true;
  tracer_.end_pass(output, true, {}, rules);
}

void PassScope::fail(std::string_view error, std::span<const RuleStat> rules) {
  if (finished_) return;
  finished_ = true;
  tracer_.end_pass(nullptr, false, error.empty() ? std::string_view("pass failed") : error, rules);
}

}  // namespace rw
