#include "extract/syntax/parser.h"

#include <algorithm>
#include <limits>
#include <map>
#include <ostream>
#include <stdexcept>

#include "extract/syntax/parser_features.h"
#include "extract/syntax/parser_transitions.h"

namespace kg::extract {

using namespace parsing;

void Parser::parse(Sentence& sentence) const {
  if (sentence.tokens.empty()) return;
  std::vector<int> heads, labels;
  decode(sentence, heads, labels);
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    sentence.tokens[i].head = heads[i];
    sentence.tokens[i].deprel = labels_[labels[i]];
  }
}

void Parser::prune(float min_abs_weight, float guide_min_abs_weight) {
  weights_ = weights_.pruned(min_abs_weight);
  if (guide_) {
    auto guide = std::make_shared<Parser>(*guide_);
    guide->prune(guide_min_abs_weight < 0 ? min_abs_weight : guide_min_abs_weight);
    guide_ = std::move(guide);
  }
}

void Parser::decode(const Sentence& sentence, std::vector<int>& heads,
                    std::vector<int>& labels) const {
  decode_values(sentence, word_values(sentence, lexicon_), heads, labels);
}

void Parser::decode_values(const Sentence& sentence, WordValues values, std::vector<int>& heads,
                           std::vector<int>& labels) const {
  const int n = static_cast<int>(sentence.tokens.size());
  const int num_labels = static_cast<int>(labels_.size());
  if (guide_) {
    // A guide trained on the same words looks them up in an equal lexicon: reuse the values.
    if (guide_shares_lexicon_)
      guide_->decode_values(sentence, values, heads, labels);
    else
      guide_->decode(sentence, heads, labels);
    values.guide_head.assign(1, -1);
    values.guide_label.assign(1, kNone);
    for (int i = 0; i < n; ++i) {
      values.guide_head.push_back(heads[i]);
      values.guide_label.push_back(guide_->label_hashes_[labels[i]]);
    }
  }
  // Right to left: the same values, words in reverse order (word_values looks at one word at
  // a time, so reversing its output equals computing it on the reversed sentence).
  auto renumber = [n](int head) { return head > 0 ? n + 1 - head : head; };
  if (reversed_) {
    for (auto* column : {&values.word, &values.tag, &values.upos, &values.cluster, &values.coarse,
                         &values.lexical, &values.guide_label})
      if (!column->empty()) std::reverse(column->begin() + 1, column->end());
    if (!values.guide_head.empty()) {
      std::reverse(values.guide_head.begin() + 1, values.guide_head.end());
      for (int& head : values.guide_head) head = renumber(head);
    }
  }
  if (guide_) index_guide_children(values);
  State state(n, repair_);
  std::vector<uint64_t> features;
  features.reserve(128);
  std::vector<float> scores(weights_.num_classes());
  std::vector<char> valid;
  // A left-to-right parser takes the words left headless on the stack back one at a time and
  // scores their arcs like any others, instead of hanging them on the root word by rule. The
  // guide keeps the rule: the parser learned from guide trees made with it.
  do {
    while (!state.terminal()) {
      valid_moves(state, num_labels, root_label_, valid);
      parser_features(state, values, core_features_, features);
      std::fill(scores.begin(), scores.end(), 0.0f);
      weights_.score(features, scores.data());
      const int move = best_valid(scores, valid);
      if (move < 0) break;  // an unshifted word once the root is taken: finish_tree's
      state.apply(move, num_labels);
    }
  } while (!reversed_ && state.terminal() && unshift(state));
  int fallback =
      static_cast<int>(std::find(labels_.begin(), labels_.end(), "dep") - labels_.begin());
  if (fallback >= num_labels) fallback = 0;
  finish_tree(state, root_label_, fallback);
  heads.resize(n);
  labels.resize(n);
  for (int i = 1; i <= n; ++i) {
    const int at = reversed_ ? n - i : i - 1;
    heads[at] = reversed_ ? renumber(state.head[i]) : state.head[i];
    labels[at] = state.label[i];
  }
}

void Parser::build_lexicon() {
  lexicon_.clear();
  lexicon_.reserve(clusters_.size() + ambiguity_.size());
  for (const auto& [word, ids] : clusters_) lexicon_[word] |= ids | kClustered;
  for (const auto& [word, tags] : ambiguity_) lexicon_[word] |= static_cast<uint64_t>(tags) << 32;
  guide_shares_lexicon_ =
      guide_ && guide_->clusters_ == clusters_ && guide_->ambiguity_ == ambiguity_;
  label_hashes_.clear();
  for (const auto& label : labels_) label_hashes_.push_back(hash_string(label));
}

void Parser::save(const std::string& path) const {
  ModelWriter out("parser");
  write_body(out);
  out.save(path);
}

// Flags of the optional section after the ambiguity table.
constexpr uint32_t kReversed = 1, kHasGuide = 2, kCoreFeatures = 4, kRepair = 8;

void Parser::write_body(ModelWriter& out) const {
  out.u32(static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) out.str(l);
  out.u32(static_cast<uint32_t>(root_label_));
  write_word_table(out, clusters_);
  weights_.save(out);
  write_word_table(out, ambiguity_);  // after the weights, so older files still load
  // Direction and guide only when used, so that a plain model's file is as before.
  if (reversed_ || guide_ || core_features_ || repair_) {
    out.u32((reversed_ ? kReversed : 0) | (guide_ ? kHasGuide : 0) |
            (core_features_ ? kCoreFeatures : 0) | (repair_ ? kRepair : 0));
    if (guide_) guide_->write_body(out);
  }
}

Parser Parser::load(const std::string& path) {
  ModelReader in(path, "parser");
  Parser parser = read_body(in);
  in.expect_end();
  return parser;
}

Parser Parser::read_body(ModelReader& in) {
  Parser parser;
  uint32_t n = in.u32();
  if (n == 0 || n > 64) throw in.error("bad relation count");
  for (uint32_t i = 0; i < n; ++i) parser.labels_.push_back(in.str());
  parser.root_label_ = static_cast<int>(in.u32());
  if (parser.root_label_ >= static_cast<int>(n)) throw in.error("bad root relation");
  parser.clusters_ = read_word_table(in);
  parser.weights_ = FrozenWeights::load(in);
  if (parser.weights_.num_classes() != kFirstLeft + 2 * static_cast<int>(n))
    throw in.error("move count does not match relation count");
  if (!in.at_end()) parser.ambiguity_ = read_word_table(in);
  if (!in.at_end()) {
    const uint32_t flags = in.u32();
    if (flags & ~(kReversed | kHasGuide | kCoreFeatures | kRepair))
      throw in.error("unknown parser flags");
    parser.reversed_ = flags & kReversed;
    parser.repair_ = flags & kRepair;
    parser.core_features_ = flags & kCoreFeatures;
    // A guide carries no guide of its own: one level is all kg builds.
    if (flags & kHasGuide) {
      auto guide = std::make_shared<Parser>(read_body(in));
      if (guide->guide_) throw in.error("nested parser guides");
      parser.guide_ = std::move(guide);
    }
  }
  parser.build_lexicon();
  return parser;
}

}  // namespace kg::extract
