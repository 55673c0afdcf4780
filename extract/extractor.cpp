#include "extract/extractor.h"

#include "extract/syntax/pipeline.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace kg::extract {

struct Extractor::Models {
  Pipeline pipeline;
  EntityRecognizer recognizer;
  ner::RoleLexicon lexicon;
  Nominalizations nominal;
  NameTables names;
};

Extractor::Extractor(std::unique_ptr<Models> models) : models_(std::move(models)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

Extractor Extractor::load(const std::string& model_dir, const std::string& wordnet_dir,
                          const std::vector<std::string>& alias_files) {
  auto models = std::unique_ptr<Models>(
      new Models{Pipeline::load(model_dir, wordnet_dir), EntityRecognizer::load(model_dir),
                 ner::RoleLexicon::build(wordnet_dir), Nominalizations::load(wordnet_dir),
                 NameTables::load(model_dir, alias_files)});
  return Extractor(std::move(models));
}

namespace {

Document annotate_text(const Pipeline& pipeline, std::string name, std::string text) {
  Document doc;
  doc.name = std::move(name);
  doc.text = std::move(text);
  tokenize(doc);
  for (auto& sentence : doc.sentences) pipeline.annotate(sentence);
  return doc;
}

}  // namespace

Document Extractor::annotate(std::string name, std::string_view bytes) const {
  DecodedText decoded = decode_text(bytes, name);
  return annotate_text(models_->pipeline, std::move(name), std::move(decoded.text));
}

DocumentFacts Extractor::extract(std::string name, std::string_view bytes,
                                 const ExtractOptions& options) const {
  DecodedText decoded = decode_text(bytes, name);
  DocumentFacts result;
  result.name = name;
  result.was_latin1 = decoded.was_latin1;
  result.document = annotate_text(models_->pipeline, std::move(name), std::move(decoded.text));
  Document& doc = result.document;
  std::vector<Entity> entities = models_->recognizer.recognize(doc);
  Coreference coref = resolve_coreference(
      doc, entities, {models_->lexicon, models_->names.aliases, models_->names.first_names});
  for (uint32_t i = 0; i < doc.sentences.size(); ++i)
    sentence_facts(models_->nominal, doc, coref, i, options, result.facts);
  role_facts(entities, doc, coref, result.facts);
  result.entities = std::move(coref.clusters);
  return result;
}

}  // namespace kg::extract
