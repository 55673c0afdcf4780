#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "extract/syntax/parser.h"
#include "extract/syntax/parser_guide.h"

namespace {

using kg::extract::Parser;
using kg::extract::ParserOptions;
using kg::extract::Sentence;

// A tagged sentence with its tree: (form, UPOS, head, relation) per word.
Sentence tree(std::initializer_list<std::tuple<const char*, const char*, int, const char*>> words) {
  Sentence s;
  for (auto [form, upos, head, deprel] : words) {
    kg::extract::Token t;
    t.form = form;
    t.upos = upos;
    t.xpos = upos;
    t.head = head;
    t.deprel = deprel;
    s.tokens.push_back(t);
  }
  return s;
}

std::vector<Sentence> tiny_treebank() {
  return {
      tree({{"the", "DET", 2, "det"},
            {"dog", "NOUN", 3, "nsubj"},
            {"sees", "VERB", 0, "root"},
            {"a", "DET", 5, "det"},
            {"cat", "NOUN", 3, "obj"}}),
      tree({{"a", "DET", 2, "det"}, {"cat", "NOUN", 3, "nsubj"}, {"sleeps", "VERB", 0, "root"}}),
      tree(
          {{"dogs", "NOUN", 2, "nsubj"}, {"chase", "VERB", 0, "root"}, {"cats", "NOUN", 2, "obj"}}),
      tree({{"the", "DET", 2, "det"},
            {"cat", "NOUN", 3, "nsubj"},
            {"sees", "VERB", 0, "root"},
            {"dogs", "NOUN", 3, "obj"}})};
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("kg_parser_train_" + name)).string();
}

}  // namespace

TEST_CASE("a parser ensemble learns its training trees, is deterministic and survives saving") {
  const auto treebank = tiny_treebank();
  for (int members : {1, 3}) {
    CAPTURE(members);
    ParserOptions options;
    options.epochs = 8;
    options.ensemble = members;
    std::string first = temp_path("a.bin"), second = temp_path("b.bin");
    Parser::train(treebank, {}, {}, options, nullptr).save(first);
    Parser::train(treebank, {}, {}, options, nullptr).save(second);
    CHECK(read_all(first) == read_all(second));
    Parser loaded = Parser::load(first);
    auto score = loaded.evaluate(treebank);
    CHECK(score.words == 15);
    CHECK(score.las() == doctest::Approx(100.0));
    std::filesystem::remove(first);
    std::filesystem::remove(second);
  }
}

TEST_CASE("a right-to-left parser learns its training trees") {
  const auto treebank = tiny_treebank();
  ParserOptions options;
  options.epochs = 8;
  options.reverse = true;
  const std::string path = temp_path("reversed.bin");
  Parser::train(treebank, {}, {}, options, nullptr).save(path);
  Parser loaded = Parser::load(path);
  CHECK(loaded.guide() == nullptr);
  CHECK(loaded.evaluate(treebank).las() == doctest::Approx(100.0));
  std::filesystem::remove(path);
}

TEST_CASE("a guided parser carries its guide in one file and is deterministic") {
  // Twice the tiny treebank, so that each of two folds has a copy of every tree.
  auto treebank = tiny_treebank();
  const auto again = tiny_treebank();
  treebank.insert(treebank.end(), again.begin(), again.end());
  ParserOptions options;
  options.epochs = 8;
  auto guide = kg::extract::train_parser_guide(treebank, {}, {}, options, 2, nullptr);
  REQUIRE(guide.train_trees.size() == treebank.size());
  CHECK(guide.parser.evaluate(treebank).las() == doctest::Approx(100.0));
  std::string first = temp_path("guided_a.bin"), second = temp_path("guided_b.bin");
  Parser::train(treebank, {}, {}, options, nullptr, &guide.parser, &guide.train_trees).save(first);
  auto guide_again = kg::extract::train_parser_guide(treebank, {}, {}, options, 2, nullptr);
  Parser::train(treebank, {}, {}, options, nullptr, &guide_again.parser, &guide_again.train_trees)
      .save(second);
  CHECK(read_all(first) == read_all(second));
  Parser loaded = Parser::load(first);
  CHECK(loaded.guide() != nullptr);
  CHECK(loaded.evaluate(treebank).las() == doctest::Approx(100.0));
  // A guided parser cannot be trained without the guide's trees of its training set.
  CHECK_THROWS(Parser::train(treebank, {}, {}, options, nullptr, &guide.parser, nullptr));
  std::filesystem::remove(first);
  std::filesystem::remove(second);
}
