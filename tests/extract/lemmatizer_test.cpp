#include "extract/syntax/lemmatizer.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "extract/resources/paths.h"
#include "extract/syntax/pipeline.h"

TEST_CASE("WordNet rules lemmatize irregular and regular inflections") {
  std::string wordnet = kg::extract::default_wordnet_dir();
  if (!std::filesystem::exists(wordnet + "/index.verb")) {
    MESSAGE("skipped: WordNet not installed at " << wordnet << " (scripts/install-deps.sh)");
    return;
  }
  kg::extract::Lemmatizer lemmatizer(wordnet);  // untrained: rules and WordNet only
  CHECK(lemmatizer.lemma("met", "VBD") == "meet");
  CHECK(lemmatizer.lemma("talks", "NNS") == "talk");
  CHECK(lemmatizer.lemma("capitals", "NNS") == "capital");
  CHECK(lemmatizer.lemma("said", "VBD") == "say");
  CHECK(lemmatizer.lemma("was", "VBD") == "be");
  CHECK(lemmatizer.lemma("stopped", "VBD") == "stop");
  CHECK(lemmatizer.lemma("cities", "NNS") == "city");
  CHECK(lemmatizer.lemma("Guterres", "NNP") == "Guterres");
  CHECK(lemmatizer.lemma("larger", "JJR") == "large");
  CHECK(lemmatizer.lemma("The", "DT") == "the");
}

TEST_CASE("a missing WordNet folder is a clear error") {
  CHECK_THROWS_WITH_AS(kg::extract::Lemmatizer("/nonexistent/wordnet"),
                       doctest::Contains("cannot open WordNet file"), std::runtime_error);
}
