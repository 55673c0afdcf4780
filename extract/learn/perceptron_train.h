// Training an averaged multi-class perceptron over hashed sparse features, shared by every model
// (tagger, parser, entity recognizer): sparse rows of (class, weight) per feature while learning,
// frozen into FrozenWeights for run time.
#pragma once

#include <cstdint>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/learn/frozen_weights.h"

namespace kg::extract {

// Learns averaged perceptron weights; classes must number at most 256.
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);
  // Scores with the current (not averaged) weights.
  void score(const std::vector<uint64_t>& features, float* scores) const;
  // Rewards `gold` and penalises `predicted` for these features.
  void update(const std::vector<uint64_t>& features, int gold, int predicted);
  // The row of a feature, created on first use. A caller that scores the same features in
  // every epoch (the recognizer's static features) resolves them once and passes rows: a
  // vector index instead of a hash lookup per feature per epoch.
  uint32_t row(uint64_t feature);
  void score_rows(const std::vector<uint32_t>& rows, float* scores) const;
  void update_rows(const std::vector<uint32_t>& rows, int gold, int predicted);
  // Counts one training instance (the clock used for averaging).
  void tick() { ++clock_; }
  // Averaged weights, dropping entries whose magnitude is below `min_abs_weight`.
  FrozenWeights freeze(float min_abs_weight) const;
  // Adds `factor` times the averaged weights into `sum`, to build an ensemble of perceptrons
  // trained on different example orders (one table: the same lookups per word as one member).
  void add_averaged(WeightSum& sum, float factor) const;

 private:
  struct Entry {
    uint8_t cls;
    float weight;
    int64_t stamp;
    double total;
  };
  using Row = std::vector<Entry>;
  void add_row(const Row& row, float* scores) const;
  void update_row(Row& row, int gold, int predicted);
  // The averaged weight of an entry at the current clock.
  double average(const Entry& e) const;
  int num_classes_;
  int64_t clock_ = 1;
  std::unordered_map<uint64_t, uint32_t> index_;  // feature -> its row
  std::vector<uint64_t> keys_;                    // row -> its feature
  std::vector<Row> rows_;
};

// Trains `members` perceptrons that differ only in their random generator (seed + 7919 k), each
// for `epochs` calls of run_epoch(trainer, rng, epoch), and sums their averaged weights scaled
// by 1 / members into one table. after_member(k, sum) runs after member k (progress, dev scores).
template <class RunEpoch, class AfterMember>
WeightSum train_ensemble(int num_classes, int members, int epochs, uint64_t seed,
                         RunEpoch&& run_epoch, AfterMember&& after_member) {
  WeightSum sum;
  for (int member = 0; member < members; ++member) {
    PerceptronTrainer trainer(num_classes);
    std::mt19937_64 rng(seed + 7919 * static_cast<uint64_t>(member));
    for (int epoch = 1; epoch <= epochs; ++epoch) run_epoch(trainer, rng, epoch);
    trainer.add_averaged(sum, 1.0f / static_cast<float>(members));
    after_member(member, sum);
  }
  return sum;
}

// How a model's weights are trained: `members` perceptrons of `epochs` epochs each summed into
// one table, or (members = 1) one perceptron whose best epoch on dev is kept.
struct TrainSchedule {
  int members = 1;
  int epochs = 10;
  uint64_t seed = 1;
  float min_abs_weight = 0.0f;  // weights below this are dropped when the model is frozen
};

// Trains the weights of one model into `target`, which `evaluate` reads through the model.
// run_epoch(trainer, rng, epoch) makes one pass over the training data and returns a figure of
// it for the log ("train acc 97.10"); evaluate() returns the dev score that chooses between
// epochs and its text for the log, and is called only with `has_dev`. `name` starts log lines.
template <class RunEpoch, class Evaluate>
void train_weights(FrozenWeights& target, int num_classes, const TrainSchedule& schedule,
                   bool has_dev, RunEpoch&& run_epoch, Evaluate&& evaluate, std::ostream* log,
                   const std::string& name) {
  if (schedule.members > 1) {
    std::string figure;
    auto epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int e) {
      figure = run_epoch(trainer, rng, e);
    };
    auto report = [&](int member, const WeightSum& sum) {
      if (log) *log << name << " member " << member + 1 << ": " << figure;
      if (has_dev) {
        target = FrozenWeights::from_sum(sum, num_classes, 0.0f);
        std::pair<double, std::string> dev = evaluate();
        if (log) *log << ", dev of the first " << member + 1 << ": " << dev.second;
      }
      if (log) *log << std::endl;
    };
    WeightSum sum = train_ensemble(num_classes, schedule.members, schedule.epochs, schedule.seed,
                                   epoch, report);
    target = FrozenWeights::from_sum(sum, num_classes, schedule.min_abs_weight);
    return;
  }
  PerceptronTrainer trainer(num_classes);
  std::mt19937_64 rng(schedule.seed);
  double best = -std::numeric_limits<double>::infinity();
  for (int epoch = 1; epoch <= schedule.epochs; ++epoch) {
    std::string figure = run_epoch(trainer, rng, epoch);
    FrozenWeights frozen = trainer.freeze(schedule.min_abs_weight);
    if (log) *log << name << " epoch " << epoch << ": " << figure;
    if (!has_dev) {
      target = std::move(frozen);
    } else {
      std::swap(target, frozen);
      std::pair<double, std::string> dev = evaluate();
      if (log) *log << ", dev " << dev.second;
      if (dev.first > best)
        best = dev.first;
      else
        std::swap(target, frozen);  // keep the earlier, better epoch
    }
    if (log) *log << ", features " << target.num_features() << std::endl;
  }
}

}  // namespace kg::extract
