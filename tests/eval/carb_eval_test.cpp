#include "eval/carb_eval.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

using namespace kg::eval;

namespace {

OpenTuple tuple(const char* sentence, double confidence, const char* relation,
                std::vector<std::string> args) {
  return {sentence, confidence, relation, std::move(args)};
}

TupleMatch match(const char* gold_relation, std::vector<std::string> gold_args,
                 const char* system_relation, std::vector<std::string> system_args) {
  return carb_match(tuple("s", 1, gold_relation, std::move(gold_args)),
                    tuple("s", 1, system_relation, std::move(system_args)));
}

}  // namespace

TEST_CASE("CaRB scoring: token overlap per slot, thresholds, unmatched sentences") {
  const char* s1 = "Guterres met Lavrov in Moscow .";
  const char* s2 = "Griffiths visited Kyiv .";
  std::vector<OpenTuple> gold = {tuple(s1, 1, "met", {"Guterres", "Lavrov", "in Moscow"}),
                                 tuple(s2, 1, "visited", {"Griffiths", "Kyiv"})};
  SUBCASE("a perfect system") {
    std::vector<OpenTuple> system = {
        tuple(s1, 0.9, "met", {"Guterres", "Lavrov", "in Moscow"}),
        tuple("Griffiths visited Kyiv.", 0.8, "visited", {"Griffiths", "Kyiv"})};
    CarbScore score = score_carb(gold, system);
    CHECK(score.precision == doctest::Approx(1.0));
    CHECK(score.recall == doctest::Approx(1.0));
    CHECK(score.f1 == doctest::Approx(1.0));
  }
  SUBCASE("a partial match scores its shares; no output for a sentence costs recall") {
    std::vector<OpenTuple> system = {tuple(s1, 0.9, "met", {"Guterres", "Lavrov"})};
    CarbScore score = score_carb(gold, system);
    CHECK(score.precision == doctest::Approx(1.0));
    // 3 of 5 gold tokens in the first tuple, none of the second sentence.
    CHECK(score.recall == doctest::Approx((3.0 / 5.0) / 2.0));
  }
  SUBCASE("no shared relation word is no match; a low-confidence wrong tuple is cut") {
    std::vector<OpenTuple> system = {tuple(s1, 0.9, "met", {"Guterres", "Lavrov", "in Moscow"}),
                                     tuple(s1, 0.1, "said", {"Guterres", "Lavrov"})};
    CarbScore score = score_carb(gold, system);
    CHECK(score.precision == doctest::Approx(1.0));
    CHECK(score.threshold == doctest::Approx(0.9));
  }
}

TEST_CASE("CaRB tuple match: case-sensitive tokens, stopwords counted") {
  // Relation 1/1; "guterres" misses "Guterres"; "the" and "minister" of 3 gold words.
  TupleMatch m =
      match("met", {"Guterres", "the Russian minister"}, "met", {"guterres", "the minister"});
  CHECK(m.precision == doctest::Approx(3.0 / 4.0));
  CHECK(m.recall == doctest::Approx(3.0 / 5.0));
}

TEST_CASE("CaRB tuple match: arguments after the first form one slot on both sides") {
  TupleMatch split = match("met", {"A", "B", "in Moscow"}, "met", {"A", "B in Moscow"});
  CHECK(split.precision == doctest::Approx(1.0));
  CHECK(split.recall == doctest::Approx(1.0));
  TupleMatch more = match("met", {"A", "B in Moscow"}, "met", {"A", "B", "in", "Moscow"});
  CHECK(more.precision == doctest::Approx(1.0));
  CHECK(more.recall == doctest::Approx(1.0));
  // Word order inside the joined slot does not matter: bags of tokens.
  TupleMatch order = match("met", {"A", "B", "in Moscow"}, "met", {"A", "in Moscow", "B"});
  CHECK(order.precision == doctest::Approx(1.0));
}

TEST_CASE("CaRB tuple match: only the relation must overlap") {
  TupleMatch wrong_args = match("met", {"A", "B"}, "met", {"X", "Y"});
  CHECK(wrong_args.precision == doctest::Approx(1.0 / 3.0));
  CHECK(wrong_args.recall == doctest::Approx(1.0 / 3.0));
  TupleMatch wrong_relation = match("met", {"A", "B"}, "saw", {"A", "B"});
  CHECK(wrong_relation.precision == 0.0);
  CHECK(wrong_relation.recall == 0.0);
}

TEST_CASE("CaRB tuple match: slot counts") {
  // A one-argument system tuple cannot match a two-argument gold tuple.
  TupleMatch short_system = match("met", {"A", "B"}, "met", {"A"});
  CHECK(short_system.precision == 0.0);
  CHECK(short_system.recall == 0.0);
  // A one-argument gold tuple ignores the system's second argument, in precision too.
  TupleMatch short_gold = match("died", {"He"}, "died", {"He", "in 1990"});
  CHECK(short_gold.precision == doctest::Approx(1.0));
  CHECK(short_gold.recall == doctest::Approx(1.0));
  // Each gold token takes one predicted token: "the the" finds one "the".
  TupleMatch repeated = match("is", {"X", "the"}, "is", {"X", "the the"});
  CHECK(repeated.precision == doctest::Approx(3.0 / 4.0));
  CHECK(repeated.recall == doctest::Approx(1.0));
}

