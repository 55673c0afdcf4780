// Temporal values: constructors from strings and maps, accessors, arithmetic, comparison,
// durations between, truncation, text form, and the round trip through the graph's JSON file.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "graph/persist.h"
#include "query/engine.h"

namespace q = kg::query;
using kg::graph::Graph;

namespace {

// The value of one expression as the TCK shows it (temporals quoted like strings).
std::string show(const std::string& expression) {
  Graph g;
  q::Result r = q::run(g, "RETURN " + expression + " AS v");
  REQUIRE(r.rows.size() == 1);
  return q::render(r.rows[0].at(0), g);
}

std::string error_code(const std::string& text) {
  Graph g;
  try {
    q::run(g, text);
  } catch (const q::QueryError& e) {
    return e.code;
  }
  return "";
}

}  // namespace

TEST_CASE("temporal constructors from strings") {
  CHECK(show("date('2015-07-21')") == "'2015-07-21'");
  CHECK(show("date('2015W302')") == "'2015-07-21'");
  CHECK(show("date('2015-202')") == "'2015-07-21'");
  CHECK(show("localtime('214032.142')") == "'21:40:32.142'");
  CHECK(show("time('2140-02')") == "'21:40-02:00'");
  CHECK(show("localdatetime('2015-W30T2140')") == "'2015-07-20T21:40'");
  CHECK(show("datetime('2015-07-21T21:40:32.142+0100')") == "'2015-07-21T21:40:32.142+01:00'");
  CHECK(show("datetime('2015-07-21T21:40:32.142[Europe/London]')") ==
        "'2015-07-21T21:40:32.142+01:00[Europe/London]'");
  // Local mean time before the zone had a standard offset (from the system's tzdata).
  CHECK(show("datetime('1818-07-21T21:40:32.142[Europe/Berlin]')") ==
        "'1818-07-21T21:40:32.142+00:53:28[Europe/Berlin]'");
  CHECK(show("duration('P5M1.5D')") == "'P5M1DT12H'");
  CHECK(show("duration('P2012-02-02T14:37:21.545')") == "'P2012Y2M2DT14H37M21.545S'");
  CHECK(error_code("RETURN date('2015-13-01')") == "InvalidArgumentValue");
  CHECK(show("date('-999999999-01-01') + duration('P1D')") == "'-999999999-01-02'");
  CHECK(error_code("RETURN date('-999999999-01-01') - duration('P1D')") == "InvalidArgumentValue");
  CHECK(error_code("RETURN date('+999999999-12-31') + duration('P1D')") == "InvalidArgumentValue");
  CHECK(error_code("RETURN date({year: 9223372036854775807, week: 1})") == "InvalidArgumentValue");
  CHECK(show("date(null)") == "null");
  CHECK(show("date.truncate(null, date('2020-02-02'))") == "null");
  CHECK(show("duration.between(null, date('2020-02-02'))") == "null");
}

TEST_CASE("malformed temporal text is an argument error, never a crash") {
  for (const char* text : {"",
                           "T",
                           "2015-",
                           "2015-W",
                           "2015-W54",
                           "2015-00-10",
                           "+",
                           "-99999999999-01-01",
                           "12:",
                           "25:00",
                           "12:60",
                           "12:00+19:00",
                           "12:00[",
                           "2015-07-21T",
                           "2015-07-21T12:00[Nowhere/X]",
                           "P",
                           "PT",
                           "P1",
                           "P1Q",
                           "PT1D",
                           "P1.5.5D",
                           "P99999999999999999999Y",
                           "2015-07-21[Asia/"}) {
    for (const char* fn : {"date", "localtime", "time", "localdatetime", "datetime", "duration"}) {
      std::string q = std::string("RETURN ") + fn + "('" + text + "')";
      std::string code = error_code(q);
      CHECK_MESSAGE((code.empty() || code == "InvalidArgumentValue" || code == "NumberOutOfRange"),
                    q);
    }
  }
  CHECK(show("datetime('2015-07-21[Asia/Tokyo]')") == "'2015-07-21T00:00+09:00[Asia/Tokyo]'");
}

