// kg shell: an interactive openCypher shell with line editing, history and completion.
#include "cli/shell.h"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#ifdef KG_HAVE_LIBEDIT
#include <histedit.h>
#endif

#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/session.h"

namespace kg::cli {

namespace {

// Written by the SIGINT handler: a lock-free atomic store is async-signal-safe.
std::atomic<bool>* g_cancel = nullptr;
volatile sig_atomic_t g_interrupted = 0;

void on_interrupt(int) {
  g_interrupted = 1;
  if (g_cancel) g_cancel->store(true);
}

size_t terminal_width() {
  struct winsize ws {};
  if (::isatty(1) && ::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;
}

std::string history_path() {
  if (const char* p = std::getenv("KG_HISTORY"); p && *p) return p;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.kg_history";
  return "";
}

// Reads input lines: libedit on a terminal, plain lines otherwise.
class LineReader {
 public:
  LineReader(bool interactive, Session& session) : session_(session) {
#ifdef KG_HAVE_LIBEDIT
    if (!interactive) return;
    el_ = el_init("kg", stdin, stdout, stderr);
    history_ = history_init();
    HistEvent ev;
    ::history(history_, &ev, H_SETSIZE, 5000);
    ::history(history_, &ev, H_SETUNIQUE, 1);
    history_file_ = history_path();
    if (!history_file_.empty()) ::history(history_, &ev, H_LOAD, history_file_.c_str());
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_HIST, ::history, history_);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_PROMPT, &LineReader::prompt_of);
    el_set(el_, EL_ADDFN, "kg-complete", "Complete a keyword, label, type, key or name",
           &LineReader::complete_in);
    el_set(el_, EL_BIND, "^I", "kg-complete", nullptr);
    el_set(el_, EL_BIND, "^R", "em-inc-search-prev", nullptr);
    el_source(el_, nullptr);  // the user's ~/.editrc, if any
#else
    (void)interactive;
#endif
  }
  ~LineReader() {
#ifdef KG_HAVE_LIBEDIT
    if (el_) el_end(el_);
    if (history_) history_end(history_);
#endif
  }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its newline; nullopt at end of input. An interrupted read (Ctrl-C)
  // returns nullopt with g_interrupted set.
  std::optional<std::string> read(const std::string& prompt) {
    prompt_ = prompt;
#ifdef KG_HAVE_LIBEDIT
    if (el_) {
      int count = 0;
      const char* line = el_gets(el_, &count);
      if (!line || count <= 0) return std::nullopt;
      std::string text(line, size_t(count));
      if (!text.empty() && text.back() == '\n') text.pop_back();
      return text;
    }
#endif
    std::string text;
    if (!std::getline(std::cin, text)) return std::nullopt;
    return text;
  }

  void remember(const std::string& entry) {
#ifdef KG_HAVE_LIBEDIT
    if (!history_ || entry.empty()) return;
    HistEvent ev;
    ::history(history_, &ev, H_ENTER, entry.c_str());
    // Saved after each entry so that a crash or a kill keeps it.
    if (!history_file_.empty()) ::history(history_, &ev, H_SAVE, history_file_.c_str());
#else
    (void)entry;
#endif
  }

 private:
#ifdef KG_HAVE_LIBEDIT
  static LineReader* self(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<LineReader*>(data);
  }
  static char* prompt_of(EditLine* el) {
    return self(el)->prompt_.data();
  }
  static unsigned char complete_in(EditLine* el, int) {
    return self(el)->complete(el);
  }

  unsigned char complete(EditLine* el) {
    if (words_generation_ != session_.generation() + 1) {
      words_.gather(session_.graph());
      words_generation_ = session_.generation() + 1;
    }
    words_.params.clear();
    for (const auto& [name, value] : session_.params) words_.params.push_back(name);
    const LineInfo* info = el_line(el);
    std::string before(info->buffer, size_t(info->cursor - info->buffer));
    Completion c = cli::complete(before, words_);
    if (c.candidates.empty()) return CC_REFRESH_BEEP;
    std::string typed = before.substr(c.start);
    std::string common = common_prefix(c.candidates);
    if (common.size() > typed.size() || (common.size() == typed.size() && common != typed)) {
      el_deletestr(el, int(base::utf8_length(typed)));
      el_insertstr(el, common.c_str());
      return CC_REFRESH;
    }
    if (c.candidates.size() == 1) return CC_REFRESH;
    // Nothing more to add: show the choices under the line.
    std::cout << "\n";
    size_t shown = 0;
    for (const auto& cand : c.candidates) {
      if (++shown > 60) {
        std::cout << "... (" << c.candidates.size() << " in all)";
        break;
      }
      std::cout << cand << "  ";
    }
    std::cout << "\n" << std::flush;
    return CC_REDISPLAY;
  }

