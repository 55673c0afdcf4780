// From a raw document to facts about its entities: the whole extraction stage in one call.
// Tokenize, tag, parse, recognize entities, resolve coreference, read triples off clauses and
// noun phrases, and name both ends by their entities.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "extract/facts/facts.h"

namespace kg::extract {

// The loaded models; extract() is const and may run on several threads at once.
class Extractor {
 public:
  // Loads the tagger, parser, recognizer and WordNet lexicons; `alias_files` are extra
  // "name<TAB>canonical" tables (models/aliases.tsv is always read when present).
  // Throws std::runtime_error naming the file that failed.
  static Extractor load(const std::string& model_dir, const std::string& wordnet_dir,
                        const std::vector<std::string>& alias_files = {});
  Extractor(Extractor&&) noexcept;
  ~Extractor();

  // Extracts the facts of one document given as raw bytes (UTF-8, or Latin-1, repaired).
  // Throws ExtractError for binary input.
  DocumentFacts extract(std::string name, std::string_view bytes,
                        const ExtractOptions& options = {}) const;
  // Only the syntax: decoded, tokenized, tagged, lemmatized and parsed.
  Document annotate(std::string name, std::string_view bytes) const;

  struct Models;  // opaque: defined in extractor.cpp

 private:
  explicit Extractor(std::unique_ptr<Models> models);
  std::unique_ptr<Models> models_;
};

}  // namespace kg::extract
