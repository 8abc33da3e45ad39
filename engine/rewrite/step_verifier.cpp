#include "engine/rewrite/step_verifier.h"

namespace rw {

void StepVerifier::set_stage(Stage s) {
  if (s != stage_) seen_.clear();  // what passed one stage's rules may break the next's
  stage_ = s;
}

void StepVerifier::on_step(std::string_view pass, int64_t step, const Rule& rule, UOpPtr, UOpPtr replacement) {
  last_step_ = step;
  if (auto v = verify_new_nodes(replacement, stage_, seen_)) {
    v->message += " (built by rule '" + rule.info.text + "' at " + rule.info.file + ":" + std::to_string(rule.info.line) + ")";
    throw VerifyError(std::string(pass), step, std::move(*v));
  }
}

void StepVerifier::on_pass_end(std::string_view pass, UOpPtr output) {
  int64_t steps = last_step_;
  last_step_ = 0;
  verify_graph_or_throw(output, stage_, std::string(pass), steps);
}

}  // namespace rw
