// The map-reduce split of kg build that scripts/kg-dask runs on a cluster: kg extract --list-inputs
// lists the documents as kg build reads them, kg extract on any batches of them, concatenated in
// input order, and kg build --from-triples give the very graph kg build gives.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/run_kg.h"

namespace {

bool has_models() {
  const char* env = std::getenv("KG_MODELS");
  std::string dir = env && *env ? env : std::string(KG_SOURCE_DIR) + "/models";
  return std::filesystem::exists(dir + "/parser.bin") && std::filesystem::exists(dir + "/ner.bin");
}

}  // namespace

TEST_CASE("kg extract --list-inputs: kg build's order and kinds, one JSON object a line") {
  auto dir = scratch_dir() / "listed";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "b");
  write_file("listed/b/2.txt", "two");
  write_file("listed/a.txt", "one");
  write_file("listed/c.jsonl", "{\"id\":\"x\",\"text\":\"three\"}\n");  // a collection
  write_file("listed/README", "not an article");
  write_file("listed/graph.json", "{}");
  std::string top = write_file("top.jsonl", "{\"id\":\"y\",\"text\":\"four\"}\n");

  KgRun run = run_kg("extract --list-inputs " + dir.string() + " " + top + " -");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  std::string d = dir.string();
  CHECK(run.out == "{\"path\":\"" + d + "/a.txt\",\"kind\":\"file\",\"bytes\":3}\n" +
                       "{\"path\":\"" + d + "/b/2.txt\",\"kind\":\"file\",\"bytes\":3}\n" +
                       "{\"path\":\"" + d + "/c.jsonl\",\"kind\":\"jsonl\",\"bytes\":26}\n" +
                       "{\"path\":\"" + top + "\",\"kind\":\"jsonl\",\"bytes\":25}\n" +
                       "{\"path\":\"-\",\"kind\":\"stdin\",\"bytes\":0}\n");
  CHECK(run.err.find("skipped 2 files that are not articles (1 .json, 1 README)") !=
        std::string::npos);

  run = run_kg("extract --list-inputs " + (scratch_dir() / "no-such.txt").string());
  CHECK(run.status == 1);
  CHECK(run.err.find("no-such.txt: cannot open") != std::string::npos);
}

TEST_CASE("kg extract in batches, then kg build --from-triples: kg build's graph, byte for byte") {
  if (!has_models()) {
    MESSAGE("models/parser.bin or models/ner.bin missing: skipped");
    return;
  }
  // An article with no entity still counts as a document (evidence numbers its documents); across
  // the two batches, "Mr Blair" joins Tony Blair and "Hewitt" Patricia Hewitt, while the alias
  // file keeps "Greenspan" apart from Alan Greenspan (the reduce step must read it too).
  std::string src = KG_SOURCE_DIR;
  std::vector<std::string> articles = {
      write_file("mr1.txt", "It rained all day.\n"),
      src + "/samples/un-ceasefire-appeal.txt",
      write_file("mr2.txt", "Alan Greenspan raised rates on Tuesday. Tony Blair agreed.\n"),
      write_file("mr3.txt", "Mr Greenspan spoke in Washington.\n"),
      src + "/samples/guterres-lavrov-moscow.txt",
      write_file("mr4.txt", "Mr Blair met Hewitt in London.\n"),
      write_file("mr5.txt", "Patricia Hewitt visited Leeds.\n"),
  };
  // --all: clause triples whose ends are no entity make new nodes while facts are read, in the
  // order the reduce step must keep (subject, then object).
  std::string options =
      " --all --aliases " + write_file("mr-aliases.tsv", "Greenspan\tGreenspan\n");
  auto join = [&](size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) out += " " + articles[i];
    return out;
  };

  std::string direct = (scratch_dir() / "mr-direct.json").string(),
              reduced = (scratch_dir() / "mr-reduced.json").string();
  std::filesystem::remove(direct);
  std::filesystem::remove(reduced);
  KgRun run = run_kg("build" + join(0, articles.size()) + " --graph " + direct + options);
  REQUIRE_MESSAGE(run.status == 0, run.err);

  // Two batches of uneven size, each its own kg extract run.
  std::string facts;
  const std::pair<size_t, size_t> batches[] = {{0, 3}, {3, articles.size()}};
  for (auto [from, to] : batches) {
    run = run_kg("extract" + join(from, to) + options);
    REQUIRE_MESSAGE(run.status == 0, run.err);
    facts += run.out;
  }
  CHECK(facts.find("{\"kind\":\"document\",\"doc\":\"" + articles[0] +
                   "\",\"title\":\"It rained all day.\",\"date\":\"\",\"source\":\"" +
                   scratch_dir().string() + "\",\"sha256\":\"") == 0);
  std::string path = write_file("mr-facts.jsonl", facts);
  run = run_kg("build --from-triples " + path + " --graph " + reduced + options);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.err.find("resolved 2 names across articles") != std::string::npos);
  CHECK(read_all(direct) == read_all(reduced));

  auto csv_dir = [](const std::string& name) {
    auto d = scratch_dir() / name;
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
  };
  auto a = csv_dir("mr-csv-direct"), b = csv_dir("mr-csv-reduced");
  REQUIRE(run_kg("export " + direct + " --format csv -o " + a.string()).status == 0);
  REQUIRE(run_kg("export " + reduced + " --format csv -o " + b.string()).status == 0);
  for (const char* file : {"nodes.csv", "relationships.csv"}) {
    CAPTURE(file);
    CHECK(!read_all((a / file).string()).empty());
    CHECK(read_all((a / file).string()) == read_all((b / file).string()));
  }
}

TEST_CASE("kg extract --batches: one load of the models, each batch's JSONL then an end line") {
  if (!has_models()) return;
  std::string src = KG_SOURCE_DIR;
  std::string a = src + "/samples/un-ceasefire-appeal.txt",
              b = write_file("mr6.txt", "It rained.\n");
  KgRun one = run_kg("extract " + a), two = run_kg("extract " + b);
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  std::string missing = (scratch_dir() / "no-such.txt").string();
  KgRun run = run_kg("extract --batches", "[\"" + a + "\"]\n\n[\"" + missing +
                                              "\"]\n[\"-\"]\nnot json\n[\"" + b + "\"]\n");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.out == one.out + "{\"kind\":\"end\"}\n" + "{\"kind\":\"error\",\"message\":\"" +
                       missing + ": cannot open: No such file or directory\"}\n" +
                       "{\"kind\":\"error\",\"message\":\"stdin:4: - cannot be read, stdin holds "
                       "batches\"}\n" +
                       "{\"kind\":\"error\",\"message\":\"stdin:5: expected a JSON array of "
                       "inputs\"}\n" +
                       two.out + "{\"kind\":\"end\"}\n");
  CHECK(run_kg("extract --batches " + a).status == 1);

  // A batch of nothing readable is not an error (kg build goes on past such a file): a warning.
  std::string binary = write_file("mr7.png", std::string("\x89PNG\0\0\0\r", 8));
  run = run_kg("extract --batches", "[\"" + binary + "\"]\n[\"" + b + "\"]\n");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  std::string warning =
      "{\"kind\":\"warning\",\"message\":\"kg: warning: " + binary + ": binary data";
  CHECK(run.out.rfind(warning, 0) == 0);
  std::string rest = "; skipped\"}\n{\"kind\":\"end\"}\n" + two.out + "{\"kind\":\"end\"}\n";
  CHECK(run.out.find(rest) == run.out.size() - rest.size());
}
