// The one exception type of the trace layer: a message that says what went wrong, with which
// file, and what to try. The viewer and the CLI show it as is.
#pragma once
#include <stdexcept>
#include <string>

namespace rw {

class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rw
