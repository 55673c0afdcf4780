// What kg build and kg extract read: files, folders, stdin and JSONL article collections.
#pragma once

#include <string>
#include <vector>

namespace kg::cli {

// One document to extract: its name and raw bytes.
struct InputDocument {
  std::string name;
  std::string bytes;
};

// Expands inputs into documents: files, folders (every regular file below, sorted), "-" for
// stdin, and .jsonl files with one {"id", "text"[, "date", "url"]} object per line.
// Throws UserError for what cannot be read.
std::vector<InputDocument> read_inputs(const std::vector<std::string>& inputs);

}  // namespace kg::cli
