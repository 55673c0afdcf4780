// The error type of the evaluation code: gold and system files that cannot be read or compared
// (missing file, malformed line, sentences that do not line up); what() says where.
#pragma once

#include <stdexcept>

namespace kg::eval {

struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kg::eval
