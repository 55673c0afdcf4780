// Long documents read a window of sentences at a time (extract/extractor.cpp,
// extract/facts/coref_windows.*): the entities carry over from window to window, the facts keep
// the document's sentence numbers and offsets, and a text without sentence ends is cut.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "extract/extractor.h"
#include "extract/resources/paths.h"
#include "extract/text/tokenizer.h"
#include "tests/extract/extractor_fixture.h"

using kg::extract::DocumentFacts;
using kg::extract::EntityCluster;
using kg::extract::ExtractOptions;

using kg::test::entity;
using kg::test::extractor;

namespace {

bool has_end(const DocumentFacts& facts, const std::string& name) {
  return std::any_of(facts.facts.begin(), facts.facts.end(),
                     [&](const auto& f) { return f.subject == name || f.object == name; });
}

ExtractOptions windows_of(size_t sentences) {
  ExtractOptions options;
  options.window_sentences = sentences;
  return options;
}

const char* kArticle =
    "Tony Blair met Jacques Chirac in Paris on Monday. The talks lasted three hours. "
    "Officials said little afterwards. Mr Blair said the talks were useful. "
    "The weather in Paris was cold. Blair later flew to Berlin. "
    "Gerhard Schroeder welcomed Blair at the airport. Mr Blair thanked Mr Schroeder.";

}  // namespace

TEST_CASE("a person named in full in one window and by surname in later ones is one entity") {
  DocumentFacts whole = extractor().extract("a.txt", kArticle);
  DocumentFacts windowed = extractor().extract("a.txt", kArticle, windows_of(2));
  const EntityCluster* blair = entity(windowed, "Tony Blair");
  REQUIRE(blair != nullptr);
  CHECK(entity(windowed, "Mr Blair") == blair);
  CHECK(entity(windowed, "Blair") == blair);
  CHECK(blair->mentions == entity(whole, "Tony Blair")->mentions);
  CHECK(windowed.words == whole.words);
  // Facts name the document's entity, not the short name their window knew.
  CHECK(has_end(windowed, "Tony Blair"));
  CHECK_FALSE(has_end(windowed, "Blair"));
  CHECK_FALSE(has_end(windowed, "Mr Blair"));
}

TEST_CASE("a surname in an early window joins the full name a later window gives") {
  const char* text =
      "Blair arrived in Paris on Monday. Officials said little. The weather was cold. "
      "Tony Blair met Jacques Chirac at the Elysee. Blair flew home.";
  DocumentFacts windowed = extractor().extract("b.txt", text, windows_of(1));
  const EntityCluster* blair = entity(windowed, "Tony Blair");
  REQUIRE(blair != nullptr);
  CHECK(entity(windowed, "Blair") == blair);
  CHECK_FALSE(has_end(windowed, "Blair"));
}

TEST_CASE("two people of one surname keep a lone surname in a later window apart") {
  const char* text =
      "Patricia Hewitt spoke in London. Lleyton Hewitt played in Sydney. "
      "Officials said little. Hewitt said nothing more.";
  DocumentFacts windowed = extractor().extract("c.txt", text, windows_of(1));
  const EntityCluster* patricia = entity(windowed, "Patricia Hewitt");
  const EntityCluster* lleyton = entity(windowed, "Lleyton Hewitt");
  REQUIRE(patricia != nullptr);
  REQUIRE(lleyton != nullptr);
  CHECK(patricia != lleyton);
  REQUIRE(entity(windowed, "Hewitt") != nullptr);
  CHECK(entity(windowed, "Hewitt") != patricia);
  CHECK(entity(windowed, "Hewitt") != lleyton);
}

TEST_CASE("facts of later windows keep the document's sentence numbers and offsets") {
  std::string text;
  for (int i = 0; i < 6; ++i) text += kArticle, text += "\n\n";
  DocumentFacts windowed = extractor().extract("d.txt", text, windows_of(3));
  kg::extract::SentenceIndex index(text, "d.txt");
  REQUIRE(index.size() == 48);
  REQUIRE_FALSE(windowed.facts.empty());
  uint32_t last_sentence = 0;
  for (const auto& f : windowed.facts) {
    REQUIRE(f.sentence < index.size());
    CHECK(f.begin == index.begin(f.sentence));
    CHECK(f.end <= index.begin(f.sentence + 1));
    last_sentence = std::max(last_sentence, f.sentence);
  }
  CHECK(last_sentence >= 40);
  CHECK(windowed.text == text);
}

TEST_CASE("progress is reported after each window, ending at the whole text") {
  std::string text;
  for (int i = 0; i < 3; ++i) text += kArticle, text += "\n\n";
  ExtractOptions options = windows_of(5);
  std::vector<size_t> done;
  options.progress = [&](size_t bytes, size_t total) {
    CHECK(total == text.size());
    done.push_back(bytes);
  };
  extractor().extract("e.txt", text, options);
  REQUIRE(done.size() == 5);  // 24 sentences, 5 a window
  CHECK(std::is_sorted(done.begin(), done.end()));
  CHECK(done.back() == text.size());
}

TEST_CASE("a text without sentence ends is cut into sentences of at most 400 tokens") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "word ";
  kg::extract::SentenceIndex index(text, "f.txt");
  CHECK(index.size() == 3);
  std::vector<kg::extract::Sentence> sentences;
  index.fill(text, 0, index.size(), sentences);
  REQUIRE(sentences.size() == 3);
  CHECK(sentences[0].tokens.size() == kg::extract::kMaxSentenceTokens);
  CHECK(sentences[2].tokens.size() == 200);
}