TEST_CASE("temporal constructors from maps and other temporals") {
  CHECK(show("date({year: 1817, week: 1})") == "'1816-12-30'");
  CHECK(show("date({year: 1984, quarter: 3, dayOfQuarter: 45})") == "'1984-08-14'");
  CHECK(show("localtime({hour: 12, minute: 31, second: 14, nanosecond: 789, millisecond: 123, "
             "microsecond: 456})") == "'12:31:14.123456789'");
  CHECK(show("datetime({year: 1984, ordinalDay: 202, timezone: 'Europe/Stockholm'})") ==
        "'1984-07-20T00:00+02:00[Europe/Stockholm]'");
  CHECK(show("time({time: time('12:31:14+01:00'), second: 42, timezone: '+05:00'})") ==
        "'16:31:42+05:00'");
  CHECK(show("date(datetime('2015-07-21T21:40:32+01:00'))") == "'2015-07-21'");
  CHECK(show("duration({months: 0.75})") == "'P22DT19H51M49.5S'");
  CHECK(show("datetime.fromepochmillis(237821673987)") == "'1977-07-15T13:34:33.987Z'");
}

TEST_CASE("temporal accessors") {
  CHECK(show("date('1984-10-11').week") == "41");
  CHECK(show("date('1984-01-01').weekYear") == "1983");
  CHECK(show("datetime('1984-11-11T12:31:14.645876123+01:00').offsetMinutes") == "60");
  CHECK(show("duration({hours: 1, minutes: 1, seconds: 1}).minutes") == "61");
}

TEST_CASE("temporal arithmetic and comparison") {
  CHECK(show("date('2018-01-31') + duration('P1M')") == "'2018-02-28'");
  CHECK(show("localtime('23:00') + duration('PT2H')") == "'01:00'");
  CHECK(show("duration('P1D') * 1.5") == "'P1DT12H'");
  CHECK(show("duration('PT1H') - duration('PT2H')") == "'PT-1H'");
  CHECK(show("date('1980-12-24') < date('1984-10-11')") == "true");
  CHECK(show("time('10:00+01:00') = time('09:00Z')") == "true");
  CHECK(show("duration('PT70S') = duration('PT1M10S')") == "true");
  CHECK(show("duration.between(date('1984-10-11'), date('2015-06-24'))") == "'P30Y8M13D'");
  CHECK(show("duration.inSeconds(localtime('12:34:54.7'), localtime('12:34:54.3'))") ==
        "'PT-0.4S'");
  CHECK(show("datetime.truncate('week', datetime('1984-10-11T12:31+01:00'), {dayOfWeek: 2})") ==
        "'1984-10-09T00:00+01:00'");
}

TEST_CASE("temporal properties survive the graph file") {
  Graph g;
  q::run(g,
         "CREATE (:Article {published: date('2022-04-26'), at: "
         "datetime('2022-04-26T10:15+01:00[Europe/London]'), took: duration('PT1H30M'), "
         "times: [localtime('10:00'), localtime('11:00')]})-[:CITES {since: date('2021-01-02')}]->"
         "(:Article)");
  auto path = std::filesystem::temp_directory_path() / "kg_temporal_test.json";
  kg::graph::save_graph(g, path.string());
  Graph back = kg::graph::load_graph(path.string());
  std::remove(path.string().c_str());
  q::Result r = q::run(back,
                       "MATCH (a:Article) WHERE a.published IS NOT NULL RETURN a.published, "
                       "a.published.year, a.at, a.took, "
                       "a.times");
  REQUIRE(r.rows.size() == 1);
  CHECK(q::render(r.rows[0][0], back) == "'2022-04-26'");
  CHECK(q::render(r.rows[0][1], back) == "2022");
  CHECK(q::render(r.rows[0][2], back) == "'2022-04-26T10:15+01:00[Europe/London]'");
  CHECK(q::render(r.rows[0][3], back) == "'PT1H30M'");
  CHECK(q::render(r.rows[0][4], back) == "['10:00', '11:00']");
  // A relationship's date too, and it still compares as a date.
  q::Result rel = q::run(back, "MATCH ()-[c:CITES]->() RETURN c.since < date('2022-01-01')");
  REQUIRE(rel.rows.size() == 1);
  CHECK(q::render(rel.rows[0][0], back) == "true");
}
