// libFuzzer target: the whole text pipeline (decode, split, tokenize, tag, lemmatize, parse,
// recognize entities, resolve coreference, extract clauses and facts, add them to a graph) on
// arbitrary bytes. It must return facts whose spans lie inside the text, or throw ExtractError
// for binary input. The models are loaded once, before the first input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/error.h"
#include "extract/extractor.h"
#include "extract/facts/to_graph.h"
#include "extract/syntax/pipeline.h"

namespace {

const kg::extract::Extractor& extractor() {
  static const kg::extract::Extractor loaded = kg::extract::Extractor::load(
      kg::extract::default_model_dir(), kg::extract::default_wordnet_dir());
  return loaded;
}

}  // namespace

// Loading the models takes seconds under the sanitizers: done here so no input is charged for it.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  extractor();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Longer inputs only repeat what short ones reach, at a fraction of the executions.
  if (size > 8192) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kg::extract::DocumentFacts facts;
  try {
    facts = extractor().extract("fuzz.txt", bytes);
  } catch (const kg::extract::ExtractError&) {
    return 0;
  }
  const std::string& text = facts.text;
  const kg::extract::Document doc = extractor().annotate("fuzz.txt", bytes);
  if (doc.text != text) std::abort();
  for (const auto& sentence : doc.sentences) {
    for (const auto& token : sentence.tokens) {
      if (token.end > text.size() || token.begin > token.end) std::abort();
      if (token.head < 0 || token.head > static_cast<int>(sentence.tokens.size())) std::abort();
    }
  }
  for (const auto& fact : facts.facts) {
    if (fact.begin > fact.end || fact.end > text.size()) std::abort();
    if (fact.subject.empty() || fact.object.empty() || fact.relation.empty()) std::abort();
  }
  kg::graph::Graph graph;
  kg::extract::add_to_graph(graph, facts);
  return 0;
}
