#include "extract/syntax/pipeline.h"

#include <cstdlib>
#include <future>

namespace kg::extract {

Pipeline Pipeline::load(const std::string& model_dir, const std::string& wordnet_dir) {
  Pipeline p;
  // The parser is the largest model: it loads on a second thread while the tagger, the
  // lemmatizer and WordNet load on this one (start-up of kg parse and kg build).
  auto parser = std::async(std::launch::async, [path = model_dir + "/parser.bin"] {
    return std::make_shared<const Parser>(Parser::load(path));
  });
  p.tagger_ = std::make_shared<const Tagger>(Tagger::load(model_dir + "/tagger.bin"));
  auto lemmatizer = std::make_shared<Lemmatizer>(wordnet_dir);
  lemmatizer->load(model_dir + "/lemmas.bin");
  p.lemmatizer_ = std::move(lemmatizer);
  p.parser_ = parser.get();
  return p;
}

Pipeline Pipeline::load_default() {
  return load(default_model_dir(), default_wordnet_dir());
}

void Pipeline::annotate(Sentence& sentence) const {
  tagger_->tag(sentence);
  lemmatizer_->lemmatize(sentence);
  parser_->parse(sentence);
}

}  // namespace kg::extract
