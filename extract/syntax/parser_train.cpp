// Training the parser (parser.h): relations and ambiguity classes from the treebank, then the
// perceptron that scores transitions, learned with a dynamic oracle and exploration.
#include <algorithm>
#include <map>
#include <ostream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "base/ascii.h"
#include "extract/learn/perceptron_train.h"
#include "extract/syntax/parser.h"
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
      std::string lower = base::ascii_lower(t.form);
      ambiguity[lower] |= bit;
      by_fold[i % kFolds][lower] |= bit;
    }
  std::vector<std::vector<uint32_t>> held_out(train.size());
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      std::string lower = base::ascii_lower(t.form);
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

// One training run of a parser: the sentences in their direction, the relation ids, and the
// epoch that follows the dynamic oracle.
class ParserTrainer {
 public:
  ParserTrainer(Parser& parser, const std::vector<Sentence>& train, const ParserOptions& options,
                const std::vector<Sentence>* guide_trees)
      : parser_(parser), train_(train), options_(options), guide_trees_(guide_trees) {}

  // Relation ids (sorted, with root and dep always present) and the word lexicon.
  void learn_lexicon() {
    for (const auto& s : train_)
      for (const auto& t : s.tokens) label_ids_.emplace(t.deprel, 0);
    label_ids_.emplace("root", 0);
    label_ids_.emplace("dep", 0);
    if (label_ids_.size() > 64)
      throw std::runtime_error("the parser supports at most 64 relations");
    for (auto& [name, id] : label_ids_) {
      id = static_cast<int>(parser_.labels_.size());
      parser_.labels_.push_back(name);
    }
    parser_.root_label_ = label_ids_.at("root");
    num_labels_ = static_cast<int>(parser_.labels_.size());
    num_moves_ = kFirstLeft + 2 * num_labels_;
    held_out_ = learn_ambiguity(train_, parser_.ambiguity_);
    parser_.build_lexicon();
    order_.resize(train_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    scores_.assign(num_moves_, 0.0f);
  }

  int num_moves() const { return num_moves_; }

  // One pass over the training set in a fresh random order; returns the share of wrong moves.
  // From options.explore_from_epoch on, a wrong move is followed with options.explore_probability
  // (Goldberg & Nivre 2012), so the parser learns to recover from its own mistakes.
  double run_epoch(PerceptronTrainer& trainer, std::mt19937_64& rng, int epoch) {
    for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng() % i]);
    size_t moves = 0, wrong = 0;
    for (size_t idx : order_) {
      const Sentence& sentence = train_[idx];
      const int n = static_cast<int>(sentence.tokens.size());
      std::vector<int> gold_head(n + 1, -1), gold_label(n + 1, -1);
      int gold_root = 0;
      for (int i = 1; i <= n; ++i) {
        gold_head[i] = sentence.tokens[i - 1].head;
        gold_label[i] = label_ids_.at(sentence.tokens[i - 1].deprel);
        if (gold_head[i] == 0) gold_root = i;
      }
      State state(n, parser_.repair_);
      WordValues values = word_values(sentence, parser_.lexicon_, &held_out_[idx]);
      if (guide_trees_) add_guide((*guide_trees_)[idx], values);
      while (!state.terminal()) {
        valid_moves(state, num_labels_, parser_.root_label_, valid_);
        move_costs(state, gold_head, gold_label, gold_root, num_labels_, valid_, costs_);
        parser_features(state, values, parser_.core_features_, features_);
        std::fill(scores_.begin(), scores_.end(), 0.0f);
        trainer.score(features_, scores_.data());
        int predicted = best_valid(scores_, valid_);
        int min_cost = *std::min_element(costs_.begin(), costs_.end());
        int best_gold = -1;
        for (int m = 0; m < num_moves_; ++m)
          if (valid_[m] && costs_[m] == min_cost &&
              (best_gold < 0 || scores_[m] > scores_[best_gold]))
            best_gold = m;
        ++moves;
        int next = best_gold;
        if (costs_[predicted] > min_cost) {
          ++wrong;
          trainer.update(features_, best_gold, predicted);
          if (epoch >= options_.explore_from_epoch && coin_(rng) < options_.explore_probability)
            next = predicted;
        }
        trainer.tick();
        state.apply(next, num_labels_);
      }
    }
    return 100.0 * wrong / std::max<size_t>(moves, 1);
  }

 private:
  Parser& parser_;
  const std::vector<Sentence>& train_;
  const ParserOptions& options_;
  const std::vector<Sentence>* guide_trees_;  // the guide's parses of train_, or null
  std::map<std::string, int> label_ids_;
  int num_labels_ = 0, num_moves_ = 0;
  std::vector<std::vector<uint32_t>> held_out_;  // per sentence and word: its held-out class
  std::vector<size_t> order_;  // shuffled in place: each epoch and member starts where it was
  std::uniform_real_distribution<double> coin_{0.0, 1.0};
  std::vector<uint64_t> features_;
  std::vector<float> scores_;
  std::vector<char> valid_;
  std::vector<int> costs_;
};

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
  const std::vector<Sentence>* guide_trees = !guide            ? nullptr
                                             : options.reverse ? &reversed_guide
                                                               : guide_train;
  ParserTrainer trainer(parser, train, options, guide_trees);
  trainer.learn_lexicon();
  // With an ensemble, members differ in example order and exploration; their averaged weights
  // are summed into one table, as for the tagger and the entity recognizer.
  TrainSchedule schedule{options.ensemble, options.epochs, options.seed, options.min_abs_weight};
  auto epoch = [&](PerceptronTrainer& perceptron, std::mt19937_64& rng, int e) {
    std::ostringstream figure;
    figure << "wrong moves " << trainer.run_epoch(perceptron, rng, e) << "%";
    return figure.str();
  };
  auto dev_score = [&] {
    AttachmentScore score = parser.evaluate(dev);
    std::ostringstream text;
    text << "UAS " << score.uas() << " LAS " << score.las();
    return std::make_pair(score.las(), text.str());
  };
  train_weights(parser.weights_, trainer.num_moves(), schedule, !dev.empty(), epoch, dev_score, log,
                "parser");
  return parser;
}

}  // namespace kg::extract