TEST_CASE("CaRB tuple match: a predicted 'be' matches a form of be") {
  TupleMatch be = match("is part of", {"X", "Y"}, "be part of", {"X", "Y"});
  CHECK(be.precision == doctest::Approx(1.0));
  CHECK(be.recall == doctest::Approx(1.0));
  // Not the other way round: a predicted "is" does not match a gold "was".
  TupleMatch was = match("was", {"X", "Y"}, "is", {"X", "Y"});
  CHECK(was.precision == 0.0);
}

TEST_CASE("CaRB tuple match: said-type gold relations also try the swapped arguments") {
  TupleMatch swapped = match("said", {"He", "the plan failed"}, "said", {"the plan failed", "He"});
  CHECK(swapped.precision == doctest::Approx(1.0));
  CHECK(swapped.recall == doctest::Approx(1.0));
  // Other relations do not: relation 1 of 5 tokens each way.
  TupleMatch straight =
      match("thinks", {"He", "the plan failed"}, "thinks", {"the plan failed", "He"});
  CHECK(straight.precision == doctest::Approx(1.0 / 5.0));
  CHECK(straight.recall == doctest::Approx(1.0 / 5.0));
}

TEST_CASE("CaRB sentence key: spaces and ASCII punctuation out, PTB brackets undone, case kept") {
  CHECK(carb_sentence_key("Guterres met Lavrov -LRB- UN -RRB- .") ==
        carb_sentence_key("Guterres met Lavrov (UN)."));
  CHECK(carb_sentence_key("Guterres met Lavrov .") == "GuterresmetLavrov");
  CHECK(carb_sentence_key("guterres met Lavrov") != carb_sentence_key("Guterres met Lavrov"));
}

TEST_CASE("CaRB scoring: recall many-to-one, precision one-to-one, thresholds, AUC") {
  const char* s = "A met B and C .";
  std::vector<OpenTuple> gold = {tuple(s, 1, "met", {"A", "B"}), tuple(s, 1, "met", {"A", "C"})};
  // Against gold 1: 1/1; against gold 2: relation and A of 3 tokens, 2/3 each way.
  SUBCASE("one system tuple serves recall twice but precision once") {
    CarbScore score = score_carb(gold, {tuple(s, 0.9, "met", {"A", "B"})});
    CHECK(score.recall == doctest::Approx((1.0 + 2.0 / 3.0) / 2.0));
    CHECK(score.precision == doctest::Approx(1.0));
  }
  SUBCASE("a duplicate at a lower confidence is matched to the other gold tuple") {
    CarbScore score =
        score_carb(gold, {tuple(s, 0.9, "met", {"A", "B"}), tuple(s, 0.5, "met", {"A", "B"})});
    // At 0.5: P = (1 + 2/3) / 2 = R, F1 5/6; at 0.9: P 1, R 5/6, F1 10/11.
    CHECK(score.threshold == doctest::Approx(0.9));
    CHECK(score.f1 == doctest::Approx(10.0 / 11.0));
    CHECK(score.system_tuples == 1);
    // Points (5/6, 5/6), (5/6, 1), then (0, 1): the area is 5/6.
    CHECK(score.auc == doctest::Approx(5.0 / 6.0));
  }
  SUBCASE("thresholds come from every system tuple; ties go to the lowest threshold") {
    CarbScore score = score_carb(
        gold, {tuple(s, 0.9, "met", {"A", "B"}), tuple("Elsewhere .", 0.5, "met", {"A", "B"})});
    CHECK(score.threshold == doctest::Approx(0.5));
    CHECK(score.precision == doctest::Approx(1.0));
  }
  SUBCASE("no kept system tuple counts as precision 1, recall 0") {
    CarbScore score = score_carb(gold, {tuple("Elsewhere .", 0.7, "met", {"A", "B"})});
    CHECK(score.precision == doctest::Approx(1.0));
    CHECK(score.recall == 0.0);
    CHECK(score.f1 == 0.0);
  }
  SUBCASE("no system output at all") {
    CarbScore score = score_carb(gold, {});
    CHECK(score.f1 == 0.0);
    CHECK(score.auc == 0.0);
    CHECK(score.gold_tuples == 2);
  }
}

TEST_CASE("CaRB readers: lines stripped, trailing empty arguments dropped, bad lines rejected") {
  std::string path = (std::filesystem::temp_directory_path() / "kg_carb_reader_test.tsv").string();
  {
    std::ofstream out(path);
    out << "A met B .\tmet \tA \tB\t\t\n\nA met B .\tmet\n";
  }
  std::vector<OpenTuple> gold = read_carb_gold(path);
  REQUIRE(gold.size() == 2);
  CHECK(gold[0].relation == "met");
  CHECK(gold[0].args == std::vector<std::string>{"A", "B"});
  CHECK(gold[1].args.empty());
  {
    std::ofstream out(path);
    out << "A met B .\tzero\tmet\tA\tB\n";
  }
  CHECK_THROWS_AS(read_carb_system(path), std::runtime_error);
  {
    std::ofstream out(path);
    out << "A met B .\t0.5\n";
  }
  CHECK_THROWS_AS(read_carb_system(path), std::runtime_error);
  std::remove(path.c_str());
}
