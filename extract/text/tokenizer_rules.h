// The word lists behind the tokenizer's decisions, kept apart from the scanning code.
#pragma once

#include <cstddef>
#include <string_view>

namespace kg::extract {

// What a word followed by a period is.
enum class AbbreviationKind {
  kNone,       // an ordinary word: the period is a separate token
  kInternal,   // keeps its period and never ends a sentence ("Mr.", "J.", "Feb.", "e.g.")
  kAmbiguous,  // keeps its period and may end a sentence ("etc.", "Inc.", "U.S.", "a.m.")
};

// Classifies word (without its final period); internal_period says it has periods inside,
// number_follows that the next word is a number ("No. 5").
AbbreviationKind abbreviation_kind(std::string_view word, bool internal_period,
                                   bool number_follows);

// True if segment keeps its hyphen to the next word, as EWT writes "e-mail", "non-profit".
bool is_hyphen_prefix(std::string_view segment);

// For apostrophe-less contractions EWT splits ("dont" -> "do" "nt", "gonna" -> "gon" "na"):
// the length of the first part; 0 if word is not one of them.
size_t informal_contraction_split(std::string_view word);

// True if word (lowercase) after "its" shows that "its" means "it is" ("its not", "its a").
bool is_verb_context_after_its(std::string_view word);

// True if word commonly starts a sentence; used after abbreviations that may end one.
bool is_sentence_starter(std::string_view word);

}  // namespace kg::extract
