#include "engine/rewrite/rewrite_gate.h"

namespace rw {

namespace {
thread_local RewriteGate* g_gate = nullptr;
}

RewriteGate* current_rewrite_gate() { return g_gate; }

RewriteGateScope::RewriteGateScope(RewriteGate* gate) : previous_(g_gate) { g_gate = gate; }
RewriteGateScope::~RewriteGateScope() { g_gate = previous_; }

}  // namespace rw
