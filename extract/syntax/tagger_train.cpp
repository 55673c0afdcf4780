// Training the tagger (tagger.h): its classes, dictionary and ambiguity classes from the
// treebank, then the perceptron weights of each pass and direction.
#include <algorithm>
#include <map>
#include <ostream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "extract/learn/perceptron_train.h"
#include "extract/syntax/tagger.h"
#include "extract/syntax/tagger_features.h"

namespace kg::extract {

using namespace tagging;

namespace {

// The dictionary is effectively off: on dev it cost 0.1 UPOS even at 100 occurrences / 99.9%.
constexpr int kDictMinCount = 1000000;
constexpr double kDictMinShare = 0.999;
// Folds of the held-out ambiguity classes.
constexpr size_t kAmbiguityFolds = 10;

int argmax(const std::vector<float>& scores) {
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

}  // namespace

// What Tagger::train needs while it learns one tagger (one direction).
class TaggerTrainer {
 public:
  TaggerTrainer(Tagger& tagger, const std::vector<Sentence>& train,
                const std::vector<Sentence>& dev, const TaggerOptions& options, std::ostream* log)
      : tagger_(tagger), train_(train), dev_(dev), options_(options), log_(log) {}

  // Classes, the dictionary and the ambiguity classes, from the training sentences.
  void learn_lexicon() {
    learn_classes();
    learn_dictionary();
    learn_ambiguity();
  }

  // Trains one pass's weights into `target` (which evaluate() reads through the tagger).
  // `first` holds the jackknifed first-pass tags when training the second pass.
  void train_pass(FrozenWeights& target, const std::vector<std::vector<int>>* first) {
    const int num_classes = static_cast<int>(tagger_.xpos_.size());
    scores_.assign(num_classes, 0.0f);
    order_.resize(train_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    TrainSchedule schedule{options_.ensemble, options_.epochs, options_.seed,
                           options_.min_abs_weight};
    auto epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int) {
      std::ostringstream figure;
      figure << "train acc " << run_epoch(trainer, rng, first);
      return figure.str();
    };
    auto dev_score = [&] {
      auto [upos, xpos] = evaluate();
      std::ostringstream text;
      text << "UPOS " << upos << " XPOS " << xpos;
      return std::make_pair(upos, text.str());
    };
    train_weights(target, num_classes, schedule, !dev_.empty(), epoch, dev_score, log_,
                  first ? "second pass" : "tagger");
  }

  // UPOS and XPOS accuracy on dev of the tagger as it stands.
  std::pair<double, double> evaluate() const {
    size_t upos_ok = 0, xpos_ok = 0, n = 0;
    for (const Sentence& gold : dev_) {
      Sentence s = gold;
      tagger_.tag(s);
      for (size_t i = 0; i < s.tokens.size(); ++i, ++n) {
        upos_ok += s.tokens[i].upos == gold.tokens[i].upos;
        xpos_ok += s.tokens[i].xpos == gold.tokens[i].xpos;
      }
    }
    n = std::max<size_t>(n, 1);
    return std::make_pair(100.0 * upos_ok / n, 100.0 * xpos_ok / n);
  }

 private:
  // One class per (XPOS, UPOS) pair of the training set, in sorted order.
  void learn_classes() {
    for (const auto& s : train_)
      for (const auto& t : s.tokens) class_ids_.emplace(std::make_pair(t.xpos, t.upos), 0);
    if (class_ids_.size() > 256)
      throw std::runtime_error("more than 256 distinct (XPOS, UPOS) pairs");
    for (auto& [pair, id] : class_ids_) {
      id = static_cast<int>(tagger_.xpos_.size());
      tagger_.xpos_.push_back(pair.first);
      tagger_.upos_.push_back(pair.second);
    }
  }

  int gold_class(const Token& t) const { return class_ids_.at({t.xpos, t.upos}); }

