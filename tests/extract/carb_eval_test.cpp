#include <doctest/doctest.h>

#include "extract/carb_eval.h"

using namespace kg::extract;

namespace {

OpenTuple tuple(const char* sentence, double confidence, const char* relation,
                std::vector<std::string> args) {
  return {sentence, confidence, relation, std::move(args)};
}

}  // namespace

TEST_CASE("CaRB scoring: token overlap per slot, thresholds, unmatched sentences") {
  const char* s1 = "Guterres met Lavrov in Moscow .";
  const char* s2 = "Griffiths visited Kyiv .";
  std::vector<OpenTuple> gold = {tuple(s1, 1, "met", {"Guterres", "Lavrov", "in Moscow"}),
                                 tuple(s2, 1, "visited", {"Griffiths", "Kyiv"})};
  SUBCASE("a perfect system") {
    std::vector<OpenTuple> system = {tuple(s1, 0.9, "met", {"Guterres", "Lavrov", "in Moscow"}),
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
