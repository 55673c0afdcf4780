// kg against hostile input and sudden death: every command answers with an error or a bounded
// answer, never a crash or a hang, and a killed save never leaves a broken graph behind.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "tests/cli/run_kg.h"

namespace {

// Runs kg under a time limit: `timeout` exits 124 on a hang, 128+N when kg dies of signal N.
KgRun run_bounded(const std::string& args, int seconds = 60) {
  auto dir = scratch_dir();
  std::string out = (dir / "bounded_out").string(), err = (dir / "bounded_err").string();
  std::string command = "timeout -s KILL " + std::to_string(seconds) + " " + KG_BINARY + " " +
                        args + " </dev/null >" + out + " 2>" + err;
  int raw = std::system(command.c_str());
  KgRun run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  run.out = read_all(out);
  run.err = read_all(err);
  return run;
}

size_t relation_count(const std::string& stats_output) {
  // "path: N nodes, M relations, ..."
  size_t nodes = stats_output.find(" nodes, ");
  if (nodes == std::string::npos) return 0;
  return std::stoul(stats_output.substr(nodes + 8));
}

}  // namespace

TEST_CASE("bad inputs to import, stats, export and tokenize: errors, not crashes or hangs") {
  std::string deep =
      "{\"format\":\"kg-graph\",\"version\":1,\"nodes\":[{\"id\":1,\"properties\":{\"a\":" +
      std::string(200000, '[') + "}}]}";
  std::mt19937 rng(7);
  std::string binary(4096, '\0');
  for (char& c : binary) c = static_cast<char>(rng());
  // One long line without a newline. 4 MB keeps make test quick while far beyond any real line;
  // the 50 MB check is manual: KG_LONG_LINE_MB=50 ./build/tests_cli -tc='bad inputs*'.
  std::string long_line;
  size_t megabytes =
      std::getenv("KG_LONG_LINE_MB") ? std::stoul(std::getenv("KG_LONG_LINE_MB")) : 4;
  for (size_t i = 0; long_line.size() < (megabytes << 20); ++i)
    long_line += "word" + std::to_string(i % 97) + " ";
  struct Input {
    const char* name;
    std::string bytes;
  };
  const Input inputs[] = {
      {"binary.bin", binary},
      {"latin1.txt",
       "M\xfcnchen\tin\tBayern\nStra\xdf"
       "e\n"},
      {"invalid_utf8.txt", "a\tmeet\tb\xc3\x28\n\xed\xa0\x80\xf8\x88\x80\x80\x80\n"},
      {"empty.txt", ""},
      {"long_line.txt", long_line},
      {"deep.json", deep},
  };
  for (const auto& input : inputs) {
    std::string path = write_file(input.name, input.bytes);
    std::string graph = (scratch_dir() / "bad_input_graph.json").string();
    std::filesystem::remove(graph);
    for (std::string command : {"import " + path + " --graph " + graph, "stats " + path,
                                "export " + path + " --format json", "tokenize " + path}) {
      KgRun run = run_bounded(command);
      INFO(command, " -> status ", run.status, ": ", run.err.substr(0, 300));
      CHECK(run.status < 124);  // timeout -s KILL: 137 on a hang; 128+N: a crash
      if (run.status != 0) {
        CHECK(run.err.find("kg: ") != std::string::npos);
        CHECK(run.err.size() < 2000);  // a clear message, not a dump
      } else {
        CHECK(run.out.size() < 64u * 1024 * 1024);  // a bounded answer
      }
    }
    // A graph file must be a kg graph: stats on text or binary is an error.
    if (std::string(input.name) != "long_line.txt") {
      CHECK(run_bounded("stats " + path).status == 1);
    }
  }
}

