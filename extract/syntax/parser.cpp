#include "extract/syntax/parser.h"

#include <algorithm>
#include <limits>
#include <map>
#include <ostream>
#include <random>
#include <stdexcept>

#include "extract/syntax/parser_features.h"
#include "extract/syntax/parser_transitions.h"

namespace kg::extract {

using namespace parsing;

namespace {

// Fills `ambiguity` with the UPOS tags each word has in `train` and returns, per training
// sentence and word, the tags the word has in the other folds only: otherwise a rare word's class
// would always contain its tag here, and the parser would trust it more than it deserves.
std::vector<std::vector<uint32_t>> learn_ambiguity(
    const std::vector<Sentence>& train, std::unordered_map<std::string, uint32_t>& ambiguity) {
  constexpr size_t kFolds = 10;
  std::map<std::string, int> bits;
  for (const auto& s : train)
    for (const auto& t : s.tokens) bits.emplace(t.upos, 0);
  if (bits.size() > 32) throw std::runtime_error("the parser supports at most 32 UPOS tags");
  int next = 0;
  for (auto& [tag, bit] : bits) bit = next++;
  std::vector<std::unordered_map<std::string, uint32_t>> by_fold(kFolds);
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      const uint32_t bit = 1u << bits.at(t.upos);
      std::string lower = lowercase(t.form);
      ambiguity[lower] |= bit;
      by_fold[i % kFolds][lower] |= bit;
    }
  std::vector<std::vector<uint32_t>> held_out(train.size());
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      std::string lower = lowercase(t.form);
      uint32_t tags = 0;
      for (size_t f = 0; f < kFolds; ++f) {
        if (f == i % kFolds) continue;
        auto it = by_fold[f].find(lower);
        if (it != by_fold[f].end()) tags |= it->second;
      }
      held_out[i].push_back(tags);
    }
  return held_out;
}

}  // namespace

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

void AttachmentScore::add(const Sentence& predicted, const Sentence& gold) {
  for (size_t i = 0; i < predicted.tokens.size(); ++i) {
    ++words;
    if (predicted.tokens[i].head == gold.tokens[i].head) {
      ++head_correct;
      labeled_correct += predicted.tokens[i].deprel == gold.tokens[i].deprel;
    }
  }
}

AttachmentScore Parser::evaluate(const std::vector<Sentence>& gold) const {
  AttachmentScore score;
  for (const Sentence& g : gold) {
    Sentence s = g;
    parse(s);
    score.add(s, g);
  }
  return score;
}

