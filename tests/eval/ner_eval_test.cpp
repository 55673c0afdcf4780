// conlleval-style counting on hand-made gold and predicted tags.
#include "eval/ner_eval.h"

#include <doctest/doctest.h>

#include <sstream>

using kg::eval::NerScores;

TEST_CASE("scores count exact span and type matches only") {
  NerScores scores;
  // gold: [Peter Blackburn]PER ... [Brussels]LOC [EU]ORG
  // pred: [Peter]PER [Blackburn]PER ... [Brussels]LOC [EU]MISC
  scores.add({"I-PER", "I-PER", "O", "I-LOC", "I-ORG"}, {"B-PER", "B-PER", "O", "B-LOC", "B-MISC"});
  CHECK(scores.overall.gold == 3);
  CHECK(scores.overall.predicted == 4);
  CHECK(scores.overall.correct == 1);
  CHECK(scores.by_type["LOC"].correct == 1);
  CHECK(scores.by_type["PER"].correct == 0);
  CHECK(scores.by_type["MISC"].predicted == 1);
  CHECK(scores.overall.precision() == doctest::Approx(25.0));
  CHECK(scores.overall.recall() == doctest::Approx(100.0 / 3));
  CHECK(scores.overall.f1() == doctest::Approx(2 * 25.0 * (100.0 / 3) / (25.0 + 100.0 / 3)));
  CHECK(scores.tokens == 5);
  CHECK(scores.tokens_correct == 4);
}

TEST_CASE("a file with gold and predicted columns is scored per sentence") {
  std::istringstream in(
      "-DOCSTART- -X- O O\n\n"
      "EU NNP I-ORG B-ORG\nrejects VBZ O O\nGerman JJ I-MISC B-MISC\n\n"
      "Peter NNP I-PER B-PER\nBlackburn NNP I-PER O\n");
  auto docs = kg::extract::parse_conll(in, "test");
  REQUIRE(docs.size() == 1);
  REQUIRE(docs[0].sentences.size() == 2);
  NerScores scores = kg::eval::evaluate_conll_columns(docs);
  CHECK(scores.overall.gold == 3);
  CHECK(scores.overall.predicted == 3);
  CHECK(scores.overall.correct == 2);
}
