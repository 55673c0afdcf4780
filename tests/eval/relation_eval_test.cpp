#include "eval/relation_eval.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "eval/error.h"

using namespace kg::eval;

namespace {

// "John Wilkes Booth , who assassinated President Lincoln , lived in Washington ."
RelationSentence booth() {
  RelationSentence s;
  s.tokens = {"John",         "Wilkes",     "Booth",   ",", "who",
              "assassinated", "President",  "Lincoln", ",", "lived",
              "in",           "Washington", "."};
  s.mentions = {{0, 2, "Peop", "John Wilkes Booth"},
                {6, 7, "Peop", "President Lincoln"},
                {11, 11, "Loc", "Washington"}};
  s.relations = {{0, 1, "killed"}, {0, 2, "lives_in"}};
  return s;
}

std::filesystem::path write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("CoNLL04 JSON: mentions from BILOU tags, relations by mention index, classes") {
  auto path =
      write_temp("kg-conll04-test.json", R"([{"tokens": ["Smith", "of", "IBM", "in", "New", "York"],
      "tags": ["U-Peop", "O", "U-Org", "O", "B-Loc", "L-Loc"],
      "relations": [{"head": 0, "tail": 1, "type": "Work_For"}, {"head": 1, "tail": 2, "type": "OrgBased_In"}]}])");
  auto sentences = read_conll04(path.string());
  REQUIRE(sentences.size() == 1);
  const auto& s = sentences[0];
  REQUIRE(s.mentions.size() == 3);
  CHECK(s.mentions[2].text == "New York");
  CHECK(s.mentions[2].first == 4);
  CHECK(s.mentions[2].last == 5);
  REQUIRE(s.relations.size() == 2);
  CHECK(s.relations[0].cls == "works_for");
  CHECK(s.relations[1].cls == "based_in");
  CHECK(s.text() == "Smith of IBM in New York");
  auto bad = write_temp("kg-conll04-bad.json", R"([{"tokens": ["a"], "tags": ["O", "O"]}])");
  CHECK_THROWS_AS(read_conll04(bad.string()), EvalError);
  std::filesystem::remove(path);
  std::filesystem::remove(bad);
}

TEST_CASE("Relation scorer: names match mentions loosely, exact names first") {
  RelationSentence s = booth();
  CHECK(match_mention(s, {"Lincoln"}) == std::vector<int>{1});
  CHECK(match_mention(s, {"Booth"}) == std::vector<int>{0});
  CHECK(match_mention(s, {"Wilkes Booth"}) == std::vector<int>{0});
  CHECK(match_mention(s, {"Washington D.C."}) == std::vector<int>{2});
  CHECK(match_mention(s, {"Boston"}).empty());
  CHECK(match_mention(s, {"Abraham", "Lincoln"}) == std::vector<int>{1});
}

TEST_CASE("Relation scorer: pairs, classes and direction") {
  RelationSentence s = booth();
  // Right class and direction for killed; lives_in backwards; an open relation; one false pair.
  std::vector<SystemRelation> system = {
      {{"John Wilkes Booth"}, {"Lincoln"}, "killed"},
      {{"Washington"}, {"Booth", "John Wilkes Booth"}, "lives_in"},
      {{"John Wilkes Booth"}, {"Lincoln"}, ""},  // the same pair again, open: once for `any`
      {{"Lincoln"}, {"Washington"}, "lives_in"},
  };
  RelationScores r = score_relations(s, system);
  CHECK(r.any.gold == 2);
  CHECK(r.any.system == 3);
  CHECK(r.any.matched_system == 2);
  CHECK(r.any.matched_gold == 2);
  CHECK(r.classed.system == 3);
  CHECK(r.classed.matched_gold == 2);
  CHECK(r.typed.gold == 2);
  CHECK(r.typed.system == 3);
  CHECK(r.typed.matched_system == 1);
  CHECK(r.typed.matched_gold == 1);
  CHECK(r.by_class[4].matched_gold == 1);  // killed
  CHECK(r.by_class[3].system == 2);        // lives_in
  CHECK(r.by_class[3].matched_system == 0);
  CHECK(r.typed.precision() == doctest::Approx(1.0 / 3));
  CHECK(r.typed.recall() == doctest::Approx(0.5));
  // An open relation alone is a pair but not a classed or typed relation.
  RelationScores open = score_relations(s, {{{"Booth"}, {"Washington"}, "meet"}});
  CHECK(open.any.matched_gold == 1);
  CHECK(open.classed.system == 0);
  CHECK(open.typed.system == 0);
  // A birthplace is CoNLL04's Live_In.
  RelationScores born = score_relations(s, {{{"Booth"}, {"Washington"}, "born_in"}});
  CHECK(born.typed.matched_gold == 1);
  // Ends the gold does not have are false positives.
  RelationScores wrong = score_relations(s, {{{"Grant"}, {"Lincoln"}, "killed"}});
  CHECK(wrong.typed.system == 1);
  CHECK(wrong.typed.matched_system == 0);
}
