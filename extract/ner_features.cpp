#include "extract/ner_features.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "extract/ner_perceptron.h"

namespace kg::extract::ner {
namespace {

// Feature template ids; they seed the hashes, so renumbering invalidates trained models.
enum Template : uint64_t {
  kBias = 1, kForm, kLower, kLowerM1, kLowerP1, kLowerM2, kLowerP2, kBigramM1, kBigramP1,
  kPrefix, kSuffix, kShape, kShapeM1, kShapeP1, kShapeTri, kClass, kGaz, kInitial, kDocCase,
  kHeadline, kFormM1, kPrev, kPrev2, kPrevLower, kPrevShape, kS1, kS1Near, kS1Far, kMajority,
  kMajorityShape, kLongest, kS1Lower, kGazPair, kClassBigram
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "Kiev" -> "Xx", "U.S." -> "X.X.", "1996-08-22" -> "d-d-d"; non-ASCII bytes count as "u".
std::string word_shape(std::string_view w) {
  std::string shape;
  for (char c : w) {
    char s = is_upper(c) ? 'X' : is_lower(c) ? 'x' : is_digit(c) ? 'd'
             : (static_cast<unsigned char>(c) >= 0x80) ? 'u' : c;
    if (shape.empty() || shape.back() != s) shape += s;
  }
  return shape;
}

inline uint64_t feat(Template t, std::string_view s) { return hash_bytes(t, s); }
inline uint64_t feat(Template t, std::string_view a, std::string_view b) {
  return mix(hash_bytes(t, a), hash_bytes(t + 1000, b));
}
inline uint64_t feat(Template t, uint64_t a, uint64_t b = 0) {
  return mix(mix(t * 0x9E3779B97F4A7C15ULL, a + 1), b + 7);
}

const std::string_view kStart = "<s>", kEnd = "</s>";

}  // namespace

PreparedDocument prepare_document(const std::vector<std::vector<std::string_view>>& forms,
                                  const Gazetteer& gazetteer, const WordClusters& clusters) {
  PreparedDocument doc;
  doc.sentences.resize(forms.size());
  doc.headline.assign(forms.size(), 0);
  // Casing seen where capitalization is informative: not sentence-initial, not in a headline.
  std::unordered_map<std::string, std::array<int, 2>> casing;  // lower form -> {lower, capital}
  for (size_t s = 0; s < forms.size(); ++s) {
    int upper_words = 0, other_words = 0;
    auto matches = gazetteer.match(forms[s]);
    auto& sentence = doc.sentences[s];
    sentence.resize(forms[s].size());
    for (size_t i = 0; i < forms[s].size(); ++i) {
      TokenInfo& t = sentence[i];
      t.form = forms[s][i];
      t.lower = ascii_lower(t.form);
      t.shape = word_shape(t.form);
      t.classes = clusters.find(t.form);
      t.gazetteer = std::move(matches[i]);
      bool letters = std::any_of(t.form.begin(), t.form.end(),
                                 [](char c) { return is_upper(c) || is_lower(c); });
      if (letters && t.form.size() > 1) {
        bool all_upper = std::none_of(t.form.begin(), t.form.end(), is_lower);
        (all_upper ? upper_words : other_words)++;
      }
    }
    doc.headline[s] = upper_words > 0 && other_words == 0;
    if (doc.headline[s]) continue;
    for (size_t i = 1; i < sentence.size(); ++i) {
      char c = sentence[i].form.empty() ? ' ' : sentence[i].form[0];
      if (is_lower(c)) ++casing[sentence[i].lower][0];
      if (is_upper(c)) ++casing[sentence[i].lower][1];
    }
  }
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    for (size_t i = 0; i < doc.sentences[s].size(); ++i) {
      TokenInfo& t = doc.sentences[s][i];
      if (!(i == 0 || doc.headline[s]) || t.form.empty() || !is_upper(t.form[0])) continue;
      auto it = casing.find(t.lower);
      t.doc_case = it == casing.end() ? 3 : it->second[0] > it->second[1] ? 1 : 2;
    }
  }
  return doc;
}

void static_features(const PreparedDocument& doc, size_t sentence, size_t i,
                     std::vector<uint64_t>& out) {
  const auto& sent = doc.sentences[sentence];
  const TokenInfo& t = sent[i];
  auto lower_at = [&](long k) -> std::string_view {
    long j = static_cast<long>(i) + k;
    if (j < 0) return kStart;
    if (j >= static_cast<long>(sent.size())) return kEnd;
    return sent[j].lower;
  };
  auto shape_at = [&](long k) -> std::string_view {
    long j = static_cast<long>(i) + k;
    if (j < 0) return kStart;
    if (j >= static_cast<long>(sent.size())) return kEnd;
    return sent[j].shape;
  };
  out.push_back(feat(kBias, uint64_t{0}));
  out.push_back(feat(kForm, t.form));
  out.push_back(feat(kLower, t.lower));
  out.push_back(feat(kLowerM1, lower_at(-1)));
  out.push_back(feat(kLowerP1, lower_at(1)));
  out.push_back(feat(kLowerM2, lower_at(-2)));
  out.push_back(feat(kLowerP2, lower_at(2)));
  out.push_back(feat(kBigramM1, lower_at(-1), t.lower));
  out.push_back(feat(kBigramP1, t.lower, lower_at(1)));
  out.push_back(feat(kFormM1, i > 0 ? sent[i - 1].form : kStart));
  std::string_view lw = t.lower;
  for (size_t n = 1; n <= 4 && n < lw.size(); ++n) {
    out.push_back(feat(kPrefix, lw.substr(0, n)));
    out.push_back(feat(kSuffix, lw.substr(lw.size() - n)));
  }
  out.push_back(feat(kShape, t.shape));
  out.push_back(feat(kShapeM1, shape_at(-1)));
  out.push_back(feat(kShapeP1, shape_at(1)));
  out.push_back(mix(feat(kShapeTri, shape_at(-1), t.shape), hash_bytes(kShapeTri, shape_at(1))));
  out.push_back(feat(kInitial, i == 0 ? 1 : 0, hash_bytes(0, t.shape)));
  if (doc.headline[sentence]) out.push_back(feat(kHeadline, t.shape));
  if (t.doc_case) out.push_back(feat(kDocCase, t.doc_case, hash_bytes(0, t.shape)));
  for (long k = -1; k <= 1; ++k) {
    long j = static_cast<long>(i) + k;
    if (j < 0 || j >= static_cast<long>(sent.size())) continue;
    const TokenInfo& n = sent[j];
    if (n.classes) {
      for (size_t level = 0; level < WordClusters::kLevels; ++level)
        out.push_back(feat(kClass, (k + 1) * 8 + level, (*n.classes)[level]));
    } else {
      out.push_back(feat(kClass, (k + 1) * 8 + 7, 0));
    }
    for (uint8_t g : n.gazetteer) out.push_back(feat(kGaz, k + 1, g));
  }
  if (t.classes && i > 0 && sent[i - 1].classes)
    out.push_back(feat(kClassBigram, (*sent[i - 1].classes)[1], (*t.classes)[1]));
  for (uint8_t g : t.gazetteer) out.push_back(feat(kGazPair, g, hash_bytes(0, t.shape)));
}

void history_features(const TokenInfo& token, int prev, int prev2, std::vector<uint64_t>& out) {
  out.push_back(feat(kPrev, prev + 2));
  out.push_back(feat(kPrev2, prev + 2, prev2 + 2));
  out.push_back(mix(feat(kPrevLower, prev + 2), hash_bytes(kPrevLower, token.lower)));
  out.push_back(mix(feat(kPrevShape, prev + 2), hash_bytes(kPrevShape, token.shape)));
}

StageOneView make_stage_one_view(const PreparedDocument& doc,
                                 std::vector<std::vector<int>> labels) {
  StageOneView view;
  view.labels = std::move(labels);
  // Per lowercased word: how often stage one gave each class (0 = O, 1 + type).
  std::unordered_map<std::string_view, std::array<int, 5>> votes;
  // Per lowercased word: longest entity holding it (length, type).
  std::unordered_map<std::string_view, std::pair<int, int>> longest;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    const auto& lab = view.labels[s];
    for (size_t i = 0; i < sent.size(); ++i) {
      auto& v = votes.try_emplace(sent[i].lower, std::array<int, 5>{}).first->second;
      ++v[label_type(lab[i]) + 1];
    }
    for (size_t i = 0; i < sent.size(); ++i) {
      int pos = label_position(lab[i]);
      if (pos != kB && pos != kU) continue;
      size_t j = i;
      while (j + 1 < sent.size() && label_position(lab[j]) != kL && label_position(lab[j]) != kU)
        ++j;
      int length = static_cast<int>(j - i + 1);
      for (size_t k = i; k <= j; ++k) {
        auto& best = longest.try_emplace(sent[k].lower, std::pair<int, int>{0, -1}).first->second;
        if (length > best.first) best = {length, label_type(lab[i])};
      }
    }
  }
  view.majority.resize(doc.sentences.size());
  view.longest.resize(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    view.majority[s].assign(sent.size(), -1);
    view.longest[s].assign(sent.size(), 0);
    for (size_t i = 0; i < sent.size(); ++i) {
      std::array<int, 5> v = votes[sent[i].lower];
      --v[label_type(view.labels[s][i]) + 1];  // other occurrences only
      int best = -1, best_count = 0;
      for (int c = 0; c < 5; ++c)
        if (v[c] > best_count) best = c, best_count = v[c];
      view.majority[s][i] = static_cast<int8_t>(best);
      auto it = longest.find(sent[i].lower);
      if (it != longest.end() && it->second.first > 1)
        view.longest[s][i] = static_cast<int8_t>(it->second.second + 1);
    }
  }
  return view;
}

