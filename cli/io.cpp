#include "cli/io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "base/utf8.h"
#include "cli/commands.h"
#include "graph/persist.h"

namespace kg::cli {

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw UserError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot open: " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw UserError(path + ": cannot read");
  return text;
}

std::string read_utf8_file(const std::string& path) {
  std::string text = read_file(path);
  size_t bad = base::find_invalid_utf8(text.data(), text.size());
  if (bad == text.size()) return text;
  base::TextPosition at = base::position_of(text, bad);
  std::string where = path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": ";
  if (text[bad] == '\0') throw UserError(where + "binary data (NUL byte), expected UTF-8 text");
  throw UserError(where + "invalid UTF-8 (convert the file to UTF-8 first)");
}

graph::Graph load_graph_or_new(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return graph::Graph();
  return load_existing_graph(path);
}

graph::Graph load_existing_graph(const std::string& path) {
  try {
    return graph::load_graph(path);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
}

void save_graph_file(const graph::Graph& graph, const std::string& path) {
  try {
    graph::save_graph(graph, path);
  } catch (const graph::GraphError& e) {
    throw UserError(e.what());
  }
}

void refuse_graph_as_output(const std::string& graph_path, const std::string& output) {
  std::error_code ec;
  if (!graph_path.empty() && !output.empty() && output != "-" &&
      std::filesystem::equivalent(graph_path, output, ec))
    throw UserError(output + ": is the graph file being read; choose another output");
}

Output::Output(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") return;
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) throw UserError(path + ": is a directory");
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    file_ = std::make_unique<std::ofstream>(path, std::ios::binary);
    if (!*file_) throw UserError(path + ": cannot write: " + std::strerror(errno));
    return;
  }
  contents_ = std::make_unique<std::ostringstream>();
}

std::ostream& Output::stream() {
  if (contents_) return *contents_;
  return file_ ? *file_ : std::cout;
}

void Output::close() {
  if (contents_) {
    try {
      graph::replace_file(path_, contents_->view());
    } catch (const graph::GraphError& e) {
      throw UserError(e.what());
    }
    return;
  }
  stream().flush();
  if (!stream())
    throw UserError((path_.empty() || path_ == "-" ? "stdout" : path_) + ": write failed");
  if (file_) file_->close();
}

}  // namespace kg::cli
