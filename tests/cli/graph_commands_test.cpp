#include <doctest/doctest.h>

#include "tests/cli/run_kg.h"

TEST_CASE("every graph subcommand has --help") {
  for (const char* sub : {"import", "export", "stats"}) {
    KgRun run = run_kg(std::string(sub) + " --help");
    CHECK_MESSAGE(run.status == 0, sub);
    CHECK(run.out.find("Usage") != std::string::npos);
  }
  CHECK(run_kg("--help").status == 0);
  CHECK(run_kg("no-such-command").status == 1);
}

TEST_CASE("import, stats and export the sample facts") {
  std::string graph = (scratch_dir() / "samples.json").string();
  std::filesystem::remove(graph);
  std::string facts = std::string(KG_SOURCE_DIR) + "/samples/facts.tsv";
  KgRun run = run_kg("import " + facts + " --graph " + graph);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  std::string first = read_all(graph);
  // Importing the same facts again changes nothing.
  REQUIRE(run_kg("import " + facts + " --graph " + graph).status == 0);
  CHECK(read_all(graph) == first);
  run = run_kg("stats " + graph);
  CHECK(run.status == 0);
  CHECK(run.out.find("Person") != std::string::npos);
  CHECK(run.out.find("Antonio Guterres (Person)") != std::string::npos);
  run = run_kg("export " + graph + " --format dot --focus Guterres --depth 1");
  CHECK(run.status == 0);
  CHECK(run.out.find("digraph") != std::string::npos);
  CHECK(run.out.find("Sergei Lavrov") != std::string::npos);
  CHECK(run.out.find("Denys Shmyhal") == std::string::npos);  // two hops away
}

TEST_CASE("bad input: a clear error, status 1, and the graph file untouched") {
  std::string graph =
      write_file("corrupt.json", "{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[");
  std::string before = read_all(graph);
  std::string facts = write_file("ok.tsv", "a\tmeet\tb\n");
  KgRun run = run_kg("import " + facts + " --graph " + graph);
  CHECK(run.status == 1);
  CHECK(run.err.find(graph + ":") != std::string::npos);
  CHECK(read_all(graph) == before);

  std::string bad = write_file("bad.tsv", "a\tmeet\tb\nonly two\tfields\n");
  std::string fresh = (scratch_dir() / "fresh.json").string();
  run = run_kg("import " + bad + " --graph " + fresh);
  CHECK(run.status == 1);
  CHECK(run.err.find("bad.tsv:2:1:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(fresh));

  std::string binary = write_file("binary.tsv", std::string("a\tb\0c\n", 6));
  run = run_kg("import " + binary + " --graph " + fresh);
  CHECK(run.status == 1);
  CHECK(run.err.find("binary.tsv:1:4: binary data") != std::string::npos);

  std::string latin1 = write_file("latin1.tsv", "M\xfcnchen\tin\tBayern\n");
  run = run_kg("import " + latin1 + " --graph " + fresh);
  CHECK(run.status == 1);
  CHECK(run.err.find("invalid UTF-8") != std::string::npos);

  run = run_kg("stats " + (scratch_dir() / "missing.json").string());
  CHECK(run.status == 1);
  CHECK(run.err.find("cannot open") != std::string::npos);
}

TEST_CASE("an export, a query's page or the shell's :export never overwrites the graph it reads") {
  std::string graph = (scratch_dir() / "own.json").string();
  REQUIRE(run_kg("import " + write_file("own.tsv", "a\tmeet\tb\n") + " --graph " + graph).status ==
          0);
  std::string before = read_all(graph);
  // The same file under another spelling is refused as well.
  std::string other_spelling = (scratch_dir() / "." / "own.json").string();
  for (const std::string& args : {"export " + graph + " -o " + other_spelling,
                                  "export " + graph + " --format html -o " + graph,
                                  "query " + graph + " -e 'MATCH (n) RETURN n' --html " + graph}) {
    KgRun run = run_kg(args);
    CHECK(run.status == 1);
    CHECK(run.err.find("is the graph file being read") != std::string::npos);
    CHECK(read_all(graph) == before);
  }
  KgRun run = run_kg("shell " + graph, ":export dot " + graph + "\n");
  CHECK(run.status == 1);
  CHECK(run.err.find("is the graph file being read") != std::string::npos);
  CHECK(read_all(graph) == before);
}

TEST_CASE("an export that cannot be written whole keeps the old output and says why") {
  std::string graph = (scratch_dir() / "big.json").string();
  std::string tsv;
  for (int i = 0; i < 300; ++i)
    tsv += "Person " + std::to_string(i) + "\tmeet\tPerson " + std::to_string(i + 1) + "\n";
  REQUIRE(run_kg("import " + write_file("big.tsv", tsv) + " --graph " + graph).status == 0);
  std::string dot = write_file("old.dot", "OLD"), csv = (scratch_dir() / "old_csv").string();
  std::filesystem::create_directories(csv);
  write_file("old_csv/nodes.csv", "OLD");
  // A file size limit of 4 KB (SIGXFSZ ignored, so writes fail with EFBIG) stands in for a full
  // disk: the write fails part-way, as it would with ENOSPC.
  for (const std::string& args : {"export " + graph + " --format dot -o " + dot,
                                  "export " + graph + " --format csv -o " + csv}) {
    std::string err = (scratch_dir() / "limited.err").string();
    int raw = std::system(
        ("trap '' XFSZ; ulimit -f 4; " + std::string(KG_BINARY) + " " + args + " 2>" + err)
            .c_str());
    CAPTURE(args);
    CHECK(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 1);
    CHECK(read_all(err).find("File too large") != std::string::npos);
  }
  CHECK(read_all(dot) == "OLD");
  CHECK(read_all(csv + "/nodes.csv") == "OLD");
  for (const auto& entry : std::filesystem::directory_iterator(scratch_dir()))
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("kg build joins a surname-only person across articles; --aliases keeps the name apart") {
  std::string one = write_file("greenspan1.txt", "Alan Greenspan raised rates on Tuesday.\n");
  std::string two = write_file("greenspan2.txt", "Mr Greenspan spoke in Washington.\n");
  std::string keep = write_file("keep.tsv", "Greenspan\tGreenspan\n");
  std::string joined = (scratch_dir() / "joined.json").string();
  std::string apart = (scratch_dir() / "apart.json").string();
  std::filesystem::remove(joined);
  std::filesystem::remove(apart);
  const std::string people = " -e 'MATCH (n:Person) RETURN n.name, n.merged_from' --format csv";

  KgRun run = run_kg("build " + one + " " + two + " --graph " + joined);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.err.find("resolved 1 names across articles") != std::string::npos);
  run = run_kg("query " + joined + people);
  CHECK(run.out.find("Alan Greenspan") != std::string::npos);
  CHECK(run.out.find("['Greenspan']") != std::string::npos);
  CHECK(run.out.find("\nGreenspan,") == std::string::npos);

  run = run_kg("build " + one + " " + two + " --graph " + apart + " --aliases " + keep);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  CHECK(run.err.find("resolved") == std::string::npos);
  run = run_kg("query " + apart + people);
  CHECK(run.out.find("\nGreenspan,") != std::string::npos);
}
