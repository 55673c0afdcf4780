// Plain data shared by every extraction step: a document, its sentences and their tokens.
// Each step fills in its own fields (tokenizer: offsets and forms; tagger: tags; parser: heads).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace kg::extract {

// One syntactic word. Offsets are bytes into Document::text (UTF-8, repaired if needed).
struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string form;    // the word as UD writes it ("n't", "'s", "Mr.")
  std::string lemma;   // lowercase lemma except for proper nouns
  std::string upos;    // Universal POS tag
  std::string xpos;    // Penn Treebank tag
  int head = 0;        // 1-based index of the head within the sentence, 0 for the root
  std::string deprel;  // UD relation to the head
  bool space_after = true;
};

// A sentence: a span of the document and its tokens in order.
struct Sentence {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::vector<Token> tokens;
};

// The sentence with its words in reverse order and heads renumbered to match, for the models
// that read a sentence right to left (the parser's guide, the tagger's second direction).
inline Sentence reversed_sentence(const Sentence& sentence) {
  Sentence r = sentence;
  const int n = static_cast<int>(sentence.tokens.size());
  std::reverse(r.tokens.begin(), r.tokens.end());
  for (Token& t : r.tokens)
    if (t.head > 0 && t.head <= n) t.head = n + 1 - t.head;
  return r;
}

// A text and what the pipeline found in it.
struct Document {
  std::string name;  // file name or other identifier
  std::string text;  // valid UTF-8
  std::vector<Sentence> sentences;
};

}  // namespace kg::extract
