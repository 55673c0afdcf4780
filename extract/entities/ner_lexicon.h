// A lowercase English vocabulary for the entity recognizer, taken from WordNet and independent
// of the training data: which words are ordinary English words (so a capitalized word that is
// not one is likely a name, however rare), and which verb classes (WordNet lexicographer files
// such as verb.communication or verb.body) a verb belongs to (so "X poisoned" or "said X" hint
// at a person even when X was never seen).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "extract/learn/model_io.h"

namespace kg::extract::ner {

// Lowercase word list with verb classes, looked up through English inflections.
class WordLexicon {
 public:
  // Verb lexicographer files are WordNet's numbers 29 (verb.body) to 43 (verb.weather).
  static constexpr int kFirstVerbFile = 29, kVerbFiles = 15;

  // Builds the list from WordNet's index.*, data.noun, data.verb and *.exc files; throws
  // std::runtime_error if they cannot be read.
  static WordLexicon build(const std::string& wordnet_dir);

  // Marks a lowercase word as ordinary; with `verb_files` (bit k = lexicographer file
  // kFirstVerbFile + k) it is also a verb of those classes.
  void add(std::string_view word, uint16_t verb_files = 0, uint8_t verb_frames = 0);
  // Marks a lowercase word as a noun whose most frequent sense is a kind of person.
  void add_person_noun(std::string_view word);

  // True if the word (any case), an inflection of it, or every part of a hyphenated compound,
  // is an ordinary English word.
  bool is_common(std::string_view word) const;
  // Verb classes of the word or of the verb it inflects (0 if it is no verb).
  uint16_t verb_files(std::string_view word) const;

  // Who a verb's two most frequent senses take, from WordNet's sentence frames.
  enum VerbFrame : uint8_t {
    kPersonSubject = 1,  // "Somebody ----s ..."
    kThingSubject = 2,   // "Something ----s ..."
    kPersonObject = 4,   // "... ----s somebody ..."
  };
  // VerbFrame bits of the word or of the verb it inflects (0 if it is no verb).
  uint8_t verb_frames(std::string_view word) const;

  // True if the word's most frequent noun sense is a kind of person ("negotiators", "mayor").
  bool is_person_noun(std::string_view word) const;

  // Everything the lexicon says about one word, from a single lookup of its lowercase form
  // (the per-token call of the recognizer; the accessors above are for one fact at a time).
  struct Entry {
    bool common = false;
    uint16_t verb_files = 0;
    uint8_t verb_frames = 0;
    bool person_noun = false;
  };
  Entry look_up_lower(std::string_view lower) const;

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  void save(ModelWriter& out) const { write_word_table(out, entries_); }
  static WordLexicon load(ModelReader& in);

 private:
  static constexpr uint32_t kCommonBit = 1u << 16;
  static constexpr int kFrameShift = 17;  // VerbFrame bits follow the common bit
  static constexpr uint32_t kPersonNounBit = 1u << 20;
  // The flags of the word or of the first base form that English suffix rules give for it.
  uint32_t flags(std::string_view lower) const;
  std::unordered_map<std::string, uint32_t> entries_;
};

}  // namespace kg::extract::ner
