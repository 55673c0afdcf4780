// A fast rule-based tokenizer and sentence splitter that writes tokens the way UD English-EWT
// does: clitics split ("do" "n't", "Bush" "'s"), abbreviations kept whole ("U.S.", "Mr."),
// hyphenated words split except after prefixes ("e-mail", "non-profit"), numbers, URLs and
// e-mail addresses kept whole.
#pragma once

#include "extract/document.h"

namespace kg::extract {

// Fills doc.sentences (replacing what was there) with the sentences and tokens of doc.text:
// offsets, forms (the exact text) and space_after. Blank lines always end a sentence; a single
// line break ends one unless the text looks hard-wrapped. Linear time in the text's length.
// doc.text should be valid UTF-8 (see decode_text); stray invalid bytes become one-byte tokens.
// Throws ExtractError if the text is too long for 32-bit offsets.
void tokenize(Document& doc);

}  // namespace kg::extract
