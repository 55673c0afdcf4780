// The error type of the extraction stage.
#pragma once

#include <stdexcept>

namespace kg::extract {

// Input the extraction stage cannot work with (binary data, text too large); what() says why.
struct ExtractError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kg::extract
