// Lemmatizer: WordNet's exception lists and morphological suffix rules (candidates validated
// against WordNet's index files), corrected by a table learned from a treebank for the words
// on which the rules disagree with it (was -> be, 's -> be/have, pronouns, ...).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/document.h"

namespace kg::extract {

// Maps (form, XPOS) to a lemma. Const methods are safe to call from several threads.
class Lemmatizer {
 public:
  // Loads WordNet's index.* and *.exc files from `wordnet_dir`; throws std::runtime_error if
  // they are missing.
  explicit Lemmatizer(const std::string& wordnet_dir);
  // Learns the correction table from sentences with gold lemmas and XPOS tags.
  void train(const std::vector<Sentence>& sentences);
  // Reads/writes the correction table (the WordNet part is always read from WordNet).
  void load(const std::string& path);
  void save(const std::string& path) const;
  // The lemma of a word with the given Penn Treebank tag.
  std::string lemma(const std::string& form, const std::string& xpos) const;
  // Sets the lemma of every token from its form and xpos.
  void lemmatize(Sentence& sentence) const;
  // The lemma the rules alone give (no learned table).
  std::string rule_lemma(const std::string& form, const std::string& xpos) const;

 private:
  enum WordClass { kNoun, kVerb, kAdj, kAdv, kNumClasses };
  std::string morphy(const std::string& word, WordClass wc, const std::string& xpos) const;
  // Lemmas of WordNet's index files, viewing into the files' text (shared so copies stay valid);
  // reading a file in one block and keeping views is what keeps model loading fast.
  std::shared_ptr<const std::string> index_text_[kNumClasses];
  std::unordered_set<std::string_view> index_[kNumClasses];
  std::unordered_map<std::string, std::string> exceptions_[kNumClasses];
  std::unordered_map<std::string, std::string> table_;  // form + '\t' + xpos -> lemma
};

}  // namespace kg::extract
