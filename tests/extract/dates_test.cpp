// Time expressions normalized against the article date (extract/text/dates.*): a hand-made set
// of sentences from BBC news and made-up datelines (tests/extract/data/dates.tsv), scored
// expression by expression; and the dateline that gives an article its date.
#include "extract/text/dates.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "base/split.h"

using kg::extract::dateline_date;
using kg::extract::find_dates;
using kg::extract::normalize_date;

TEST_CASE("dates: the hand-made set, expression by expression") {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/tests/extract/data/dates.tsv");
  REQUIRE(in);
  size_t expected = 0, right = 0, extra = 0, sentences = 0;
  std::ostringstream misses;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto fields = kg::base::split_tabs(line);
    REQUIRE(fields.size() == 3);
    ++sentences;
    std::vector<std::string> want;
    if (fields[2] != "-") {
      std::istringstream values{std::string(fields[2])};
      for (std::string v; values >> v;) want.push_back(v);
    }
    std::vector<std::string> got;
    for (const auto& d : find_dates(fields[1], fields[0])) got.push_back(d.value);
    expected += want.size();
    // Each expected value matched at most once, in any order.
    std::vector<bool> used(got.size());
    size_t matched = 0;
    for (const auto& w : want)
      for (size_t k = 0; k < got.size(); ++k)
        if (!used[k] && got[k] == w) {
          used[k] = true;
          ++matched;
          break;
        }
    right += matched;
    extra += got.size() - matched;
    if (matched != want.size() || got.size() != want.size()) {
      misses << fields[0] << " | " << fields[1] << " | want " << fields[2] << " | got";
      for (const auto& g : got) misses << ' ' << g;
      misses << '\n';
    }
  }
  double accuracy = 100.0 * right / expected;
  MESSAGE(sentences << " sentences, " << expected << " expressions: " << right
                    << " normalized exactly (" << accuracy << "%), " << extra
                    << " values not expected\n"
                    << misses.str());
  CHECK(expected >= 100);
  CHECK(accuracy >= 80);
  CHECK(extra <= expected / 10);
}

TEST_CASE("dates: datelines, weekdays by tense, no article date") {
  CHECK(dateline_date("MOSCOW, Thursday, April 28, 2022 (AP) - UN Secretary-General Antonio "
                      "Guterres met Russian Foreign Minister Sergei Lavrov.") == "2022-04-28");
  CHECK(dateline_date("Saturday, October 9, 2010\nThe minister resigned.") == "2010-10-09");
  CHECK(dateline_date("LONDON (Reuters) - Shares fell.") == "");
  // A date inside the story is not the article's.
  CHECK(dateline_date("The talks on April 28, 2022 failed.") == "");
  CHECK(normalize_date("on Tuesday", "2022-04-28") == "2022-04-26");
  CHECK(normalize_date("on Tuesday", "2022-04-28", kg::extract::Tense::future) == "2022-05-03");
  CHECK(normalize_date("on Thursday", "2022-04-28") == "2022-04-28");
  // A day or month without a year: the nearest one, unless the tense says which side.
  using kg::extract::Tense;
  CHECK(normalize_date("for 23 March", "2005-02-10") == "2005-03-23");
  CHECK(normalize_date("on 23 March", "2005-02-10", Tense::past) == "2004-03-23");
  CHECK(normalize_date("on 3 February", "2005-02-10", Tense::future) == "2006-02-03");
  CHECK(normalize_date("in April", "2005-02-10") == "2005-04");
  CHECK(normalize_date("in April", "2005-02-10", Tense::past) == "2004-04");
  CHECK(normalize_date("in February", "2004-11-20") == "2005-02");
  CHECK(normalize_date("in May", "2004-11-20") == "2004-05");  // a tie: the one before
  CHECK(normalize_date("on 30 December", "2005-01-02") == "2004-12-30");
  CHECK(normalize_date("yesterday", "2022-03-01") == "2022-02-28");
  CHECK(normalize_date("last month", "2022-01-15") == "2021-12");
  CHECK(normalize_date("last week", "2021-01-04") == "2020-W53");
  // Without an article date: what carries its own year, and month-day as TIMEX writes it.
  CHECK(normalize_date("on Tuesday", "") == "");
  CHECK(normalize_date("on 28 April", "") == "XXXX-04-28");
  CHECK(normalize_date("in June 2003", "") == "2003-06");
  CHECK(normalize_date("on 31 February 2022", "") == "2022-02");  // no such day: the month
  // Lowercase "may" and "march" are verbs, "May" without a cue a name.
  CHECK(find_dates("Troops may march on the city.", "2022-04-28").empty());
  CHECK(find_dates("Theresa May spoke.", "2022-04-28").empty());
  // Byte spans leave the preposition out.
  auto found = find_dates("They met on Tuesday.", "2022-04-28");
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == 12);
  CHECK(found[0].end == 19);
}