  EditLine* el_ = nullptr;
  History* history_ = nullptr;
  std::string history_file_;
  CompletionWords words_;
  uint64_t words_generation_ = 0;
#endif
  Session& session_;
  std::string prompt_;
};

// Asks whether to save before leaving. Returns false when the user wants to stay.
bool confirm_quit(Session& session, LineReader& reader, bool interactive, int& status) {
  if (!session.dirty() || session.discard_requested()) return true;
  if (!interactive) {
    std::cerr << "kg: the graph has unsaved changes; they were NOT saved (end the input with "
                 ":save to keep them, or :quit! to drop them)\n";
    status = kExitUserError;
    return true;
  }
  for (;;) {
    std::string where = session.path().empty() ? "a new file" : session.path();
    auto answer = reader.read("Save changes to " + where + "? [y]es, [n]o, [c]ancel: ");
    g_interrupted = 0;
    std::string a = answer ? *answer : "c";
    if (a == "n" || a == "no") return true;
    if (a == "c" || a == "cancel" || a.empty()) return false;
    if (a == "y" || a == "yes") {
      std::string path = session.path();
      if (path.empty()) {
        auto given = reader.read("File to save to: ");
        if (!given || given->empty()) return false;
        path = *given;
      }
      try {
        session.save(path);
        std::cout << "saved " << session.path() << "\n";
        return true;
      } catch (const UserError& e) {
        std::cerr << "kg: " << e.what() << "\n";
        return false;
      }
    }
  }
}

int run_shell(const std::string& graph_path) {
  Session session(graph_path, true);
  bool interactive = ::isatty(0) != 0;
  session.timing = interactive;
  g_cancel = &session.cancel;
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: Ctrl-C at the prompt interrupts the read
  sigaction(SIGINT, &action, nullptr);

  std::string name =
      graph_path.empty() ? "(memory)" : std::filesystem::path(graph_path).stem().string();
  std::string prompt = "kg:" + name + "> ";
  std::string more = std::string(prompt.size() - 5, ' ') + "...> ";
  LineReader reader(interactive, session);
  if (interactive)
    std::cout << "kg shell on " << (graph_path.empty() ? "an empty graph" : graph_path) << ": "
              << session.graph().node_count() << " nodes, " << session.graph().edge_count()
              << " relations. End statements with ';', :help for help.\n";
  std::string pending;
  int status = kExitOk;
  bool failed = false;
  for (;;) {
    session.width = terminal_width();
    auto line = reader.read(pending.empty() ? prompt : more);
    if (g_interrupted) {
      // Ctrl-C at the prompt drops the statement being typed, like psql.
      g_interrupted = 0;
      if (!line) {
        std::cout << "^C\n" << std::flush;
        pending.clear();
        continue;
      }
    }
    bool eof = !line;
    if (!eof) pending += *line + "\n";
    SplitScript split = split_script(pending);
    for (const auto& item : split.items) {
      if (!item.terminated && !eof) break;
      failed |= !session.run_item(item, pending, "");
      if (g_interrupted) g_interrupted = 0;
      if (session.quit_requested()) break;
    }
    reader.remember(one_line(pending.substr(0, eof ? pending.size() : split.consumed)));
    pending.erase(0, eof ? pending.size() : split.consumed);
    if (pending.find_first_not_of(" \t\r\n") == std::string::npos) pending.clear();
    if (eof || session.quit_requested()) {
      if (eof && interactive) std::cout << "\n";
      if (confirm_quit(session, reader, interactive, status)) break;
      session.stay();
    }
  }
  session.finish_output();
  g_cancel = nullptr;
  if (!interactive && failed) status = kExitUserError;
  return status;
}

}  // namespace

void register_shell_commands(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("shell", "Interactive openCypher shell over a graph file");
  cmd->add_option("graph", *path, "Graph file (created on :save when it does not exist)");
  cmd->callback([path] {
    int status = run_shell(*path);
    if (status != kExitOk) throw UserError("shell ended with unsaved changes or errors");
  });
}

}  // namespace kg::cli