  // Frequent words that (almost) always carry one tag skip the classifier.
  void learn_dictionary() {
    std::unordered_map<std::string, std::map<int, int>> counts;
    for (const auto& s : train_)
      for (const auto& t : s.tokens) ++counts[t.form][gold_class(t)];
    for (const auto& [form, by_class] : counts) {
      int total = 0, best = 0, best_class = 0;
      for (auto [cls, n] : by_class) {
        total += n;
        if (n > best) best = n, best_class = cls;
      }
      if (total >= kDictMinCount && best >= kDictMinShare * total)
        tagger_.dictionary_[form] = best_class;
    }
  }

  // Ambiguity classes: which UPOS tags each training word was seen with. In training, a word's
  // class comes from the other folds only, or it would always contain the gold tag.
  void learn_ambiguity() {
    std::map<std::string, int> upos_bits;
    for (const auto& u : tagger_.upos_) upos_bits.emplace(u, 0);
    int bit = 0;
    for (auto& [u, b] : upos_bits) b = bit++;
    if (bit > 32) throw std::runtime_error("more than 32 UPOS tags");
    std::vector<std::unordered_map<std::string, uint32_t>> fold_ambiguity(kAmbiguityFolds);
    for (size_t i = 0; i < train_.size(); ++i)
      for (const auto& t : train_[i].tokens) {
        uint32_t b = 1u << upos_bits.at(t.upos);
        tagger_.ambiguity_[t.form] |= b;
        fold_ambiguity[i % kAmbiguityFolds][t.form] |= b;
      }
    held_out_.assign(train_.size(), {});
    for (size_t i = 0; i < train_.size(); ++i)
      for (const auto& t : train_[i].tokens) {
        uint32_t mask = 0;
        for (size_t f = 0; f < kAmbiguityFolds; ++f) {
          if (f == i % kAmbiguityFolds) continue;
          auto it = fold_ambiguity[f].find(t.form);
          if (it != fold_ambiguity[f].end()) mask |= it->second;
        }
        held_out_[i].push_back(mask);
      }
  }

  // One pass over the training set in a fresh random order; returns the training accuracy.
  double run_epoch(PerceptronTrainer& trainer, std::mt19937_64& rng,
                   const std::vector<std::vector<int>>* first) {
    for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[rng() % i]);
    size_t correct = 0, total = 0;
    for (size_t idx : order_) {
      const Sentence& s = train_[idx];
      std::vector<WordInfo> infos =
          word_infos(s, tagger_.ambiguity_, tagger_.clusters_, &held_out_[idx]);
      std::vector<int> tags(s.tokens.size());
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        int gold = gold_class(s.tokens[i]);
        auto dict = tagger_.dictionary_.find(s.tokens[i].form);
        if (dict != tagger_.dictionary_.end()) {
          tags[i] = dict->second;
        } else {
          tagger_features(infos, i, tags, first ? &(*first)[idx] : nullptr, features_);
          std::fill(scores_.begin(), scores_.end(), 0.0f);
          trainer.score(features_, scores_.data());
          int guess = argmax(scores_);
          trainer.update(features_, gold, guess);
          trainer.tick();
          tags[i] = guess;
        }
        correct += tags[i] == gold;
        ++total;
      }
    }
    return 100.0 * correct / std::max<size_t>(total, 1);
  }

  Tagger& tagger_;
  const std::vector<Sentence>& train_;
  const std::vector<Sentence>& dev_;
  const TaggerOptions& options_;
  std::ostream* log_;
  std::map<std::pair<std::string, std::string>, int> class_ids_;
  std::vector<std::vector<uint32_t>> held_out_;  // per sentence and word: its held-out class
  std::vector<size_t> order_;  // shuffled in place: each epoch and member starts where it was
  std::vector<uint64_t> features_;
  std::vector<float> scores_;
};

