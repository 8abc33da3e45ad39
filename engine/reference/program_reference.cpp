#include "engine/reference/program_reference.h"

namespace rw {

NamedArrays evaluate_reference(const Program& program) {
  Evaluator ev(program.buffers());
  return ev.evaluate(program.output_nodes());
}

}  // namespace rw
