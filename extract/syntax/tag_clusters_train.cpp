#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "base/ascii.h"
#include "extract/syntax/tag_clusters.h"

namespace kg::extract {
namespace {

constexpr int kContextWords = 250;  // most frequent words used as context dimensions

bool is_edge_punct(unsigned char c) {
  return c < 0x80 && !std::isalnum(c) && c != '\'' && c != '-' && c != '&';
}

}  // namespace

std::vector<std::string> naive_words(const std::string& text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (start == i) break;
    std::string token = text.substr(start, i - start);
    size_t b = 0, e = token.size();
    while (b < e && is_edge_punct(token[b])) words.push_back(std::string(1, token[b++]));
    std::vector<std::string> trailing;
    while (e > b && is_edge_punct(token[e - 1])) trailing.push_back(std::string(1, token[--e]));
    if (e > b) {
      words.push_back(base::ascii_lower(std::string_view(token).substr(b, e - b)));
    }
    words.insert(words.end(), trailing.rbegin(), trailing.rend());
  }
  return words;
}

std::unordered_map<std::string, uint16_t> cluster_words(
    const std::vector<std::vector<std::string>>& sentences, int k, int min_count, int iterations) {
  std::unordered_map<std::string, int> counts;
  for (const auto& s : sentences)
    for (const auto& w : s) ++counts[w];
  std::vector<std::pair<int, std::string>> by_freq;
  for (const auto& [w, n] : counts)
    if (n >= min_count) by_freq.emplace_back(-n, w);
  std::sort(by_freq.begin(), by_freq.end());  // frequency, then spelling: deterministic
  std::unordered_map<std::string, int> index, context;
  for (size_t i = 0; i < by_freq.size(); ++i) index[by_freq[i].second] = static_cast<int>(i);
  for (int i = 0; i < kContextWords && i < static_cast<int>(by_freq.size()); ++i)
    context[by_freq[i].second] = i;
  const int dims = 2 * kContextWords + 2;  // left and right neighbours, plus "other" for each
  const size_t n = by_freq.size();
  std::vector<float> vectors(n * dims, 0.0f);
  for (const auto& s : sentences)
    for (size_t i = 0; i < s.size(); ++i) {
      auto it = index.find(s[i]);
      if (it == index.end()) continue;
      float* v = &vectors[static_cast<size_t>(it->second) * dims];
      auto dim_of = [&](long j) {
        if (j < 0 || j >= static_cast<long>(s.size())) return kContextWords;  // sentence edge
        auto c = context.find(s[j]);
        return c == context.end() ? kContextWords : c->second;
      };
      v[dim_of(static_cast<long>(i) - 1)] += 1;
      v[kContextWords + 1 + dim_of(static_cast<long>(i) + 1)] += 1;
    }
  for (size_t w = 0; w < n; ++w) {  // square-root damping, then unit length
    float* v = &vectors[w * dims];
    double norm = 0;
    for (int d = 0; d < dims; ++d) norm += v[d] = std::sqrt(v[d]);
    norm = 0;
    for (int d = 0; d < dims; ++d) norm += v[d] * v[d];
    float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
    for (int d = 0; d < dims; ++d) v[d] *= inv;
  }
  k = std::max(1, std::min<int>(k, static_cast<int>(n)));
  // Seeds spread over the frequency ranking so frequent and rare words both get centres.
  std::vector<float> centres(static_cast<size_t>(k) * dims);
  for (int c = 0; c < k; ++c) {
    size_t w = static_cast<size_t>(c) * n / k;
    std::copy_n(&vectors[w * dims], dims, &centres[static_cast<size_t>(c) * dims]);
  }
  std::vector<int> assignment(n, 0);
  for (int iter = 0; iter < iterations; ++iter) {
    for (size_t w = 0; w < n; ++w) {
      const float* v = &vectors[w * dims];
      float best = -1e30f;
      for (int c = 0; c < k; ++c) {
        const float* m = &centres[static_cast<size_t>(c) * dims];
        float dot = 0;
        for (int d = 0; d < dims; ++d) dot += v[d] * m[d];
        if (dot > best) best = dot, assignment[w] = c;
      }
    }
    std::fill(centres.begin(), centres.end(), 0.0f);
    for (size_t w = 0; w < n; ++w) {
      float* m = &centres[static_cast<size_t>(assignment[w]) * dims];
      const float* v = &vectors[w * dims];
      for (int d = 0; d < dims; ++d) m[d] += v[d];
    }
    for (int c = 0; c < k; ++c) {  // spherical k-means: centres back to unit length
      float* m = &centres[static_cast<size_t>(c) * dims];
      double norm = 0;
      for (int d = 0; d < dims; ++d) norm += m[d] * m[d];
      float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
      for (int d = 0; d < dims; ++d) m[d] *= inv;
    }
  }
  std::unordered_map<std::string, uint16_t> clusters;
  for (size_t w = 0; w < n; ++w) clusters[by_freq[w].second] = static_cast<uint16_t>(assignment[w]);
  return clusters;
}

std::unordered_map<std::string, uint32_t> build_tag_clusters(
    const std::vector<Sentence>& train, const std::vector<std::string>& text_paths,
    std::ostream* log) {
  std::unordered_map<std::string, uint32_t> ids;
  if (text_paths.empty()) return ids;
  std::vector<std::vector<std::string>> sentences;
  for (const auto& s : train) {
    std::vector<std::string> words;
    for (const auto& t : s.tokens) words.push_back(base::ascii_lower(t.form));
    sentences.push_back(std::move(words));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& p : text_paths) {
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    } else if (std::filesystem::is_regular_file(p)) {
      files.push_back(p);
    } else {
      throw std::runtime_error("no such file or folder: " + p);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      auto words = naive_words(line);
      if (!words.empty()) sentences.push_back(std::move(words));
    }
  }
  auto fine = cluster_words(sentences, 256, 3, 8);
  auto coarse = cluster_words(sentences, 32, 3, 8);
  for (const auto& [w, c] : fine) ids[w] = c | (static_cast<uint32_t>(coarse.at(w)) << 16);
  if (log) *log << "clustered " << ids.size() << " words from " << files.size() << " text files\n";
  return ids;
}

}  // namespace kg::extract
