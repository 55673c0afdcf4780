// Scoring the tokenizer against CoNLL-U gold data, the way the CoNLL 2018 shared task does:
// words and sentences are character spans over the text with whitespace removed, and a system
// span counts only if a gold span has exactly the same extent.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace kg::eval {

// Counts of one kind of span, and the scores they give.
struct SpanScore {
  size_t gold = 0;
  size_t system = 0;
  size_t matched = 0;
  double precision() const { return system ? double(matched) / system : 0.0; }
  double recall() const { return gold ? double(matched) / gold : 0.0; }
  double f1() const { return gold + system ? 2.0 * double(matched) / double(gold + system) : 0.0; }
};

// Result of evaluate_tokenizer.
struct TokenizeEvaluation {
  SpanScore words;      // syntactic words (multi-word tokens count as their words)
  SpanScore sentences;  // sentence spans
  size_t documents = 0;
  size_t gold_sentences_not_in_text = 0;    // gold words that do not spell the sentence text
  std::vector<std::string> error_examples;  // gold vs system tokens of wrong sentences
};

// Rebuilds the raw text of every document of a CoNLL-U file from its "# text = " lines
// (sentences of a paragraph joined by a space, paragraphs by a blank line; documents and
// paragraphs start at "# newdoc" and "# newpar"), tokenizes each document and scores words and
// sentences against the gold ones. Keeps up to max_examples examples of wrong sentences.
// Throws ExtractError if the input is not CoNLL-U.
TokenizeEvaluation evaluate_tokenizer(std::istream& conllu, size_t max_examples = 0);

}  // namespace kg::eval
