// The syntactic pipeline other stages call: tag, lemmatize and parse one tokenized sentence.
#pragma once

#include <memory>
#include <string>

#include "extract/document.h"
#include "extract/resources/paths.h"
#include "extract/syntax/lemmatizer.h"
#include "extract/syntax/parser.h"
#include "extract/syntax/tagger.h"

namespace kg::extract {

// Loaded models for tagging, lemmatizing and parsing. Copies share the models; annotate() is
// const and safe to call from several threads at once.
class Pipeline {
 public:
  // Loads tagger.bin, lemmas.bin and parser.bin from `model_dir` and WordNet from
  // `wordnet_dir`; throws ModelError / std::runtime_error with the file name on failure.
  static Pipeline load(const std::string& model_dir, const std::string& wordnet_dir);
  // Same, from default_model_dir() and default_wordnet_dir().
  static Pipeline load_default();

  // Fills upos, xpos, lemma, head and deprel of every token from the forms.
  void annotate(Sentence& sentence) const;
  // Each step alone, for evaluation with gold input.
  void tag(Sentence& sentence) const { tagger_->tag(sentence); }
  void lemmatize(Sentence& sentence) const { lemmatizer_->lemmatize(sentence); }
  void parse(Sentence& sentence) const { parser_->parse(sentence); }

 private:
  std::shared_ptr<const Tagger> tagger_;
  std::shared_ptr<const Lemmatizer> lemmatizer_;
  std::shared_ptr<const Parser> parser_;
};

}  // namespace kg::extract
