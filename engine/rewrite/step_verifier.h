// Runs the verifier inside rewrite passes: the nodes each step builds are checked as they
// appear (so a bad rule is caught at the step that fired it, not passes later), and the whole
// graph at the end of each pass. Used with --verify and always in tests.
#pragma once
#include <unordered_set>

#include "engine/ir/verify.h"
#include "engine/rewrite/graph_rewrite.h"

namespace rw {

class StepVerifier : public RewriteObserver {
 public:
  explicit StepVerifier(Stage stage) : stage_(stage) {}
  // The stage the following passes produce (the scheduler and codegen move it forward).
  void set_stage(Stage s);
  Stage stage() const { return stage_; }

  void on_step(std::string_view pass, int64_t step, const Rule& rule, UOpPtr matched, UOpPtr replacement) override;
  void on_pass_end(std::string_view pass, UOpPtr output) override;

 private:
  Stage stage_;
  std::unordered_set<UOpPtr> seen_;  // nodes already verified for stage_
  int64_t last_step_ = 0;
};

// Installs a StepVerifier for the current thread while in scope.
class VerifyScope {
 public:
  explicit VerifyScope(Stage stage) : verifier_(stage), scope_(&verifier_) {}
  StepVerifier& verifier() { return verifier_; }

 private:
  StepVerifier verifier_;
  RewriteObserverScope scope_;
};

}  // namespace rw
