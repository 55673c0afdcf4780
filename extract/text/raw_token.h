// A token as the scanner finds it, before sentence splitting (internal to the tokenizer).
#pragma once

#include <cstdint>

namespace kg::extract {

// A token's byte span and what precedes it.
struct RawToken {
  uint32_t begin;
  uint32_t end;
  uint8_t newlines_before;    // line breaks in the whitespace before it (capped at 255)
  bool space_before;          // whitespace right before it
  bool abbreviation_may_end;  // an abbreviation such as "etc." that may close a sentence
};

}  // namespace kg::extract
