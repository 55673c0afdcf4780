#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "extract/entities/ner_conll.h"
#include "extract/entities/word_clusters.h"
#include "extract/learn/model_io.h"
#include "extract/syntax/conllu.h"

namespace kg::extract::ner {
namespace {

inline double xlogx(double x) {
  return x > 0 ? x * std::log(x) : 0.0;
}

// The text as word ids with bigram counts in both directions.
struct BigramData {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> right, left;  // word -> (other, count)
  std::vector<uint32_t> self;                                           // count of (w, w)
  std::vector<double> as_left, as_right;                                // marginals
};

BigramData count_bigrams(const std::vector<std::vector<uint32_t>>& sentences, size_t words,
                         uint32_t boundary) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (const auto& s : sentences) {
    uint32_t prev = boundary;
    for (uint32_t w : s) {
      pairs.emplace_back(prev, w);
      prev = w;
    }
    pairs.emplace_back(prev, boundary);
  }
  std::sort(pairs.begin(), pairs.end());
  BigramData data;
  data.right.resize(words);
  data.left.resize(words);
  data.self.assign(words, 0);
  data.as_left.assign(words, 0);
  data.as_right.assign(words, 0);
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    auto [a, b] = pairs[i];
    uint32_t n = static_cast<uint32_t>(j - i);
    data.as_left[a] += n;
    data.as_right[b] += n;
    if (a == b) {
      data.self[a] += n;
    } else {
      data.right[a].emplace_back(b, n);
      data.left[b].emplace_back(a, n);
    }
    i = j;
  }
  return data;
}

// One exchange-algorithm run with K classes; returns word -> class.
std::vector<uint16_t> exchange(const BigramData& data, int classes, int iterations, bool verbose) {
  const size_t V = data.self.size();
  const size_t K = static_cast<size_t>(classes);
  std::vector<uint16_t> cls(V);
  for (size_t w = 0; w < V; ++w) cls[w] = static_cast<uint16_t>(w % K);
  std::vector<double> N(K * K, 0.0), NL(K, 0.0), NR(K, 0.0);
  for (size_t w = 0; w < V; ++w) {
    for (auto [v, n] : data.right[w]) N[cls[w] * K + cls[v]] += n;
    N[cls[w] * K + cls[w]] += data.self[w];
    NL[cls[w]] += data.as_left[w];
    NR[cls[w]] += data.as_right[w];
  }
  std::vector<double> R(K), L(K);
  std::vector<uint16_t> touched_r, touched_l;
  for (int it = 0; it < iterations; ++it) {
    size_t moved = 0;
    for (size_t w = 0; w < V; ++w) {
      touched_r.clear();
      touched_l.clear();
      for (auto [v, n] : data.right[w]) {
        if (R[cls[v]] == 0) touched_r.push_back(cls[v]);
        R[cls[v]] += n;
      }
      for (auto [u, n] : data.left[w]) {
        if (L[cls[u]] == 0) touched_l.push_back(cls[u]);
        L[cls[u]] += n;
      }
      const double self = data.self[w], nl = data.as_left[w], nr = data.as_right[w];
      const size_t a = cls[w];
      for (uint16_t c : touched_r) N[a * K + c] -= R[c];
      for (uint16_t c : touched_l) N[c * K + a] -= L[c];
      N[a * K + a] -= self;
      NL[a] -= nl;
      NR[a] -= nr;
      size_t best = a;
      double best_gain = -1e300;
      for (size_t b = 0; b < K; ++b) {
        double gain = 0;
        for (uint16_t c : touched_r)
          if (c != b) gain += xlogx(N[b * K + c] + R[c]) - xlogx(N[b * K + c]);
        for (uint16_t c : touched_l)
          if (c != b) gain += xlogx(N[c * K + b] + L[c]) - xlogx(N[c * K + b]);
        double diag = N[b * K + b];
        gain += xlogx(diag + R[b] + L[b] + self) - xlogx(diag);
        gain -= xlogx(NL[b] + nl) - xlogx(NL[b]) + xlogx(NR[b] + nr) - xlogx(NR[b]);
        if (gain > best_gain + 1e-9) {
          best_gain = gain;
          best = b;
        }
      }
      for (uint16_t c : touched_r) N[best * K + c] += R[c];
      for (uint16_t c : touched_l) N[c * K + best] += L[c];
      N[best * K + best] += self;
      NL[best] += nl;
      NR[best] += nr;
      if (best != a) ++moved;
      cls[w] = static_cast<uint16_t>(best);
      for (uint16_t c : touched_r) R[c] = 0;
      for (uint16_t c : touched_l) L[c] = 0;
    }
    if (verbose)
      std::cerr << "clusters K=" << K << " iteration " << it + 1 << ": " << moved
                << " words moved\n";
    if (moved == 0) break;
  }
  return cls;
}

}  // namespace

