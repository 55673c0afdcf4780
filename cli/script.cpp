// Statement splitting shared by kg query scripts and the shell.
#include "cli/script.h"

#include <cctype>

#include "base/ascii.h"
#include "base/utf8.h"
#include "query/error.h"
#include "query/lexer.h"

namespace kg::cli {

namespace {

bool blank(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Walks the text keeping line and column of the next byte.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  int line = 1, column = 1;
  bool done() const { return i >= s.size(); }
  char at(size_t k = 0) const { return i + k < s.size() ? s[i + k] : '\0'; }
  void step() {
    if (s[i] == '\n') line += 1, column = 1;
    // Columns count characters: UTF-8 continuation bytes do not start one.
    else if (base::starts_character(s[i]))
      ++column;
    ++i;
  }
};

}  // namespace

SplitScript split_script(std::string_view text) {
  SplitScript out;
  Cursor c{text};
  ScriptItem cur;
  bool started = false, line_blank = true;
  auto begin_item = [&] {
    if (started) return;
    started = true;
    cur = ScriptItem();
    cur.line = c.line;
    cur.column = c.column;
  };
  // Copies the current byte into the open statement (if any) and moves on.
  auto take = [&] {
    if (started) cur.text += c.at();
    if (c.at() == '\n')
      line_blank = true;
    else if (!blank(c.at()))
      line_blank = false;
    c.step();
  };
  while (!c.done()) {
    char ch = c.at();
    if (!started && line_blank && ch == ':') {
      begin_item();
      cur.meta = true;
      while (!c.done() && c.at() != '\n') take();
      size_t end = cur.text.find_last_not_of(" \t\r;");
      cur.text.resize(end == std::string::npos ? 0 : end + 1);
      cur.terminated = !c.done();
      started = false;
      if (!c.done()) take();
      out.items.push_back(cur);
      if (cur.terminated) out.consumed = c.i;
      continue;
    }
    if (ch == '\'' || ch == '"' || ch == '`') {
      begin_item();
      take();
      bool closed = false;
      while (!c.done()) {
        char q = c.at();
        if (q == '\\' && ch != '`' && c.i + 1 < text.size()) {
          take();
          take();
          continue;
        }
        take();
        if (q == ch) {
          closed = true;
          break;
        }
      }
      if (!closed) out.open = true;
      continue;
    }
    if (ch == '/' && c.at(1) == '/') {
      while (!c.done() && c.at() != '\n') take();
      continue;
    }
    if (ch == '/' && c.at(1) == '*') {
      take();
      take();
      bool closed = false;
      while (!c.done()) {
        if (c.at() == '*' && c.at(1) == '/') {
          take();
          take();
          closed = true;
          break;
        }
        take();
      }
      if (!closed) out.open = true;
      continue;
    }
    if (ch == ';') {
      if (started) {
        cur.terminated = true;
        out.items.push_back(cur);
      }
      started = false;
      line_blank = false;
      c.step();
      out.consumed = c.i;
      continue;
    }
    if (!blank(ch)) begin_item();
    take();
  }
  if (started) {
    out.items.push_back(cur);
    out.open = true;
  }
  return out;
}

std::string one_line(std::string_view text) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      out += c;
      if (c == '\\' && quote != '`' && i + 1 < text.size())
        out += text[++i];
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      out += c;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      size_t end = text.find('\n', i);
      std::string_view comment =
          text.substr(i + 2, end == std::string_view::npos ? end : end - i - 2);
      if (comment.find("*/") == std::string_view::npos) out += "/*" + std::string(comment) + " */";
      i = end == std::string_view::npos ? text.size() : end - 1;
    } else {
      out += c == '\n' || c == '\r' ? ' ' : c;
    }
  }
  size_t end = out.find_last_not_of(' ');
  out.resize(end == std::string::npos ? 0 : end + 1);
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && blank(text[i])) ++i;
    if (i >= text.size()) break;
    std::string word;
    while (i < text.size() && !blank(text[i])) {
      char q = text[i];
      if (q == '"' || q == '\'') {
        for (++i; i < text.size() && text[i] != q; ++i) word += text[i];
        if (i < text.size()) ++i;
      } else {
        word += q;
        ++i;
      }
    }
    words.push_back(word);
  }
  return words;
}

bool may_change_graph(std::string_view script) {
  static constexpr std::string_view kUpdating[] = {"create", "merge",  "set",
                                                   "delete", "remove", "foreach"};
  static constexpr std::string_view kChangingMeta[] = {":load", ":source", ":save", ":save!"};
  for (const ScriptItem& item : split_script(script).items) {
    if (item.meta) {
      std::vector<std::string> words = split_words(item.text);
      for (std::string_view meta : kChangingMeta)
        if (!words.empty() && words[0] == meta) return true;
      continue;
    }
    try {
      for (const query::Token& token : query::lex(item.text))
        if (token.kind == query::Tok::kIdent)
          for (std::string_view keyword : kUpdating)
            if (base::ascii_lower(token.text) == keyword) return true;
    } catch (const query::QueryError&) {
      return true;
    }
  }
  return false;
}

}  // namespace kg::cli
