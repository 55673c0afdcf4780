// Splitting query scripts and shell input into statements and meta-commands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kg::cli {

// One statement (without its ';') or one meta-command line (":save", without the newline),
// with the 1-based line and column where it starts in the text it was cut from.
struct ScriptItem {
  std::string text;
  int line = 1;
  int column = 1;
  bool meta = false;
  // Ended by ';' (statements) or by a newline (meta-commands); false for a trailing remainder.
  bool terminated = false;
};

// The items of a text and how far the complete ones reach.
struct SplitScript {
  std::vector<ScriptItem> items;
  // Bytes up to the end of the last terminated item: the shell keeps the rest as pending input.
  size_t consumed = 0;
  // The text ends inside a statement, a string or a block comment (the shell asks for more).
  bool open = false;
};

// Splits at ';' outside strings, backtick names and comments ("//" to the end of the line and
// "/* */"). A line whose first non-blank character is ':' while no statement is open is a
// meta-command up to the end of that line. Blank and comment-only stretches yield nothing.
SplitScript split_script(std::string_view text);

// One line for the history: line breaks become blanks and "// comments" become "/* */" so
// that the flattened statement still means the same.
std::string one_line(std::string_view text);

// Whether a script may change the graph: a statement with an updating clause (CREATE, MERGE,
// SET, DELETE, REMOVE, FOREACH) or a meta-command that adds to or saves it (:load, :source,
// :save). Keywords are read from the query lexer's tokens, so a string that holds "CREATE" does
// not count; a statement that does not lex counts (it may be half of something that writes).
bool may_change_graph(std::string_view script);

// Splits meta-command arguments at blanks; "double" or 'single' quotes keep blanks inside one.
std::vector<std::string> split_words(std::string_view text);

}  // namespace kg::cli
