#include "extract/syntax/tagger_features.h"

#include <algorithm>
#include <limits>

#include "base/ascii.h"
#include "extract/learn/hash.h"

namespace kg::extract::tagging {
namespace {

constexpr uint64_t kNone = 0x5bd1e995ull;  // value of features that look beyond the sentence

// Word shape with runs collapsed: "Guterres" -> "Xx", "2022" -> "d", "U.N." -> "X.X.".
std::string shape_of(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    char k = c >= 'A' && c <= 'Z'   ? 'X'
             : c >= 'a' && c <= 'z' ? 'x'
             : c >= '0' && c <= '9' ? 'd'
             : c >= 0x80            ? 'u'
                                    : static_cast<char>(c);
    if (out.empty() || out.back() != k) out.push_back(k);
    if (out.size() > 6) break;
  }
  return out;
}

}  // namespace

std::vector<WordInfo> word_infos(const Sentence& s,
                                 const std::unordered_map<std::string, uint32_t>& ambiguity,
                                 const std::unordered_map<std::string, uint32_t>& clusters,
                                 const std::vector<uint32_t>* held_out_ambiguity) {
  std::vector<WordInfo> infos(s.tokens.size());
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const std::string& form = s.tokens[i].form;
    std::string lower = base::ascii_lower(form);
    WordInfo& w = infos[i];
    w.form = hash_string(form);
    if (held_out_ambiguity) {
      w.ambiguity = (*held_out_ambiguity)[i];
    } else {
      auto amb = ambiguity.find(form);
      if (amb == ambiguity.end()) amb = ambiguity.find(base::ascii_lower(form));
      w.ambiguity = amb == ambiguity.end() ? 0 : amb->second;
    }
    w.lower = hash_string(lower);
    auto cluster = clusters.find(lower);
    w.fine_cluster = cluster == clusters.end() ? 0 : 1 + (cluster->second & 0xffff);
    w.coarse_cluster = cluster == clusters.end() ? 0 : 1 + (cluster->second >> 16);
    w.shape = hash_string(shape_of(form));
    bool hyphen = form.find('-') != std::string::npos;
    bool digit = std::any_of(form.begin(), form.end(), [](char c) { return c >= '0' && c <= '9'; });
    bool upper = !form.empty() && form[0] >= 'A' && form[0] <= 'Z';
    w.flags = (hyphen ? 1 : 0) | (digit ? 2 : 0) | (upper ? 4 : 0) | (i == 0 ? 8 : 0);
    for (size_t k = 0; k < 4; ++k) {
      size_t len = std::min(lower.size(), k + 1);
      w.prefix[k] = hash_string(std::string_view(lower).substr(0, len));
      w.suffix[k] = hash_string(std::string_view(lower).substr(lower.size() - len));
    }
  }
  return infos;
}