WordClusters WordClusters::train(const std::vector<std::vector<std::string>>& sentences,
                                 const ClusterOptions& options) {
  if (options.class_counts.size() != kLevels)
    throw std::invalid_argument("word clusters need exactly 3 class counts");
  std::unordered_map<std::string, uint64_t> counts;
  for (const auto& s : sentences)
    for (const auto& w : s) ++counts[w];
  std::vector<std::pair<std::string, uint64_t>> vocab(counts.begin(), counts.end());
  std::sort(vocab.begin(), vocab.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  size_t keep = 0;
  while (keep < vocab.size() && keep < options.vocabulary &&
         vocab[keep].second >= static_cast<uint64_t>(options.min_count))
    ++keep;
  vocab.resize(keep);
  std::unordered_map<std::string, uint32_t> ids;
  for (size_t i = 0; i < vocab.size(); ++i) ids.emplace(vocab[i].first, static_cast<uint32_t>(i));
  const uint32_t unknown = static_cast<uint32_t>(keep), boundary = unknown + 1;
  std::vector<std::vector<uint32_t>> encoded;
  encoded.reserve(sentences.size());
  for (const auto& s : sentences) {
    std::vector<uint32_t> e;
    for (const auto& w : s) {
      auto it = ids.find(w);
      e.push_back(it == ids.end() ? unknown : it->second);
    }
    encoded.push_back(std::move(e));
  }
  BigramData data = count_bigrams(encoded, keep + 2, boundary);
  WordClusters clusters;
  std::vector<std::vector<uint16_t>> levels;
  for (int k : options.class_counts) {
    if (k < 2 || k > 4096) throw std::invalid_argument("class count must be within 2..4096");
    levels.push_back(exchange(data, k, options.iterations, options.verbose));
  }
  for (size_t i = 0; i < keep; ++i) {
    Classes c;
    for (size_t l = 0; l < kLevels; ++l) c[l] = levels[l][i];
    auto count = static_cast<uint32_t>(std::min<uint64_t>(vocab[i].second, UINT32_MAX));
    clusters.table_.emplace(vocab[i].first, Word{c, count});
  }
  clusters.has_counts_ = true;
  return clusters;
}

namespace {

// Length of a UTF-8 punctuation mark at s[i] (quotes, dashes, ellipsis), 0 if none.
size_t punct_length(std::string_view s, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80)
    return std::string_view("\"'()[]{},.;:!?-/&*%$#@`").find(c) != std::string_view::npos ? 1 : 0;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = s[i + 2];
    if ((d >= 0x90 && d <= 0x9F) || d == 0xA6) return 3;  // dashes, quotes, ellipsis
  }
  return 0;
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> split_words(std::string_view text) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    size_t b = i, e = end;
    std::vector<std::pair<uint32_t, uint32_t>> tail;
    while (b < e) {  // leading punctuation
      size_t n = punct_length(text, b);
      if (n == 0) break;
      out.emplace_back(b, b + n);
      b += n;
    }
    while (e > b) {  // trailing punctuation, but keep the dot of "U.S." and "Inc."
      size_t n = 0;
      for (size_t k = 1; k <= 3 && k <= e - b; ++k)
        if (punct_length(text, e - k) == k) n = k;
      if (n == 0) break;
      if (n == 1 && text[e - 1] == '.' && e - b >= 2) {
        std::string_view word = text.substr(b, e - b - 1);
        bool abbreviation = word.find('.') != std::string_view::npos ||
                            (word.size() <= 3 && std::isupper(static_cast<unsigned char>(word[0])));
        if (abbreviation) break;
      }
      tail.emplace_back(e - n, e);
      e -= n;
    }
    // Possessive clitics: "Russia's", "Russia’s".
    for (std::string_view clitic : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
      if (e - b > clitic.size() && text.substr(e - clitic.size(), clitic.size()) == clitic) {
        tail.emplace_back(e - clitic.size(), e);
        e -= clitic.size();
        break;
      }
    }
    if (b < e) out.emplace_back(b, e);
    for (auto it = tail.rbegin(); it != tail.rend(); ++it) out.push_back(*it);
    i = end;
  }
  return out;
}

Document simple_tokenize(std::string name, std::string text) {
  Document doc;
  doc.name = std::move(name);
  doc.text = std::move(text);
  auto spans = split_words(doc.text);
  Sentence current;
  auto flush = [&] {
    if (current.tokens.empty()) return;
    current.begin = current.tokens.front().begin;
    current.end = current.tokens.back().end;
    doc.sentences.push_back(std::move(current));
    current = Sentence{};
  };
  for (size_t k = 0; k < spans.size(); ++k) {
    auto [b, e] = spans[k];
    if (!current.tokens.empty() &&
        doc.text.find('\n', current.tokens.back().end) < b)  // a line break ends a sentence
      flush();
    Token t;
    t.begin = b;
    t.end = e;
    t.form = doc.text.substr(b, e - b);
    current.tokens.push_back(std::move(t));
    const std::string& f = current.tokens.back().form;
    if (f == "." || f == "!" || f == "?") flush();
  }
  flush();
  return doc;
}

std::vector<std::vector<std::string>> cluster_training_sentences(
    const std::vector<std::string>& texts, const std::vector<std::string>& conllu,
    const std::vector<std::string>& conll) {
  namespace fs = std::filesystem;
  std::vector<std::vector<std::string>> out;
  auto add = [&](const Sentence& s) {
    out.emplace_back();
    for (const Token& t : s.tokens) out.back().push_back(t.form);
  };
  for (const std::string& path : texts) {
    std::vector<fs::path> files;
    if (fs::is_directory(path)) {
      for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry);
    } else {
      files.push_back(path);
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files)
      for (const Sentence& s :
           simple_tokenize(file.string(), read_model_bytes(file.string())).sentences)
        add(s);
  }
  for (const std::string& path : conllu)
    for (const ConlluSentence& s : read_conllu_file(path)) add(s.sentence);
  for (const std::string& path : conll)
    for (const ConllDocument& doc : read_conll(path))
      for (const auto& sentence : doc.sentences) {
        out.emplace_back();
        for (const ConllLine& line : sentence) out.back().push_back(line.form);
      }
  return out;
}

}  // namespace kg::extract::ner
