// kg shell in a real terminal: tmux runs it, the test types keys and reads the screen.
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "tests/cli/run_kg.h"

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string output_of(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
    ::pclose(p);
  }
  return out;
}

// One tmux server of our own (-L), so that nothing else's sessions are touched; killed always.
class Tmux {
 public:
  Tmux() : socket_("kg_test_" + std::to_string(::getpid())) {}
  ~Tmux() { tmux("kill-server"); }
  int tmux(const std::string& args) {
    return std::system(("tmux -L " + socket_ + " " + args + " >/dev/null 2>&1").c_str());
  }
  bool start(const std::string& command) {
    return tmux("new-session -d -s kg -x 120 -y 40 " + quote(command)) == 0;
  }
  // Types text literally. tmux reads a trailing ';' as its own command separator: sent escaped.
  void type(const std::string& text) {
    bool semicolon = !text.empty() && text.back() == ';';
    tmux("send-keys -t kg -l " + quote(semicolon ? text.substr(0, text.size() - 1) : text));
    if (semicolon) tmux("send-keys -t kg -l '\\;'");
  }
  void key(const std::string& name) { tmux("send-keys -t kg " + name); }
  std::string screen() {
    return output_of("tmux -L " + socket_ + " capture-pane -p -t kg 2>/dev/null");
  }
  bool alive() { return tmux("has-session -t kg") == 0; }
  // Polls the screen until `text` shows (true) or `seconds` pass (false).
  bool wait_for(const std::string& text, double seconds = 10) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
      if (screen().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
    return false;
  }
  bool wait_exit(double seconds = 10) {
    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
      if (!alive()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
    return false;
  }

 private:
  std::string socket_;
};

// Lines of the screen that are not blank, the last one last.
std::vector<std::string> screen_lines(const std::string& screen) {
  std::vector<std::string> lines;
  std::istringstream in(screen);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  while (!lines.empty() && lines.back().find_first_not_of(' ') == std::string::npos)
    lines.pop_back();
  return lines;
}

}  // namespace

TEST_CASE("kg shell in tmux: completion, multi-line, caret, Ctrl-C, history across restarts") {
  if (std::system("command -v tmux >/dev/null 2>&1") != 0) {
    MESSAGE("SKIPPED: tmux is not installed (scripts/install-deps.sh installs it)");
    return;
  }
  auto dir = scratch_dir() / "tmux";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string graph = (dir / "facts.json").string();
  KgRun import =
      run_kg("import " + std::string(KG_SOURCE_DIR) + "/samples/facts.tsv --graph " + graph);
  REQUIRE_MESSAGE(import.status == 0, import.err);
  std::string history = (dir / "history").string();
  std::string command = "env KG_HISTORY=" + history + " HOME=" + dir.string() + " TERM=xterm " +
                        std::string(KG_BINARY) + " shell " + graph;

  Tmux tmux;
  REQUIRE(tmux.start(command));
  REQUIRE_MESSAGE(tmux.wait_for("kg:facts>"), tmux.screen());

  // Tab completes a label.
  tmux.type("MATCH (p:Pers");
  tmux.key("Tab");
  REQUIRE_MESSAGE(tmux.wait_for("MATCH (p:Person"), tmux.screen());
  tmux.type(") RETURN count(*) AS people;");
  tmux.key("Enter");
  CHECK_MESSAGE(tmux.wait_for("| 5      |"), tmux.screen());

  // A statement over three lines, with the continuation prompt.
  tmux.type("MATCH (p:Person)");
  tmux.key("Enter");
  CHECK_MESSAGE(tmux.wait_for("...>"), tmux.screen());
  tmux.type("WHERE p.name STARTS WITH 'Serg' // a comment");
  tmux.key("Enter");
  tmux.type("RETURN p.name AS who;");
  tmux.key("Enter");
  CHECK_MESSAGE(tmux.wait_for("| 'Sergei Lavrov' |"), tmux.screen());

  // An error: the statement, a caret under the column, and the shell goes on.
  tmux.type("RETURN 1 AS x, nope AS y;");
  tmux.key("Enter");
  REQUIRE_MESSAGE(tmux.wait_for("UndefinedVariable"), tmux.screen());
  {
    auto lines = screen_lines(tmux.screen());
    bool caret = false;
    for (size_t i = 0; i + 1 < lines.size(); ++i)
      if (lines[i] == "  RETURN 1 AS x, nope AS y;" && lines[i + 1] == std::string(17, ' ') + "^")
        caret = true;  // under the n of nope: column 16 after the two-space indent
    CHECK_MESSAGE(caret, tmux.screen());
  }

  // Ctrl-C cancels a long query (a cartesian product of 12^8 rows, half a minute) and keeps the
  // shell.
  tmux.key("C-l");
  tmux.type("MATCH (a), (b), (c), (d), (e), (f), (g), (h) RETURN count(*) AS n;");
  tmux.key("Enter");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(tmux.screen().find("row") == std::string::npos);  // still running
  auto sent = std::chrono::steady_clock::now();
  tmux.key("C-c");
  CHECK_MESSAGE(tmux.wait_for("query cancelled", 5), tmux.screen());
  double latency = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  MESSAGE("Ctrl-C to 'query cancelled' on screen: " << latency << " s");
  tmux.type("RETURN 6 * 7 AS answer;");
  tmux.key("Enter");
  CHECK_MESSAGE(tmux.wait_for("| 42     |"), tmux.screen());

  // Ctrl-D leaves (nothing unsaved: no question).
  tmux.key("C-d");
  CHECK(tmux.wait_exit());

  // A new shell remembers: Up recalls the last statement, Ctrl-R finds an older one.
  REQUIRE(tmux.start(command));
  REQUIRE(tmux.wait_for("kg:facts>"));
  tmux.key("Up");
  CHECK_MESSAGE(tmux.wait_for("kg:facts> RETURN 6 * 7 AS answer;"), tmux.screen());
  tmux.key("C-u");
  tmux.key("C-r");
  tmux.type("Serg");
  CHECK_MESSAGE(tmux.wait_for("STARTS WITH 'Serg'"), tmux.screen());
  tmux.key("Enter");
  CHECK_MESSAGE(tmux.wait_for("| 'Sergei Lavrov' |"), tmux.screen());

  // Unsaved changes: asked about on exit; "y" saves them.
  tmux.type("CREATE (:Person {name: 'Grace Hopper'});");
  tmux.key("Enter");
  REQUIRE(tmux.wait_for("created 1 nodes"));
  tmux.type(":quit");
  tmux.key("Enter");
  REQUIRE_MESSAGE(tmux.wait_for("Save changes to"), tmux.screen());
  tmux.type("y");
  tmux.key("Enter");
  CHECK(tmux.wait_exit());
  CHECK(read_all(graph).find("Grace Hopper") != std::string::npos);
}