TEST_CASE("SIGKILL during a save leaves the old graph or the new one, never a mixture") {
  auto dir = scratch_dir() / "crash";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string graph = (dir / "g.json").string();
  // A first import, then a bigger second one that takes a while to save.
  auto facts = [](size_t count, size_t offset) {
    std::string text;
    for (size_t i = 0; i < count; ++i)
      text += "Entity " + std::to_string((i + offset) % 20000) + "\tmeet\tEntity " +
              std::to_string((i * 7919 + offset) % 20000) + " " + std::to_string(i + offset) +
              "\tPerson\tPerson\n";
    return text;
  };
  std::string small = (dir / "small.tsv").string(), big = (dir / "big.tsv").string();
  std::ofstream(small) << facts(1000, 0);
  std::ofstream(big) << facts(30000, 1000);
  KgRun first = run_kg("import " + small + " --graph " + graph);
  REQUIRE_MESSAGE(first.status == 0, first.err);
  size_t old_count = relation_count(run_kg("stats " + graph).out);
  REQUIRE(old_count == 1000);

  // How long the whole import takes, to aim the kills at its save.
  std::string copy = (dir / "timing.json").string();
  std::filesystem::copy_file(graph, copy);
  auto start = std::chrono::steady_clock::now();
  REQUIRE(run_kg("import " + big + " --graph " + copy).status == 0);
  auto full = std::chrono::steady_clock::now() - start;
  size_t new_count = relation_count(run_kg("stats " + copy).out);
  REQUIRE(new_count == 31000);

  std::mt19937 rng(12345);
  int saw_old = 0, saw_new = 0;
  for (int round = 0; round < 12; ++round) {
    std::filesystem::copy_file(copy, graph, std::filesystem::copy_options::overwrite_existing);
    if (round % 2 == 0) {  // start from the old graph half the time
      std::filesystem::remove(graph);
      REQUIRE(run_kg("import " + small + " --graph " + graph).status == 0);
    }
    size_t before = relation_count(run_kg("stats " + graph).out);
    // Kill somewhere in the second half of the run, where the save happens.
    double fraction = std::uniform_real_distribution<double>(0.4, 1.1)(rng);
    auto delay = std::chrono::duration_cast<std::chrono::microseconds>(full * fraction);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(KG_BINARY, KG_BINARY, "import", big.c_str(), "--graph", graph.c_str(), (char*)nullptr);
      _exit(127);
    }
    std::this_thread::sleep_for(delay);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    KgRun stats = run_kg("stats " + graph);
    INFO("round ", round, " killed after ", delay.count(), " us: ", stats.err);
    REQUIRE(stats.status == 0);
    size_t count = relation_count(stats.out);
    CHECK((count == before || count == new_count));
    if (before != new_count) (count == before ? saw_old : saw_new)++;
  }
  // Stray temporary files from killed saves must not stop the next import.
  KgRun again = run_kg("import " + small + " --graph " + graph);
  CHECK_MESSAGE(again.status == 0, again.err);
  MESSAGE("killed imports left the old graph ", saw_old, " times and the new one ", saw_new,
          " times");
  std::filesystem::remove_all(dir);
}

TEST_CASE("kg train: out-of-range settings are refused before any training") {
  std::string conllu = write_file("one_sentence.conllu",
                                  "1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
                                  "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n\n");
  std::string model = (scratch_dir() / "never_written.bin").string();
  for (const char* bad : {"tagger --ensemble 0", "tagger --passes 3", "tagger --epochs 0",
                          "parser --ensemble 0", "parser --epochs -3", "ner --ensemble 0"}) {
    CAPTURE(bad);
    KgRun run = run_bounded(std::string("train ") + bad + " --train " + conllu + " -o " + model);
    CHECK(run.status == 1);
    CHECK(run.err.find("not in range") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(model));
  }
}