void tagger_features(const std::vector<WordInfo>& w, size_t i, const std::vector<int>& tags,
                     const std::vector<int>* first, std::vector<uint64_t>& out) {
  out.clear();
  const size_t n = w.size();
  auto lower_at = [&](long j) { return j < 0 || j >= static_cast<long>(n) ? kNone : w[j].lower; };
  auto tag_at = [&](long j) { return j < 0 ? kNone : static_cast<uint64_t>(tags[j]); };
  const long li = static_cast<long>(i);
  const WordInfo& c = w[i];
  uint64_t t1 = tag_at(li - 1), t2 = tag_at(li - 2);
  out.push_back(feat(0, 0));
  out.push_back(feat(1, c.lower));
  out.push_back(feat(2, c.form));
  for (uint32_t k = 0; k < 4; ++k) out.push_back(feat(3 + k, c.prefix[k]));
  for (uint32_t k = 0; k < 4; ++k) out.push_back(feat(7 + k, c.suffix[k]));
  out.push_back(feat(11, c.shape));
  out.push_back(feat(12, lower_at(li - 1)));
  out.push_back(feat(13, lower_at(li + 1)));
  out.push_back(feat(14, lower_at(li - 2)));
  out.push_back(feat(15, lower_at(li + 2)));
  out.push_back(feat(16, i > 0 ? w[i - 1].suffix[2] : kNone));
  out.push_back(feat(17, i + 1 < n ? w[i + 1].suffix[2] : kNone));
  out.push_back(feat(18, t1));
  out.push_back(feat(19, t2, t1));
  out.push_back(feat(20, t1, c.lower));
  out.push_back(feat(21, lower_at(li - 1), c.lower));
  out.push_back(feat(22, c.lower, lower_at(li + 1)));
  out.push_back(feat(23, i + 1 < n ? w[i + 1].shape : kNone));
  out.push_back(feat(24, i > 0 ? w[i - 1].shape : kNone));
  out.push_back(feat(25, c.flags));
  out.push_back(feat(26, t1, c.suffix[2]));
  out.push_back(feat(27, t2));
  out.push_back(feat(28, t1, c.shape, c.flags));
  out.push_back(feat(29, i + 1 < n ? w[i + 1].suffix[1] : kNone, c.suffix[2]));
  const uint64_t a0 = c.ambiguity, a1 = i + 1 < n ? w[i + 1].ambiguity : kNone;
  const uint64_t a2 = i + 2 < n ? w[i + 2].ambiguity : kNone;
  out.push_back(feat(30, a0));
  out.push_back(feat(31, a1));
  out.push_back(feat(32, a0, a1));
  out.push_back(feat(33, t1, a0));
  out.push_back(feat(34, a1, a2));
  out.push_back(feat(35, t1, a0, a1));
  out.push_back(feat(36, c.lower, a1));
  out.push_back(feat(37, i > 0 ? w[i - 1].ambiguity : kNone, a0));
  const uint64_t c1 = i + 1 < n ? w[i + 1].fine_cluster : kNone;
  out.push_back(feat(38, c.fine_cluster));
  out.push_back(feat(39, c.coarse_cluster));
  out.push_back(feat(40, i > 0 ? w[i - 1].fine_cluster : kNone));
  out.push_back(feat(41, c1));
  out.push_back(feat(42, i + 2 < n ? w[i + 2].coarse_cluster : kNone));
  out.push_back(feat(43, t1, c.fine_cluster));
  out.push_back(feat(44, c.coarse_cluster, i + 1 < n ? w[i + 1].coarse_cluster : kNone));
  out.push_back(feat(45, c.fine_cluster, a1));
  if (!first) return;
  auto first_at = [&](long j) {
    return j < 0 || j >= static_cast<long>(n) ? kNone : static_cast<uint64_t>((*first)[j]);
  };
  const uint64_t f0 = first_at(li), f1 = first_at(li + 1), f2 = first_at(li + 2);
  out.push_back(feat(60, f0));
  out.push_back(feat(61, f1));
  out.push_back(feat(62, f2));
  out.push_back(feat(63, f0, f1));
  out.push_back(feat(64, f1, f2));
  out.push_back(feat(65, t1, f1));
  out.push_back(feat(66, c.lower, f1));
  out.push_back(feat(67, first_at(li - 1), f0, f1));
  out.push_back(feat(68, c.suffix[2], f1));
  out.push_back(feat(69, f0, a0));
  out.push_back(feat(70, t1, f0, f1));
  out.push_back(feat(71, lower_at(li + 1), f2));
}

std::vector<int> greedy_tags(const std::vector<WordInfo>& infos, const Sentence& sentence,
                             const std::unordered_map<std::string, int>& dictionary,
                             const FrozenWeights& weights, const std::vector<int>* first,
                             std::vector<float>* all_scores) {
  const size_t n = sentence.tokens.size(), classes = weights.num_classes();
  std::vector<int> tags(n);
  if (all_scores) all_scores->assign(n * classes, 0.0f);
  std::vector<uint64_t> features;
  features.reserve(64);
  std::vector<float> own_scores(all_scores ? 0 : classes);
  for (size_t i = 0; i < n; ++i) {
    float* scores = all_scores ? all_scores->data() + i * classes : own_scores.data();
    auto dict = dictionary.find(sentence.tokens[i].form);
    if (dict != dictionary.end()) {
      tags[i] = dict->second;
      std::fill(scores, scores + classes, -std::numeric_limits<float>::infinity());
      scores[tags[i]] = 0.0f;
    } else {
      tagger_features(infos, i, tags, first, features);
      std::fill(scores, scores + classes, 0.0f);
      weights.score(features, scores);
      tags[i] = static_cast<int>(std::max_element(scores, scores + classes) - scores);
    }
  }
  return tags;
}

std::vector<WordInfo> reversed_infos(const std::vector<WordInfo>& infos) {
  std::vector<WordInfo> out(infos.rbegin(), infos.rend());
  for (WordInfo& w : out) w.flags &= ~uint64_t{8};
  if (!out.empty()) out[0].flags |= 8;
  return out;
}

}  // namespace kg::extract::tagging
