// Reading inputs and opening outputs for kg commands, with errors users can act on.
#pragma once

#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>

#include "graph/graph.h"

namespace kg::cli {

// Reads a whole file. Throws UserError when it cannot be read.
std::string read_file(const std::string& path);

// Reads a text file that must be UTF-8 (tables, scripts): throws UserError "path:line:column:"
// on a NUL byte or invalid UTF-8.
std::string read_utf8_file(const std::string& path);

// Loads a graph file, or returns an empty graph when `path` does not exist yet.
// A file that exists but cannot be read throws UserError (and is never overwritten).
graph::Graph load_graph_or_new(const std::string& path);

// Loads a graph file that must exist. Throws UserError.
graph::Graph load_existing_graph(const std::string& path);

// Saves atomically; throws UserError on failure.
void save_graph_file(const graph::Graph& graph, const std::string& path);

// Throws UserError when `output` names the graph file `graph_path` itself (any spelling: a
// symlink, "./G.json"): an export written there would replace the graph with a picture of it.
void refuse_graph_as_output(const std::string& graph_path, const std::string& output);

// An output stream: stdout for "-" or an empty path, else the file. A regular file is replaced
// whole at close() (written beside it, synced, renamed): until then, and if close() is never
// reached, the old file stays as it was. Other paths (/dev/stdout, a pipe) are written directly.
class Output {
 public:
  explicit Output(const std::string& path);
  std::ostream& stream();
  // Flushes and reports write errors (full disk) as UserError.
  void close();

 private:
  std::string path_;
  std::unique_ptr<std::ofstream> file_;           // a path that is no regular file
  std::unique_ptr<std::ostringstream> contents_;  // what replaces a regular file at close()
};

}  // namespace kg::cli
