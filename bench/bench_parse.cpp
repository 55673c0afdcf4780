// Throughput of tag + lemmatize + parse on the BBC articles, one thread.
// Usage: bench_parse [BBC_DIR] [MODEL_DIR] [MAX_FILES]. Sentences are split naively (lines, then ".
// ") and words at spaces with edge punctuation detached, so the figure excludes tokenization.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/syntax/pipeline.h"

namespace {

using kg::extract::Sentence;

bool edge_punct(unsigned char c) {
  return c < 0x80 && std::ispunct(c) && c != '\'' && c != '-';
}

void add_word(Sentence& s, const std::string& w) {
  kg::extract::Token t;
  t.form = w;
  s.tokens.push_back(std::move(t));
}

// Splits a line into sentences at ". ", "? ", "! " and words at spaces.
void split_line(const std::string& line, std::vector<Sentence>& out) {
  Sentence current;
  std::istringstream in(line);
  std::string token;
  while (in >> token) {
    size_t b = 0, e = token.size();
    std::vector<std::string> trailing;
    while (b < e && edge_punct(token[b])) add_word(current, std::string(1, token[b++]));
    while (e > b && edge_punct(token[e - 1])) trailing.push_back(std::string(1, token[--e]));
    if (e > b) add_word(current, token.substr(b, e - b));
    bool ends = false;
    for (auto it = trailing.rbegin(); it != trailing.rend(); ++it) {
      add_word(current, *it);
      ends |= *it == "." || *it == "?" || *it == "!";
    }
    if (ends || current.tokens.size() >= 100) {
      out.push_back(std::move(current));
      current = Sentence();
    }
  }
  if (!current.tokens.empty()) out.push_back(std::move(current));
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
         usage.ru_stime.tv_usec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bbc = argc > 1 ? argv[1] : std::string(KG_SOURCE_DIR) + "/../shared/data/news/bbc";
  std::string models = argc > 2 ? argv[2] : kg::extract::default_model_dir();
  if (!std::filesystem::is_directory(bbc)) {
    std::cerr << "bench_parse: no BBC articles at " << bbc << " (pass the folder as argument)\n";
    return 1;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(bbc))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (argc > 3) files.resize(std::min<size_t>(files.size(), std::stoul(argv[3])));
  std::vector<Sentence> sentences;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) split_line(line, sentences);
  }
  size_t words = 0;
  for (const auto& s : sentences) words += s.tokens.size();

  double load_start = cpu_seconds();
  auto t0 = std::chrono::steady_clock::now();
  kg::extract::Pipeline pipeline;
  try {
    pipeline = kg::extract::Pipeline::load(models, kg::extract::default_wordnet_dir());
  } catch (const std::exception& e) {
    std::cerr << "bench_parse: " << e.what() << "\n";
    return 1;
  }
  double load_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double load_cpu = cpu_seconds() - load_start;

  double cpu_start = cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  for (auto& s : sentences) pipeline.annotate(s);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = cpu_seconds() - cpu_start;
  std::printf("files %zu, sentences %zu, words %zu\n", files.size(), sentences.size(), words);
  std::printf("model load: %.3f s wall, %.3f s CPU\n", load_wall, load_cpu);
  std::printf(
      "tag+lemmatize+parse: %.2f s wall, %.2f s CPU, %.0f words/s (CPU), %.0f words/s (wall)\n",
      wall, cpu, words / cpu, words / wall);
  return 0;
}