TEST_CASE(
    "two writers at once: neither update is lost, and a writer that cannot get the lock says so") {
  auto dir = scratch_dir() / "writers";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string graph = (dir / "g.json").string(), a = (dir / "a.tsv").string(),
              b = (dir / "b.tsv").string();
  std::ofstream(a) << "Alice\tmeet\tBob\n";
  std::ofstream(b) << "Carol\tmeet\tDave\n";
  std::string kg = KG_BINARY;
  auto both = [&](const std::string& first, const std::string& second) {
    std::string command =
        "(" + kg + " " + first + " & " + kg + " " + second + " & wait) >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
  };
  auto count = [&](const std::string& query) {
    KgRun run = run_kg("query " + graph + " --format csv -e '" + query + "'");
    return run.out.substr(run.out.find('\n') + 1);
  };
  for (int round = 0; round < 5; ++round) {
    std::filesystem::remove(graph);
    both("import " + a + " --graph " + graph, "import " + b + " --graph " + graph);
    CHECK(count("MATCH ()-[r]->() RETURN count(r)") == "2\n");
    both("query " + graph + " -e 'CREATE (:X)'", "query " + graph + " -e 'CREATE (:X)'");
    CHECK(count("MATCH (x:X) RETURN count(x)") == "2\n");
  }
  std::filesystem::remove(graph);
  std::string samples = std::string(KG_SOURCE_DIR) + "/samples/";
  both("build " + samples + "un-ceasefire-appeal.txt --graph " + graph,
       "build " + samples + "griffiths-not-optimistic.txt --graph " + graph);
  CHECK(run_kg("stats " + graph).out.find(" 2 documents") != std::string::npos);

  // While another process holds the lock, a writer waits --lock-timeout, then fails; a reader
  // does not wait at all.
  int fd = open((graph + ".lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(flock(fd, LOCK_EX) == 0);
  REQUIRE(ftruncate(fd, 0) == 0);
  std::string pid = std::to_string(getpid());
  REQUIRE(pwrite(fd, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size()));
  std::string before = read_all(graph);
  KgRun blocked = run_kg("import " + a + " --graph " + graph + " --lock-timeout 0.2");
  CHECK(blocked.status == 1);
  CHECK(blocked.err.find("graph is being written by pid " + pid) != std::string::npos);
  CHECK(run_kg("query " + graph + " -e 'MATCH (n) RETURN count(n)'").status == 0);
  CHECK(read_all(graph) == before);
  close(fd);

  // A shell that read the graph before another writer saved it does not save over that change
  // unless told to (:save!).
  // In order, whatever the machine's load: the shell has read the graph and run its CREATE,
  // then the import saves, then the shell is told to save.
  std::string script = (dir / "shell.sh").string(), go = (dir / "go").string(),
              out = (dir / "shell.out").string();
  std::ofstream(script) << "(printf 'CREATE (:Y);\\n'; i=0; while [ ! -e " << go
                        << " ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; "
                        << "printf ':save\\n:quit!\\n') | " << kg << " shell " << graph << " >"
                        << out << " 2>" << (dir / "shell.err").string() << " &\n"
                        << "i=0; until grep -q created " << out
                        << " 2>/dev/null || [ $i -ge 1200 ]; do sleep 0.05; i=$((i+1)); done\n"
                        << kg << " import " << b << " --graph " << graph << " 2>/dev/null\n"
                        << "touch " << go << "; wait\n";
  std::system(("bash " + script).c_str());
  CHECK(read_all((dir / "shell.err").string()).find("changed on disk") != std::string::npos);
  CHECK(count("MATCH (y:Y) RETURN count(y)") == "0\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("a folder build goes on past a file it cannot read, and reads UTF-16 articles") {
  auto dir = scratch_dir() / "mixed";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "articles");
  std::filesystem::copy_file(std::string(KG_SOURCE_DIR) + "/samples/un-ceasefire-appeal.txt",
                             dir / "articles" / "a.txt");
  // An image a folder build does not read, and one saved under an article's name that it reads
  // and skips with a warning.
  std::ofstream(dir / "articles" / "b.png", std::ios::binary) << std::string("\x89PNG\0\0\0\r", 8);
  std::ofstream(dir / "articles" / "b.txt", std::ios::binary) << std::string("\x89PNG\0\0\0\r", 8);
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("Tony Blair met Gordon Brown in London on Monday.\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  std::ofstream(dir / "articles" / "c.txt", std::ios::binary) << utf16;
  std::string graph = (dir / "g.json").string();
  KgRun run = run_kg("build " + (dir / "articles").string() + " --graph " + graph);
  CHECK_MESSAGE(run.status == 0, run.err);
  CHECK(run.err.find("warning: " + (dir / "articles" / "b.txt").string() + ": binary data") !=
        std::string::npos);
  CHECK(run.err.find("skipped 1 file that is not an article (1 .png)") != std::string::npos);
  CHECK(run.err.find("1 skipped") != std::string::npos);
  CHECK(run_kg("stats " + graph).out.find(" 2 documents") != std::string::npos);
  KgRun blair = run_kg("query " + graph +
                       " --format csv -e \"MATCH (p {name: 'Tony Blair'}) RETURN count(p)\"");
  CHECK(blair.out == "count(p)\n1\n");

  // Nothing readable at all is an error, and no graph is written.
  std::filesystem::remove(dir / "articles" / "a.txt");
  std::filesystem::remove(dir / "articles" / "c.txt");
  std::string none = (dir / "none.json").string();
  run = run_kg("build " + (dir / "articles").string() + " --graph " + none);
  CHECK(run.status == 1);
  CHECK_FALSE(std::filesystem::exists(none));
  std::filesystem::remove_all(dir);
}
