// The sentence splitter behind tokenize(): groups scanned tokens into sentences.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/text/raw_token.h"

namespace kg::extract {

// Splits tokens of text into sentences, returned as [first, last) index ranges in order.
// Ends a sentence at ".", "!", "?" (with closing quotes and brackets), after an abbreviation
// such as "etc." when a typical sentence opener follows, at blank lines, and at single line
// breaks unless the text is hard-wrapped.
std::vector<std::pair<size_t, size_t>> split_sentences(std::string_view text,
                                                       const std::vector<RawToken>& tokens);

}  // namespace kg::extract
