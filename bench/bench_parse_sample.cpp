// Parsing benchmark, kg's side of the link-grammar comparison (bench/run.sh). Tokenizes, tags,
// lemmatizes and parses (1) a fixed sample of BBC articles, every STRIDE-th file in sorted
// order, given to kg as one sentence per line exactly as written to SAMPLE_OUT for
// link-parser, and (2) all the BBC articles as whole documents. One thread; times exclude model
// loading and file reading. The last lines are "key value" pairs for run.sh.
// Usage: bench_parse_sample BBC_DIR STRIDE SAMPLE_OUT [MODEL_DIR]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "extract/syntax/pipeline.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace fs = std::filesystem;
using kg::extract::Document;

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto sec = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return sec(usage.ru_utime) + sec(usage.ru_stime);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error("cannot read " + path.string());
  return kg::extract::decode_text(bytes.str(), path.string()).text;
}

// What one timed pass did and how long it took.
struct Pass {
  size_t texts = 0, sentences = 0, words = 0;
  double wall = 0, cpu = 0;
};

// Tokenizes and annotates every text; the texts are read before the clock starts.
Pass annotate_all(const std::vector<std::string>& texts, const kg::extract::Pipeline& pipeline) {
  Pass pass;
  double cpu_start = cpu_seconds();
  auto start = std::chrono::steady_clock::now();
  for (const auto& text : texts) {
    Document doc;
    doc.text = text;
    kg::extract::tokenize(doc);
    for (auto& sentence : doc.sentences) {
      pipeline.annotate(sentence);
      pass.words += sentence.tokens.size();
    }
    pass.sentences += doc.sentences.size();
  }
  pass.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  pass.cpu = cpu_seconds() - cpu_start;
  pass.texts = texts.size();
  return pass;
}

// One line per sentence of the document, line breaks inside a sentence turned into spaces.
void append_sentence_lines(const Document& doc, std::vector<std::string>& lines) {
  for (const auto& sentence : doc.sentences) {
    std::string line = doc.text.substr(sentence.begin, sentence.end - sentence.begin);
    std::replace_if(
        line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    lines.push_back(std::move(line));
  }
}

void print_pass(const char* what, const Pass& p) {
  std::printf(
      "%s: %zu texts, %zu sentences, %zu words; %.2f s wall, %.2f s CPU; %.0f words/s "
      "(wall), %.0f words/s (CPU)\n",
      what, p.texts, p.sentences, p.words, p.wall, p.cpu, double(p.words) / p.wall,
      double(p.words) / p.cpu);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::cerr << "usage: bench_parse_sample BBC_DIR STRIDE SAMPLE_OUT [MODEL_DIR]\n";
    return 2;
  }
  fs::path bbc = argv[1];
  long stride = std::atol(argv[2]);
  std::string sample_out = argv[3];
  std::string models = argc > 4 ? argv[4] : kg::extract::default_model_dir();
  if (!fs::is_directory(bbc) || stride < 1) {
    std::cerr << "bench_parse_sample: need a BBC folder and STRIDE >= 1\n";
    return 2;
  }
  try {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(bbc))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error("no .txt files under " + bbc.string());

    std::vector<std::string> articles, sample_lines;
    size_t sample_files = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      articles.push_back(read_text(files[i]));
      if (i % size_t(stride) != 0) continue;
      Document doc;
      doc.text = articles.back();
      kg::extract::tokenize(doc);
      append_sentence_lines(doc, sample_lines);
      ++sample_files;
    }
    std::ofstream out(sample_out);
    for (const auto& line : sample_lines) out << line << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write " + sample_out);

    auto pipeline = kg::extract::Pipeline::load(models, kg::extract::default_wordnet_dir());
    Pass sample = annotate_all(sample_lines, pipeline);
    Pass all = annotate_all(articles, pipeline);
    std::printf(
        "sample: every %ldth of %zu BBC files in sorted order (%zu files), one sentence "
        "per line in %s\n",
        stride, files.size(), sample_files, sample_out.c_str());
    print_pass("kg on the sample lines", sample);
    print_pass("kg on all BBC articles", all);
    std::printf("sample_lines %zu\nsample_words %zu\nsample_wall %.3f\nsample_cpu %.3f\n",
                sample.texts, sample.words, sample.wall, sample.cpu);
    std::printf("all_files %zu\nall_words %zu\nall_wall %.3f\nall_cpu %.3f\n", all.texts, all.words,
                all.wall, all.cpu);
  } catch (const std::exception& e) {
    std::cerr << "bench_parse_sample: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