void stage_two_features(const PreparedDocument& doc, const StageOneView& view, size_t sentence,
                        size_t i, std::vector<uint64_t>& out) {
  const auto& lab = view.labels[sentence];
  const TokenInfo& t = doc.sentences[sentence][i];
  auto label_at = [&](long k) {
    long j = static_cast<long>(i) + k;
    return j < 0 || j >= static_cast<long>(lab.size()) ? -1 : lab[j];
  };
  out.push_back(feat(kS1, label_at(0) + 2));
  out.push_back(feat(kS1Near, 0, label_at(-1) + 2));
  out.push_back(feat(kS1Near, 1, label_at(1) + 2));
  out.push_back(feat(kS1Far, 0, label_type(label_at(-2)) + 2));
  out.push_back(feat(kS1Far, 1, label_type(label_at(2)) + 2));
  out.push_back(mix(feat(kS1Lower, label_at(0) + 2), hash_bytes(kS1Lower, t.lower)));
  int majority = view.majority[sentence][i];
  out.push_back(feat(kMajority, majority + 2));
  out.push_back(mix(feat(kMajorityShape, majority + 2), hash_bytes(kMajorityShape, t.shape)));
  out.push_back(feat(kLongest, view.longest[sentence][i] + 2, label_at(0) + 2));
}

}  // namespace kg::extract::ner