Tagger Tagger::train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                     const std::unordered_map<std::string, uint32_t>& clusters,
                     const TaggerOptions& options, std::ostream* log) {
  if (options.bidirectional && options.passes > 1)
    throw std::invalid_argument("a bidirectional tagger has one pass");
  Tagger tagger;
  tagger.clusters_ = clusters;
  TaggerTrainer trainer(tagger, train, dev, options, log);
  trainer.learn_lexicon();
  trainer.train_pass(tagger.weights_, nullptr);
  if (options.bidirectional) {
    tagger.backward_ = train_backward(train, dev, clusters, options, log, tagger);
    if (log && !dev.empty()) {
      auto [upos, xpos] = trainer.evaluate();
      *log << "both directions: dev UPOS " << upos << " XPOS " << xpos << std::endl;
    }
  }
  if (options.passes > 1) {
    std::vector<std::vector<int>> first = tagger.jackknife_first_pass(train, options);
    trainer.train_pass(tagger.second_pass_, &first);
  }
  return tagger;
}

FrozenWeights Tagger::train_backward(const std::vector<Sentence>& train,
                                     const std::vector<Sentence>& dev,
                                     const std::unordered_map<std::string, uint32_t>& clusters,
                                     const TaggerOptions& options, std::ostream* log,
                                     const Tagger& forward) {
  std::vector<Sentence> backward_train, backward_dev;
  for (const Sentence& s : train) backward_train.push_back(reversed_sentence(s));
  for (const Sentence& s : dev) backward_dev.push_back(reversed_sentence(s));
  TaggerOptions one_way = options;
  one_way.bidirectional = false;
  if (log) *log << "right to left:" << std::endl;
  Tagger backward = Tagger::train(backward_train, backward_dev, clusters, one_way, log);
  // The same sentences give the same (XPOS, UPOS) pairs, so the class ids agree.
  if (backward.xpos_ != forward.xpos_ || backward.upos_ != forward.upos_)
    throw std::logic_error("tagger directions disagree on the classes");
  return std::move(backward.weights_);
}

std::vector<std::vector<int>> Tagger::jackknife_first_pass(const std::vector<Sentence>& train,
                                                           const TaggerOptions& options) const {
  std::map<std::pair<std::string, std::string>, int> class_ids;
  for (size_t k = 0; k < xpos_.size(); ++k)
    class_ids.emplace(std::make_pair(xpos_[k], upos_[k]), k);
  TaggerOptions one_pass = options;
  one_pass.passes = 1;
  const size_t folds = static_cast<size_t>(std::max(2, options.stack_folds));
  std::vector<std::vector<int>> tags(train.size());
  for (size_t fold = 0; fold < folds; ++fold) {
    std::vector<Sentence> rest;
    for (size_t i = 0; i < train.size(); ++i)
      if (i % folds != fold) rest.push_back(train[i]);
    // The fold's class ids may differ (a rare pair can be missing), so map back by name.
    Tagger fold_tagger = Tagger::train(rest, {}, clusters_, one_pass, nullptr);
    for (size_t i = fold; i < train.size(); i += folds) {
      Sentence tagged = train[i];
      fold_tagger.tag(tagged);
      for (const Token& t : tagged.tokens) tags[i].push_back(class_ids.at({t.xpos, t.upos}));
    }
  }
  return tags;
}

void jackknife_tags(std::vector<Sentence>& train, int folds, const TaggerOptions& options,
                    const std::unordered_map<std::string, uint32_t>& clusters, std::ostream* log) {
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<Sentence> rest;
    for (size_t i = 0; i < train.size(); ++i)
      if (static_cast<int>(i % folds) != fold) rest.push_back(train[i]);
    Tagger tagger = Tagger::train(rest, {}, clusters, options, nullptr);
    size_t ok = 0, n = 0;
    for (size_t i = fold; i < train.size(); i += folds) {
      Sentence tagged = train[i];
      tagger.tag(tagged);
      for (size_t k = 0; k < tagged.tokens.size(); ++k, ++n) {
        ok += tagged.tokens[k].upos == train[i].tokens[k].upos;
        train[i].tokens[k].upos = tagged.tokens[k].upos;
        train[i].tokens[k].xpos = tagged.tokens[k].xpos;
      }
    }
    if (log)
      *log << "jackknife fold " << fold + 1 << "/" << folds << ": UPOS " << 100.0 * ok / n << "\n";
  }
}

}  // namespace kg::extract
