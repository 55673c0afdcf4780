#include "extract/extractor.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include "base/sha256.h"
#include "extract/facts/coref_windows.h"
#include "extract/facts/relation_pairs.h"
#include "extract/syntax/pipeline.h"
#include "extract/text/dates.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace kg::extract {

struct Extractor::Models {
  Pipeline pipeline;
  EntityRecognizer recognizer;
  ner::RoleLexicon lexicon;
  Nominalizations nominal;
  NameTables names;
  // The pair classifier; without models/relations.bin only the rules give classes.
  std::optional<RelationModel> relations;
};

Extractor::Extractor(std::unique_ptr<Models> models) : models_(std::move(models)) {}
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor::~Extractor() = default;

Extractor Extractor::load(const std::string& model_dir, const std::string& wordnet_dir,
                          const std::vector<std::string>& alias_files) {
  auto models = std::unique_ptr<Models>(
      new Models{Pipeline::load(model_dir, wordnet_dir), EntityRecognizer::load(model_dir),
                 ner::RoleLexicon::build(wordnet_dir), Nominalizations::load(wordnet_dir),
                 NameTables::load(model_dir, alias_files), std::nullopt});
  const std::string relations = model_dir + "/" + RelationModel::kFile;
  if (std::filesystem::exists(relations)) models->relations = RelationModel::load(relations);
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

namespace {

// The facts of one window of a document: its sentences (numbered from `first` in the document)
// annotated, their entities recognized and resolved, their facts appended to `out`. Returns the
// window's coreference; the window keeps the whole text, so offsets need no shifting.
Coreference window_facts(const Extractor::Models& m, Document& window, size_t first,
                         const ExtractOptions& options, DocumentFacts& out) {
  for (auto& sentence : window.sentences) {
    m.pipeline.annotate(sentence);
    out.words += sentence.tokens.size();
  }
  std::vector<Entity> entities = m.recognizer.recognize(window);
  Coreference coref =
      resolve_coreference(window, entities, {m.lexicon, m.names.aliases, m.names.first_names});
  const size_t before = out.facts.size();
  for (uint32_t i = 0; i < window.sentences.size(); ++i)
    sentence_facts(m.nominal, window, coref, i, options, out.facts);
  role_facts(entities, window, coref, out.facts);
  name_place_facts(entities, window, coref, {m.lexicon, m.names.aliases, m.names.first_names},
                   m.names.places, out.facts);
  // Classes, once every rule has read its facts: the classifier reads them as features.
  std::vector<std::vector<size_t>> by_sentence(window.sentences.size());
  for (size_t k = before; k < out.facts.size(); ++k)
    by_sentence[out.facts[k].sentence].push_back(k);
  std::function<void(const PairCandidate&)> on_candidate;
  if (options.on_candidate)
    on_candidate = [&](const PairCandidate& c) { options.on_candidate(window, c); };
  for (uint32_t i = 0; i < window.sentences.size(); ++i)
    classify_relations(m.relations ? &*m.relations : nullptr, &m.names.places, window, coref, i,
                       out.facts, by_sentence[i], on_candidate);
  for (size_t k = before; k < out.facts.size(); ++k)
    out.facts[k].sentence += static_cast<uint32_t>(first);
  return coref;
}

}  // namespace

namespace {

// What an article node says of the document: its first line as title, the hash of its text,
// the date its dateline gives; and each fact's date read against that.
void describe_article(DocumentFacts& doc) {
  std::string_view text = doc.text;
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    // A title, not a whole one-line document.
    constexpr size_t kMaxTitle = 300;
    if (line.size() > kMaxTitle) {
      size_t cut = kMaxTitle;
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
      line = line.substr(0, cut);
    }
    doc.title = std::string(line);
  }
  doc.sha256 = base::sha256_hex(text);
  doc.date = dateline_date(text);
  date_facts(doc);
}

}  // namespace

DocumentFacts Extractor::extract(std::string name, std::string_view bytes,
                                 const ExtractOptions& options) const {
  DecodedText decoded = decode_text(bytes, name);
  DocumentFacts result;
  result.name = name;
  result.was_latin1 = decoded.was_latin1;
  SentenceIndex index(decoded.text, name);
  const size_t window = std::max<size_t>(1, options.window_sentences);
  Document doc;
  doc.name = std::move(name);
  doc.text = std::move(decoded.text);
  if (index.size() <= window) {  // every news article: one window, resolved as a whole
    index.fill(doc.text, 0, index.size(), doc.sentences);
    result.entities = window_facts(*models_, doc, 0, options, result).clusters;
    result.text = std::move(doc.text);
    describe_article(result);
    return result;
  }
  // A long document, a window at a time. A fact's ends are named by its window's clusters; they
  // are renamed at the end by the document entity those clusters became.
  DocumentEntities entities;
  std::vector<std::pair<int, int>> ends;  // document entities of each fact's subject and object
  for (size_t first = 0; first < index.size(); first += window) {
    const size_t last = std::min(index.size(), first + window);
    doc.sentences.clear();
    index.fill(doc.text, first, last, doc.sentences);
    const size_t before = result.facts.size();
    Coreference coref = window_facts(*models_, doc, first, options, result);
    std::vector<int> ids = entities.add_window(coref.clusters);
    std::unordered_map<std::string, int> by_name;
    for (size_t k = 0; k < ids.size(); ++k) by_name.emplace(coref.clusters[k].name, ids[k]);
    auto entity_of = [&](const std::string& end) {
      auto it = by_name.find(end);
      return it == by_name.end() ? -1 : it->second;
    };
    for (size_t k = before; k < result.facts.size(); ++k)
      ends.emplace_back(entity_of(result.facts[k].subject), entity_of(result.facts[k].object));
    if (options.progress) options.progress(index.begin(last), doc.text.size());
  }
  std::vector<int> final;
  result.entities = entities.finish(final);
  for (size_t k = 0; k < result.facts.size(); ++k) {
    Fact& f = result.facts[k];
    if (ends[k].first >= 0) f.subject = result.entities[final[ends[k].first]].name;
    if (ends[k].second >= 0) f.object = result.entities[final[ends[k].second]].name;
  }
  result.text = std::move(doc.text);
  describe_article(result);
  return result;
}

}  // namespace kg::extract
