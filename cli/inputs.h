// What kg build and kg extract read: files, folders, stdin and JSONL article collections.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kg::cli {

// One document to extract: its name and raw bytes.
struct InputDocument {
  std::string name;
  std::string bytes;
};

// Where documents come from, once folders are expanded: a file (one document), a .jsonl
// collection named on the command line (one document per line), or stdin ("-").
struct InputSource {
  enum class Kind { file, jsonl, stdin_text };
  std::string path;
  Kind kind = Kind::file;
  uintmax_t bytes = 0;  // the file's size; 0 for stdin
};

// The sources `inputs` name, in the order read_inputs reads them (the rule below; `kg extract
// --list-inputs` prints it for scripts such as scripts/kg-dask). Throws UserError for a path that
// does not exist or a folder that cannot be listed.
std::vector<InputSource> list_inputs(const std::vector<std::string>& inputs);

// Expands inputs into documents: files, folders (every regular file below, sorted), "-" for
// stdin, and .jsonl files with one {"id", "text"[, "date", "url"]} object per line.
// Throws UserError for what cannot be read.
std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs);

}  // namespace kg::cli
