// Names cleaned at the boundary. The recognizer's spans follow CoNLL-2003 tokens; a graph node
// needs a name a reader would write: no honorific ("Mr Blair" is Blair), no punctuation or
// quotes at either end ("Mr Blair: \"There"), no possessive, and a hyphenated or double-barrelled
// name kept whole ("Lee Ka-wing", "Smith-Jones Center"), which the tokenizer splits at the hyphen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/entities/ner_conll.h"

namespace kg::extract::names {

enum class Gender : uint8_t { unknown, male, female };

// The gender an honorific marks ("Mrs" female, "Sir" male, "Dr" unknown), with or without a
// final period; nullopt if `word` is no honorific.
std::optional<Gender> honorific_gender(std::string_view word);

// The gender the honorific forms among a name's aliases mark ("Mrs Blair"): unknown when there
// are none, or both.
Gender gender_of_aliases(const std::vector<std::string>& aliases);

// A name's span after cleaning, with the honorific written before it ("Mrs"), if any.
struct NameSpan {
  uint32_t first = 0, last = 0;  // tokens, inclusive
  std::string type;              // PER, LOC, ORG or MISC
  std::string honorific;
  uint32_t cut_end = 0;  // bytes to leave off the last token: the "'s" of "Channel 4's"
};

// Cleans the recognizer's chunks of one sentence, in order:
// - adjacent parts joined by a hyphen with no space around it become one name (the right part's
//   type wins: the head of an English name is at its end), and a name followed by "-Word" with
//   no space takes it in;
// - a span is cut at punctuation inside it (quotes, colons, brackets...) and at "and" before a
//   second honorific ("Mr Blair and Mr Brown" is two people);
// - leading and trailing punctuation go, and a possessive "'s" after a person or place;
// - an honorific at the start of a span goes into NameSpan::honorific, and makes the span a
//   person whatever the recognizer said ("Mr Blair" as a place).
// Spans left with no word are dropped.
std::vector<NameSpan> clean_spans(const Sentence& sentence, const std::vector<Chunk>& chunks);

// First names with the gender they mark (a name in both lists marks none): for coreference,
// "Mrs Wilkinson" is not John Wilkinson. Lines "name<TAB>m|f|mf".
class FirstNames {
 public:
  // Throws std::runtime_error "path:line: what" on a malformed line or a missing file.
  void load(const std::string& path);
  Gender gender(std::string_view first_name) const;
  size_t size() const { return gender_.size(); }

 private:
  std::unordered_map<std::string, Gender> gender_;  // lowercased name
};

}  // namespace kg::extract::names
