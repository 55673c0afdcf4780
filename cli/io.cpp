#include "cli/io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

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
  size_t line = 1, column = 1;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    auto where = [&] { return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": "; };
    if (c == 0) throw UserError(where() + "binary data (NUL byte), expected UTF-8 text");
    if (c == '\n') {
      ++line;
      column = 1;
      ++i;
      continue;
    }
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k)
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (valid && length == 2) valid = c >= 0xC2;
    if (valid && length == 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (valid && length == 4) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      valid = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!valid) throw UserError(where() + "invalid UTF-8 (convert the file to UTF-8 first)");
    i += length;
    ++column;
  }
  return text;
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

Output::Output(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") return;
  file_ = std::make_unique<std::ofstream>(path, std::ios::binary);
  if (!*file_) throw UserError(path + ": cannot write: " + std::strerror(errno));
}

void Output::close() {
  stream().flush();
  if (!stream()) throw UserError((path_.empty() || path_ == "-" ? "stdout" : path_) + ": write failed");
  if (file_) file_->close();
}

}  // namespace kg::cli
