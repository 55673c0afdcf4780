// What kg build and kg extract read: files, folders, stdin and JSONL article collections.
#pragma once

#include <cstdint>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace kg::cli {

// One document to extract: its name (the article's id) and raw bytes, with the title and date a
// JSONL collection gives ("" when it gives none: the text's first line and dateline are used).
struct InputDocument {
  std::string name;
  std::string bytes;
  std::string title;
  std::string date;    // YYYY-MM-DD
  std::string source;  // the folder of a file, the path of a collection, "stdin"
};

// Where documents come from, once folders are expanded: a file (one document), a .jsonl
// collection named on the command line (one document per line), or stdin ("-").
struct InputSource {
  enum class Kind { file, jsonl, stdin_text };
  std::string path;
  Kind kind = Kind::file;
  uintmax_t bytes = 0;  // the file's size; 0 for stdin
};

// The sources `inputs` name, in the order read_inputs reads them (`kg extract --list-inputs`
// prints it for scripts such as scripts/kg-dask). A file named on the command line is read
// whatever its name; a folder gives only its articles: .txt, .text, .md and .jsonl files below it,
// README files excepted, sorted by path bytes. The other files of a folder (a saved graph, query
// scripts, a table) are skipped with one line on `log` saying how many and of which kinds.
// Throws UserError for a path that does not exist or a folder that cannot be listed.
std::vector<InputSource> list_inputs(const std::vector<std::string>& inputs,
                                     std::ostream& log = std::cerr);

// A calendar date written YYYY-MM-DD (a JSONL "date", --date).
bool is_iso_date(std::string_view s);

// Expands inputs into documents: files, folders (their articles below, sorted: see
// list_inputs), "-" for stdin, and .jsonl files with one {"id", "text"[, "title", "date"]}
// object per line.
// Throws UserError for what cannot be read.
std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs);

}  // namespace kg::cli
