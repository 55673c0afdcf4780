// A fast rule-based tokenizer and sentence splitter that writes tokens the way UD English-EWT
// does: clitics split ("do" "n't", "Bush" "'s"), abbreviations kept whole ("U.S.", "Mr."),
// hyphenated words split except after prefixes ("e-mail", "non-profit"), numbers, URLs and
// e-mail addresses kept whole.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/document.h"
#include "extract/text/raw_token.h"

namespace kg::extract {

// A sentence longer than this many tokens is cut into pieces of at most this length: text
// without sentence punctuation (a one-line dump, a list of names) would otherwise be one
// "sentence" of millions of tokens for the tagger, parser and recognizer. No sentence of the
// UD English-EWT treebank or the BBC corpus comes near it.
inline constexpr size_t kMaxSentenceTokens = 400;

// Where the sentences of a text are, found once in one pass, so that a long document can be
// turned into tokens a range of sentences at a time (12 bytes per token instead of the ~200 a
// Token with its strings takes).
class SentenceIndex {
 public:
  // Scans `text` (valid UTF-8, see decode_text). Throws ExtractError naming `name` if the text
  // is too long for 32-bit offsets.
  SentenceIndex(std::string_view text, const std::string& name);
  size_t size() const { return ranges_.size(); }
  // The byte where sentence `i` begins (text.size() for i == size()).
  uint32_t begin(size_t i) const;
  // Appends sentences [first, last) of `text` (the text given to the constructor), with their
  // tokens' offsets, forms and space_after, to `out`.
  void fill(std::string_view text, size_t first, size_t last, std::vector<Sentence>& out) const;

 private:
  std::vector<RawToken> raw_;
  std::vector<std::pair<size_t, size_t>> ranges_;  // [first, last) indexes into raw_
  uint32_t text_size_ = 0;
};

// Fills doc.sentences (replacing what was there) with the sentences and tokens of doc.text:
// offsets, forms (the exact text) and space_after. Blank lines always end a sentence; a single
// line break ends one unless the text looks hard-wrapped. Linear time in the text's length.
// doc.text should be valid UTF-8 (see decode_text); stray invalid bytes become one-byte tokens.
// Throws ExtractError if the text is too long for 32-bit offsets. The same as filling every
// sentence of a SentenceIndex.
void tokenize(Document& doc);

}  // namespace kg::extract
