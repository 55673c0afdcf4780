#include "extract/entities/ner_features.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <unordered_map>

#include "base/ascii.h"
#include "base/hash.h"
#include "extract/entities/ner_labels.h"

namespace kg::extract::ner {

uint64_t mix(uint64_t a, uint64_t b) {
  uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 29;
  return x;
}

uint64_t hash_bytes(uint64_t seed, std::string_view bytes) {
  return mix(base::fnv1a64(bytes, 0xcbf29ce484222325ULL ^ (seed * 0x100000001b3ULL)), bytes.size());
}
namespace {

// Feature template ids; they seed the hashes, so renumbering invalidates trained models.
enum Template : uint64_t {
  kBias = 1,
  kForm,
  kLower,
  kLowerM1,
  kLowerP1,
  kLowerM2,
  kLowerP2,
  kBigramM1,
  kBigramP1,
  kPrefix,
  kSuffix,
  kShape,
  kShapeM1,
  kShapeP1,
  kShapeTri,
  kClass,
  kGaz,
  kInitial,
  kDocCase /* retired */,
  kHeadline /* retired */,
  kFormM1,
  kPrev,
  kPrev2,
  kPrevLower,
  kPrevShape,
  kS1,
  kS1Near,
  kS1Far,
  kMajority,
  kMajorityShape,
  kLongest,
  kS1Lower,
  kGazPair,
  kClassBigram /* retired */,
  kAggregate,
  kFormP1,
  kClassFar,
  kPrevClass,
  kFormM1Lower,
  kDocVotes,
  kFirstClass,
  kDictShape,
  kDictPosition,
  kDictContext,
  kDictGaz,
  kVerbNext,
  kVerbPrev,
  kFramesNext,
  kFramesPrev,
  kPersonNoun
};

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "Kiev" -> "Xx", "U.S." -> "X.X.", "1996-08-22" -> "d-d-d"; non-ASCII bytes count as "u".
std::string word_shape(std::string_view w) {
  std::string shape;
  for (char c : w) {
    char s = is_upper(c)                               ? 'X'
             : is_lower(c)                             ? 'x'
             : is_digit(c)                             ? 'd'
             : (static_cast<unsigned char>(c) >= 0x80) ? 'u'
                                                       : c;
    if (shape.empty() || shape.back() != s) shape += s;
  }
  return shape;
}

inline uint64_t feat(Template t, std::string_view s) {
  return hash_bytes(t, s);
}
inline uint64_t feat(Template t, std::string_view a, std::string_view b) {
  return mix(hash_bytes(t, a), hash_bytes(t + 1000, b));
}
inline uint64_t feat(Template t, uint64_t a, uint64_t b = 0) {
  return mix(mix(t * 0x9E3779B97F4A7C15ULL, a + 1), b + 7);
}

const std::string_view kStart = "<s>", kEnd = "</s>";

// Experiments only: KG_NER_OFF="3,17" switches templates off (ablation studies).
bool on(Template t) {
  static const uint64_t disabled = [] {
    uint64_t mask = 0;
    const char* env = std::getenv("KG_NER_OFF");
    for (const char* p = env; p && *p;) {
      char* end = nullptr;
      long id = std::strtol(p, &end, 10);
      if (end == p) break;
      if (id > 0 && id < 64) mask |= 1ULL << id;
      p = *end ? end + 1 : end;
    }
    return mask;
  }();
  return !(disabled >> t & 1);
}

uint8_t word_kind(std::string_view form, bool common) {
  if (std::none_of(form.begin(), form.end(), [](char c) { return is_upper(c) || is_lower(c); }))
    return kNoLetter;
  if (is_upper(form[0])) return common ? kCapitalCommon : kCapitalUnknown;
  return common ? kLowerCommon : kLowerUnknown;
}

// Auxiliaries and modals say nothing about their subject, so the verb after them is used.
bool is_auxiliary(std::string_view lower) {
  static const std::string_view kAuxiliaries[] = {
      "is",    "was",    "were", "are",   "be",   "been",  "being", "has",
      "have",  "had",    "will", "would", "can",  "could", "may",   "might",
      "shall", "should", "must", "did",   "does", "do",    "not"};
  return std::find(std::begin(kAuxiliaries), std::end(kAuxiliaries), lower) !=
         std::end(kAuxiliaries);
}

// Features of a capitalized word from the WordNet lexicon: is it an English word at all, in
// which context, next to which gazetteer names, before or after which kind of verb.
void dictionary_features(const std::vector<TokenInfo>& sent, size_t i, std::vector<uint64_t>& out) {
  const TokenInfo& t = sent[i];
  if (t.kind != kCapitalCommon && t.kind != kCapitalUnknown) return;
  uint64_t unknown = t.kind == kCapitalUnknown;
  auto kind_at = [&](long k) -> uint64_t {
    long j = static_cast<long>(i) + k;
    if (j < 0 || j >= static_cast<long>(sent.size())) return kSentenceBoundary;
    return sent[j].kind;
  };
  if (on(kDictShape)) out.push_back(feat(kDictShape, unknown, hash_bytes(0, t.shape)));
  if (on(kDictPosition)) {
    bool initial = i == 0 || sent[i - 1].kind == kNoLetter;  // "Also Read: Abramovich ..."
    out.push_back(feat(kDictPosition, unknown * 2 + initial));
  }
  if (on(kDictContext)) {
    out.push_back(feat(kDictContext, 1, t.kind * 8 + kind_at(-1)));
    out.push_back(feat(kDictContext, 2, t.kind * 8 + kind_at(1)));
    out.push_back(feat(kDictContext, 3, (t.kind * 8 + kind_at(-1)) * 8 + kind_at(1)));
  }
  if (on(kDictGaz))
    for (long k : {-1L, 1L}) {
      long j = static_cast<long>(i) + k;
      if (j < 0 || j >= static_cast<long>(sent.size())) continue;
      for (uint8_t g : sent[j].gazetteer) out.push_back(feat(kDictGaz, (k + 1) * 2 + unknown, g));
    }
  auto add_verb_features = [&](Template tmpl, size_t j, uint64_t skipped) {
    for (int f = 0; f < WordLexicon::kVerbFiles; ++f)
      if (sent[j].verb_files >> f & 1) out.push_back(feat(tmpl, f * 2 + skipped, unknown));
  };
  if (i + 1 < sent.size()) {
    size_t j = i + 1;
    bool skipped = j + 1 < sent.size() && is_auxiliary(sent[j].lower);
    if (skipped) ++j;
    if (on(kVerbNext)) add_verb_features(kVerbNext, j, skipped);
    if (on(kFramesNext) && sent[j].verb_frames)
      out.push_back(feat(kFramesNext, sent[j].verb_frames * 2 + skipped, unknown));
  }
  if (on(kVerbPrev) && i > 0) add_verb_features(kVerbPrev, i - 1, 0);
  if (on(kFramesPrev) && i > 0 && sent[i - 1].verb_frames)
    out.push_back(feat(kFramesPrev, sent[i - 1].verb_frames, unknown));
  // The nearest noun for a kind of person on each side ("X ... along with peace negotiators",
  // "the mayor, X"): names near them are more often people than clubs or companies.
  if (on(kPersonNoun)) {
    for (long side : {-1L, 1L}) {
      for (long d = 1; d <= 8; ++d) {
        long j = static_cast<long>(i) + side * d;
        if (j < 0 || j >= static_cast<long>(sent.size())) break;
        if (!sent[j].person_noun) continue;
        uint64_t distance = d == 1 ? 0 : d == 2 ? 1 : d <= 4 ? 2 : 3;
        out.push_back(feat(kPersonNoun, (side + 1) * 4 + distance, unknown));
        break;
      }
    }
  }
}

}  // namespace

PreparedDocument prepare_document(const std::vector<std::vector<std::string_view>>& forms,
                                  const Gazetteer& gazetteer, const WordClusters& clusters,
                                  const WordLexicon* lexicon) {
  PreparedDocument doc;
  doc.has_lexicon = lexicon != nullptr && !lexicon->empty();
  doc.sentences.resize(forms.size());
  for (size_t s = 0; s < forms.size(); ++s) {
    auto matches = gazetteer.match(forms[s]);
    auto& sentence = doc.sentences[s];
    sentence.resize(forms[s].size());
    for (size_t i = 0; i < forms[s].size(); ++i) {
      TokenInfo& t = sentence[i];
      t.form = forms[s][i];
      t.lower = base::ascii_lower(t.form);
      t.shape = word_shape(t.form);
      t.classes = clusters.find_reliable(t.form);
      t.gazetteer = std::move(matches[i]);
      if (!doc.has_lexicon) continue;
      const WordLexicon::Entry entry = lexicon->look_up_lower(t.lower);
      t.kind = word_kind(t.form, entry.common);
      if (t.kind != kLowerCommon) continue;
      t.verb_files = entry.verb_files;
      t.verb_frames = entry.verb_frames;
      t.person_noun = entry.person_noun;
    }
  }
  // Context aggregation over capitalized words.
  constexpr size_t kMaxAggregate = 24;
  std::unordered_map<std::string_view, int32_t> aggregate_of;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    auto& sent = doc.sentences[s];
    for (size_t i = 0; i < sent.size(); ++i) {
      TokenInfo& t = sent[i];
      if (t.form.empty() || !is_upper(t.form[0])) continue;
      auto [it, added] =
          aggregate_of.try_emplace(t.lower, static_cast<int32_t>(doc.aggregates.size()));
      if (added) doc.aggregates.emplace_back();
      t.aggregate = it->second;
      auto& agg = doc.aggregates[it->second];
      for (long k : {-2L, -1L, 1L, 2L}) {
        if (agg.size() >= kMaxAggregate) break;
        long j = static_cast<long>(i) + k;
        std::string_view w = j < 0                                 ? kStart
                             : j >= static_cast<long>(sent.size()) ? kEnd
                                                                   : sent[j].lower;
        uint64_t h = mix(hash_bytes(kAggregate, w), static_cast<uint64_t>(k + 3));
        if (std::find(agg.begin(), agg.end(), h) == agg.end()) agg.push_back(h);
      }
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
  if (on(kBias)) out.push_back(feat(kBias, uint64_t{0}));
  if (on(kForm)) out.push_back(feat(kForm, t.form));
  if (on(kLower)) out.push_back(feat(kLower, t.lower));
  if (on(kLowerM1)) out.push_back(feat(kLowerM1, lower_at(-1)));
  if (on(kLowerP1)) out.push_back(feat(kLowerP1, lower_at(1)));
  if (on(kLowerM2)) out.push_back(feat(kLowerM2, lower_at(-2)));
  if (on(kLowerP2)) out.push_back(feat(kLowerP2, lower_at(2)));
  if (on(kBigramM1)) out.push_back(feat(kBigramM1, lower_at(-1), t.lower));
  if (on(kBigramP1)) out.push_back(feat(kBigramP1, t.lower, lower_at(1)));
  if (on(kFormM1)) out.push_back(feat(kFormM1, i > 0 ? sent[i - 1].form : kStart));
  if (on(kFormP1)) out.push_back(feat(kFormP1, i + 1 < sent.size() ? sent[i + 1].form : kEnd));
  if (on(kFormM1Lower))
    out.push_back(feat(kFormM1Lower, i > 0 ? sent[i - 1].form : kStart, t.lower));
  for (long k : {-2L, 2L}) {
    long j = static_cast<long>(i) + k;
    if (!on(kClassFar) || j < 0 || j >= static_cast<long>(sent.size()) || !sent[j].classes)
      continue;
    out.push_back(feat(kClassFar, k + 2, (*sent[j].classes)[1]));
  }
  std::string_view lw = t.lower;
  for (size_t n = 1; n <= 4 && n < lw.size(); ++n) {
    if (on(kPrefix)) out.push_back(feat(kPrefix, lw.substr(0, n)));
    if (on(kSuffix)) out.push_back(feat(kSuffix, lw.substr(lw.size() - n)));
  }
  if (on(kShape)) out.push_back(feat(kShape, t.shape));
  if (on(kShapeM1)) out.push_back(feat(kShapeM1, shape_at(-1)));
  if (on(kShapeP1)) out.push_back(feat(kShapeP1, shape_at(1)));
  if (on(kShapeTri))
    out.push_back(mix(feat(kShapeTri, shape_at(-1), t.shape), hash_bytes(kShapeTri, shape_at(1))));
  if (on(kInitial)) out.push_back(feat(kInitial, i == 0 ? 1 : 0, hash_bytes(0, t.shape)));
  for (long k = -1; k <= 1; ++k) {
    long j = static_cast<long>(i) + k;
    if (j < 0 || j >= static_cast<long>(sent.size())) continue;
    const TokenInfo& n = sent[j];
    if (!on(kClass)) {
    } else if (n.classes) {
      for (size_t level = 0; level < WordClusters::kLevels; ++level)
        if (on(kClass)) out.push_back(feat(kClass, (k + 1) * 8 + level, (*n.classes)[level]));
    } else {
      if (on(kClass)) out.push_back(feat(kClass, (k + 1) * 8 + 7, 0));
    }
    if (on(kGaz))
      for (uint8_t g : n.gazetteer) out.push_back(feat(kGaz, k + 1, g));
  }
  if (on(kGazPair))
    for (uint8_t g : t.gazetteer) out.push_back(feat(kGazPair, g, hash_bytes(0, t.shape)));
  if (t.aggregate >= 0 && on(kAggregate)) {
    const auto& agg = doc.aggregates[t.aggregate];
    out.insert(out.end(), agg.begin(), agg.end());
  }
  if (doc.has_lexicon) dictionary_features(sent, i, out);
}

void history_features(const TokenInfo& token, int prev, int prev2, std::vector<uint64_t>& out) {
  if (on(kPrev)) out.push_back(feat(kPrev, prev + 2));
  if (on(kPrev2)) out.push_back(feat(kPrev2, prev + 2, prev2 + 2));
  out.push_back(mix(feat(kPrevLower, prev + 2), hash_bytes(kPrevLower, token.lower)));
  out.push_back(mix(feat(kPrevShape, prev + 2), hash_bytes(kPrevShape, token.shape)));
  if (on(kPrevClass) && token.classes)
    out.push_back(feat(kPrevClass, prev + 2, (*token.classes)[1]));
}

StageOneView make_stage_one_view(const PreparedDocument& doc,
                                 std::vector<std::vector<int>> labels) {
  StageOneView view;
  view.labels = std::move(labels);
  // Per lowercased word: how often stage one gave each class (0 = O, 1 + type).
  std::unordered_map<std::string_view, std::array<int, 5>> votes;
  std::unordered_map<std::string_view, int> first_class;
  // Per lowercased word: longest entity holding it (length, type).
  std::unordered_map<std::string_view, std::pair<int, int>> longest;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    const auto& lab = view.labels[s];
    for (size_t i = 0; i < sent.size(); ++i) {
      auto& v = votes.try_emplace(sent[i].lower, std::array<int, 5>{}).first->second;
      ++v[label_type(lab[i]) + 1];
      first_class.try_emplace(sent[i].lower, label_type(lab[i]) + 1);
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
  view.votes.resize(doc.sentences.size());
  view.first.resize(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    view.majority[s].assign(sent.size(), -1);
    view.longest[s].assign(sent.size(), 0);
    view.votes[s].resize(sent.size());
    view.first[s].resize(sent.size());
    for (size_t i = 0; i < sent.size(); ++i) {
      std::array<int, 5> v = votes[sent[i].lower];
      --v[label_type(view.labels[s][i]) + 1];  // other occurrences only
      int best = -1, best_count = 0;
      for (int c = 0; c < 5; ++c)
        if (v[c] > best_count) best = c, best_count = v[c];
      view.majority[s][i] = static_cast<int8_t>(best);
      for (int c = 0; c < 5; ++c) view.votes[s][i][c] = static_cast<uint8_t>(std::min(v[c], 3));
      view.first[s][i] = static_cast<int8_t>(first_class[sent[i].lower]);
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
  if (on(kS1)) out.push_back(feat(kS1, label_at(0) + 2));
  if (on(kS1Near)) out.push_back(feat(kS1Near, 0, label_at(-1) + 2));
  if (on(kS1Near)) out.push_back(feat(kS1Near, 1, label_at(1) + 2));
  if (on(kS1Far)) out.push_back(feat(kS1Far, 0, label_type(label_at(-2)) + 2));
  if (on(kS1Far)) out.push_back(feat(kS1Far, 1, label_type(label_at(2)) + 2));
  out.push_back(mix(feat(kS1Lower, label_at(0) + 2), hash_bytes(kS1Lower, t.lower)));
  int majority = view.majority[sentence][i];
  if (on(kMajority)) out.push_back(feat(kMajority, majority + 2));
  out.push_back(mix(feat(kMajorityShape, majority + 2), hash_bytes(kMajorityShape, t.shape)));
  if (on(kLongest)) out.push_back(feat(kLongest, view.longest[sentence][i] + 2, label_at(0) + 2));
}

}  // namespace kg::extract::ner
