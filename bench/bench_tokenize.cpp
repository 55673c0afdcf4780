// Tokenizer throughput: tokenizes every .txt file under a directory (default: the BBC news
// articles in ../shared) and prints MB/s, tokens/s and sentence counts.
// Usage: bench_tokenize [DIR] [--repeat N]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/error.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  fs::path dir = fs::path(KG_SOURCE_DIR) / ".." / "shared" / "data" / "news" / "bbc";
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      dir = arg;
    }
  }
  if (!fs::is_directory(dir)) {
    std::fprintf(stderr, "bench_tokenize: no directory %s\n", dir.string().c_str());
    return 1;
  }
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry);
  }
  std::sort(paths.begin(), paths.end());

  // Read and decode everything first so that the timing covers tokenizing only.
  std::vector<kg::extract::Document> docs;
  size_t bytes = 0, latin1 = 0, rejected = 0;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream raw;
    raw << in.rdbuf();
    try {
      auto decoded = kg::extract::decode_text(raw.str(), path.string());
      if (decoded.was_latin1) {
        ++latin1;
        std::printf("read as Latin-1: %s\n", path.string().c_str());
      }
      kg::extract::Document doc;
      doc.name = path.string();
      doc.text = std::move(decoded.text);
      bytes += doc.text.size();
      docs.push_back(std::move(doc));
    } catch (const kg::extract::ExtractError& e) {
      ++rejected;
      std::printf("rejected: %s\n", e.what());
    }
  }

  // CPU time, not wall time: other jobs on the machine should not change the figure.
  double best = 1e30, first = 0;
  size_t tokens = 0, sentences = 0;
  for (int round = 0; round < repeat; ++round) {
    tokens = sentences = 0;
    std::clock_t start = std::clock();
    for (auto& doc : docs) {
      kg::extract::tokenize(doc);
      sentences += doc.sentences.size();
      for (const auto& s : doc.sentences) tokens += s.tokens.size();
    }
    double seconds = double(std::clock() - start) / CLOCKS_PER_SEC;
    if (round == 0) first = seconds;  // includes allocating every token for the first time
    best = std::min(best, seconds);
  }
  std::printf("%zu files (%zu Latin-1, %zu rejected), %.2f MB, %zu sentences, %zu tokens\n",
              docs.size(), latin1, rejected, bytes / 1e6, sentences, tokens);
  std::printf("first run: %.3f s CPU  %.1f MB/s  %.2f M tokens/s\n", first, bytes / 1e6 / first,
              tokens / 1e6 / first);
  std::printf("best of %d: %.3f s CPU  %.1f MB/s  %.2f M tokens/s\n", repeat, best,
              bytes / 1e6 / best, tokens / 1e6 / best);
  return 0;
}
