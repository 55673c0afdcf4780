// From a raw document to facts about its entities: the whole extraction stage in one call.
// Tokenize, tag, parse, recognize entities, resolve coreference, read triples off clauses and
// noun phrases, and name both ends by their entities.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/facts/coref.h"
#include "extract/document.h"

namespace kg::extract {

// One extracted triple with its provenance and qualifiers.
struct Fact {
  std::string subject, subject_type;  // canonical entity names and kg types
  std::string relation;               // canonical: "meet", "capital_of"
  std::string surface;                // as written: "met with"
  std::string object, object_type;
  uint32_t sentence = 0;              // sentence number in the document
  uint32_t begin = 0, end = 0;        // byte span of the sentence in the document
  float confidence = 0;
  bool negated = false;
  std::string modality, attribution, time;
  std::string pattern;                // the rule that produced it
};

// What one document yields.
struct DocumentFacts {
  std::string name;
  Document document;                  // tokens, tags and trees, for evidence and debugging
  std::vector<EntityCluster> entities;
  std::vector<Fact> facts;
  bool was_latin1 = false;
};

// Extraction options.
struct ExtractOptions {
  bool all = false;  // keep clause triples whose ends are not entities (nodes of type Concept)
};

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

 private:
  struct Models;
  explicit Extractor(std::unique_ptr<Models> models);
  std::unique_ptr<Models> models_;
};

}  // namespace kg::extract
