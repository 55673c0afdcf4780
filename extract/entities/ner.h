// Named-entity recognition: persons, locations, organizations and other names (PER, LOC, ORG,
// MISC) in a tokenized document, with the title or role in front of a person's name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "extract/document.h"

namespace kg::extract {

namespace ner {
struct NerModel;
class RoleLexicon;
}  // namespace ner

// One entity mention. Tokens first..last (inclusive) of sentence `sentence`; bytes begin..end
// of Document::text.
struct Entity {
  uint32_t sentence = 0, first = 0, last = 0;
  std::string type;  // PER, LOC, ORG or MISC
  std::string text;  // the mention as written
  uint32_t begin = 0, end = 0;
  std::string role;       // for PER: "foreign minister", "humanitarian chief"; else empty
  std::string role_of;    // what the role belongs to: "Russia", "United Nations"; may be empty
  std::string honorific;  // for PER: "Mrs" when written "Mrs Wilkinson"; never part of `text`
};

// A loaded recognizer; recognize() is const and safe to call from several threads.
class EntityRecognizer {
 public:
  // Loads ner.bin and ner-clusters.tsv from `dir`; roles come from WordNet (KG_WORDNET or the
  // build's WordNet directory) and are left empty if it is missing.
  // Throws std::runtime_error if the model files are missing, corrupt or mismatched.
  static EntityRecognizer load(const std::string& dir);

  // The entities of a tokenized document, in text order. Throws std::logic_error if the
  // recognizer was default-constructed instead of loaded.
  std::vector<Entity> recognize(const Document& doc) const;

  // IOB2 tags for documents given as sentences of tokens (CoNLL input).
  std::vector<std::vector<std::string>> tag(
      const std::vector<std::vector<std::string>>& sentences) const;

 private:
  std::shared_ptr<const ner::NerModel> model_;
  std::shared_ptr<const ner::RoleLexicon> roles_;
};

}  // namespace kg::extract