Parser Parser::train(const std::vector<Sentence>& train_in, const std::vector<Sentence>& dev,
                     const std::unordered_map<std::string, uint32_t>& clusters,
                     const ParserOptions& options, std::ostream* log, const Parser* guide,
                     const std::vector<Sentence>* guide_train) {
  if (guide && (!guide_train || guide_train->size() != train_in.size()))
    throw std::invalid_argument("a guided parser needs the guide's parse of every sentence");
  Parser parser;
  parser.clusters_ = clusters;
  parser.reversed_ = options.reverse;
  parser.core_features_ = options.core_features;
  parser.repair_ = options.repair;
  if (guide) parser.guide_ = std::make_shared<Parser>(*guide);
  // A right-to-left parser learns from reversed sentences (and reversed guide trees).
  std::vector<Sentence> reversed_train, reversed_guide;
  if (options.reverse) {
    for (const auto& s : train_in) reversed_train.push_back(reversed_sentence(s));
    if (guide)
      for (const auto& s : *guide_train) reversed_guide.push_back(reversed_sentence(s));
  }
  const std::vector<Sentence>& train = options.reverse ? reversed_train : train_in;
  const std::vector<Sentence>* guide_trees = options.reverse ? &reversed_guide : guide_train;
  std::map<std::string, int> label_ids;
  for (const auto& s : train)
    for (const auto& t : s.tokens) label_ids.emplace(t.deprel, 0);
  label_ids.emplace("root", 0);
  label_ids.emplace("dep", 0);
  if (label_ids.size() > 64) throw std::runtime_error("the parser supports at most 64 relations");
  for (auto& [name, id] : label_ids) {
    id = static_cast<int>(parser.labels_.size());
    parser.labels_.push_back(name);
  }
  parser.root_label_ = label_ids.at("root");
  const int num_labels = static_cast<int>(parser.labels_.size());
  const int num_moves = kFirstLeft + 2 * num_labels;
  const auto held_out = learn_ambiguity(train, parser.ambiguity_);
  parser.build_lexicon();
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<uint64_t> features;
  std::vector<float> scores(num_moves);
  std::vector<char> valid;
  std::vector<int> costs;
  // One pass over the training set in a fresh random order; returns the share of wrong moves.
  auto run_epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t moves = 0, wrong = 0;
    for (size_t idx : order) {
      const Sentence& sentence = train[idx];
      const int n = static_cast<int>(sentence.tokens.size());
      std::vector<int> gold_head(n + 1, -1), gold_label(n + 1, -1);
      int gold_root = 0;
      for (int i = 1; i <= n; ++i) {
        gold_head[i] = sentence.tokens[i - 1].head;
        gold_label[i] = label_ids.at(sentence.tokens[i - 1].deprel);
        if (gold_head[i] == 0) gold_root = i;
      }
      State state(n, parser.repair_);
      WordValues values = word_values(sentence, parser.lexicon_, &held_out[idx]);
      if (guide) add_guide((*guide_trees)[idx], values);
      while (!state.terminal()) {
        valid_moves(state, num_labels, parser.root_label_, valid);
        move_costs(state, gold_head, gold_label, gold_root, num_labels, valid, costs);
        parser_features(state, values, parser.core_features_, features);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.score(features, scores.data());
        int predicted = best_valid(scores, valid);
        int min_cost = *std::min_element(costs.begin(), costs.end());
        int best_gold = -1;
        for (int m = 0; m < num_moves; ++m)
          if (valid[m] && costs[m] == min_cost && (best_gold < 0 || scores[m] > scores[best_gold]))
            best_gold = m;
        ++moves;
        int next = best_gold;
        if (costs[predicted] > min_cost) {
          ++wrong;
          trainer.update(features, best_gold, predicted);
          if (epoch >= options.explore_from_epoch && coin(rng) < options.explore_probability)
            next = predicted;
        }
        trainer.tick();
        state.apply(next, num_labels);
      }
    }
    return 100.0 * wrong / std::max<size_t>(moves, 1);
  };

  if (options.ensemble > 1) {
    // Members differ in example order and exploration; their averaged weights (after `epochs`
    // epochs each) are summed into one table, as for the tagger and the entity recognizer.
    double wrong = 0;
    auto epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int e) {
      wrong = run_epoch(trainer, rng, e);
    };
    auto report = [&](int member, const WeightSum& sum) {
      if (log) *log << "parser member " << member + 1 << ": wrong moves " << wrong << "%";
      if (!dev.empty()) {
        parser.weights_ = FrozenWeights::from_sum(sum, num_moves, 0.0f);
        AttachmentScore score = parser.evaluate(dev);
        if (log)
          *log << ", dev of the first " << member + 1 << ": UAS " << score.uas() << " LAS "
               << score.las();
      }
      if (log) *log << std::endl;
    };
    WeightSum sum =
        train_ensemble(num_moves, options.ensemble, options.epochs, options.seed, epoch, report);
    parser.weights_ = FrozenWeights::from_sum(sum, num_moves, options.min_abs_weight);
    return parser;
  }

  PerceptronTrainer trainer(num_moves);
  std::mt19937_64 rng(options.seed);
  double best_las = -1;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    double wrong = run_epoch(trainer, rng, epoch);
    FrozenWeights frozen = trainer.freeze(options.min_abs_weight);
    if (log) *log << "parser epoch " << epoch << ": wrong moves " << wrong << "%";
    if (dev.empty()) {
      parser.weights_ = std::move(frozen);
    } else {
      std::swap(parser.weights_, frozen);
      AttachmentScore score = parser.evaluate(dev);
      if (log) *log << ", dev UAS " << score.uas() << " LAS " << score.las();
      if (score.las() > best_las)
        best_las = score.las();
      else
        std::swap(parser.weights_, frozen);  // keep the earlier, better epoch
    }
    if (log) *log << ", features " << parser.weights_.num_features() << std::endl;
  }
  return parser;
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
