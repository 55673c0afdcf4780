#include "extract/syntax/tagger.h"

#include <algorithm>
#include <limits>
#include <map>

#include "extract/syntax/tagger_features.h"

namespace kg::extract {

using namespace tagging;

namespace {

// Marks the optional right-to-left weights in the file (more than any class count, so it cannot
// be mistaken for the start of a second pass's weights).
constexpr uint32_t kBackwardSection = 0x4b434142;  // "BACK"
// A word whose two best left-to-right scores differ by this much keeps its tag without asking
// the right-to-left model. On EWT dev, rescoring every word or only those under 40 gave the
// same tags; under 40 is about a fifth of the words, so the second model costs 4% instead of 13%.
constexpr float kSureMargin = 40.0f;

}  // namespace

void Tagger::tag(Sentence& sentence) const {
  std::vector<WordInfo> infos = word_infos(sentence, ambiguity_, clusters_);
  std::vector<int> tags;
  if (backward_.num_classes() > 0) {
    // Words the left-to-right pass is unsure of take the class with the highest sum of both
    // directions' scores. The right-to-left model reads the left-to-right tags of the words to
    // its right instead of its own, so it scores one word without tagging the whole sentence.
    std::vector<float> forward_scores;
    tags = greedy_tags(infos, sentence, dictionary_, weights_, nullptr, &forward_scores);
    const size_t n = tags.size(), classes = backward_.num_classes();
    // Built at the first unsure word: most sentences of news text have one, some have none.
    std::vector<WordInfo> backward_infos;
    std::vector<int> backward_tags;
    std::vector<uint64_t> features;
    std::vector<float> backward_scores(classes);
    for (size_t i = 0; i < n; ++i) {
      float* sum = forward_scores.data() + i * classes;
      float best = -std::numeric_limits<float>::infinity(), second = best;
      for (size_t c = 0; c < classes; ++c) {
        if (sum[c] > best)
          second = best, best = sum[c];
        else if (sum[c] > second)
          second = sum[c];
      }
      if (best - second >= kSureMargin) continue;  // dictionary words too: the margin is infinite
      if (backward_infos.empty()) {
        backward_infos = reversed_infos(infos);
        backward_tags.assign(tags.rbegin(), tags.rend());
      }
      tagger_features(backward_infos, n - 1 - i, backward_tags, nullptr, features);
      std::fill(backward_scores.begin(), backward_scores.end(), 0.0f);
      backward_.score(features, backward_scores.data());
      for (size_t c = 0; c < classes; ++c) sum[c] += backward_scores[c];
      tags[i] = static_cast<int>(std::max_element(sum, sum + classes) - sum);
    }
  } else {
    tags = greedy_tags(infos, sentence, dictionary_, weights_, nullptr);
  }
  if (second_pass_.num_classes() > 0)
    tags = greedy_tags(infos, sentence, dictionary_, second_pass_, &tags);
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    sentence.tokens[i].xpos = xpos_[tags[i]];
    sentence.tokens[i].upos = upos_[tags[i]];
  }
}

void Tagger::prune(float min_abs_weight) {
  weights_ = weights_.pruned(min_abs_weight);
  if (backward_.num_classes() > 0) backward_ = backward_.pruned(min_abs_weight);
  if (second_pass_.num_classes() > 0) second_pass_ = second_pass_.pruned(min_abs_weight);
}

void Tagger::save(const std::string& path) const {
  ModelWriter out("tagger");
  out.u32(static_cast<uint32_t>(xpos_.size()));
  for (size_t i = 0; i < xpos_.size(); ++i) {
    out.str(xpos_[i]);
    out.str(upos_[i]);
  }
  std::map<std::string, int> sorted(dictionary_.begin(), dictionary_.end());  // stable file bytes
  out.u32(static_cast<uint32_t>(sorted.size()));
  for (const auto& [form, cls] : sorted) {
    out.str(form);
    out.u8(static_cast<uint8_t>(cls));
  }
  write_word_table(out, ambiguity_);
  write_word_table(out, clusters_);
  weights_.save(out);
  // Optional section, so one-pass files written before it existed still load.
  if (second_pass_.num_classes() > 0) second_pass_.save(out);
  if (backward_.num_classes() > 0) {
    out.u32(kBackwardSection);
    backward_.save(out);
  }
  out.save(path);
}

Tagger Tagger::load(const std::string& path) {
  ModelReader in(path, "tagger");
  Tagger tagger;
  uint32_t classes = in.u32();
  if (classes == 0 || classes > 256) throw in.error("bad tag count");
  for (uint32_t i = 0; i < classes; ++i) {
    tagger.xpos_.push_back(in.str());
    tagger.upos_.push_back(in.str());
  }
  uint32_t words = in.u32();
  for (uint32_t i = 0; i < words; ++i) {
    std::string form = in.str();
    uint8_t cls = in.u8();
    if (cls >= classes) throw in.error("tag dictionary entry out of range");
    tagger.dictionary_[form] = cls;
  }
  tagger.ambiguity_ = read_word_table(in);
  tagger.clusters_ = read_word_table(in);
  tagger.weights_ = FrozenWeights::load(in);
  if (tagger.weights_.num_classes() != static_cast<int>(classes))
    throw in.error("class count mismatch");
  if (!in.at_end() && in.peek_u32() != kBackwardSection) {
    tagger.second_pass_ = FrozenWeights::load(in);
    if (tagger.second_pass_.num_classes() != static_cast<int>(classes))
      throw in.error("second pass class count mismatch");
  }
  if (!in.at_end()) {
    if (in.u32() != kBackwardSection) throw in.error("unknown section");
    tagger.backward_ = FrozenWeights::load(in);
    if (tagger.backward_.num_classes() != static_cast<int>(classes))
      throw in.error("right-to-left class count mismatch");
  }
  in.expect_end();
  return tagger;
}

}  // namespace kg::extract
