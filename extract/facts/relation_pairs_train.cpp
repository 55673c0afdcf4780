#include "extract/facts/relation_pairs_train.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>

#include "extract/facts/relation_schema.h"
#include "extract/learn/perceptron_train.h"

namespace kg::extract {

double PairScore::f1() const {
  const double p = system ? double(right) / system : 0, r = gold ? double(right) / gold : 0;
  return p + r > 0 ? 200 * p * r / (p + r) : 0;
}

std::string PairScore::text() const {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "P %.2f R %.2f F1 %.2f",
                system ? 100.0 * right / system : 0.0, gold ? 100.0 * right / gold : 0.0, f1());
  return buffer;
}

PairScore score_pairs(const RelationModel& model, const std::vector<PairExample>& examples) {
  PairScore score;
  for (const auto& e : examples) {
    const int predicted = model.classify(e.candidate).first;
    if (e.label != 0) ++score.gold;
    if (predicted != 0) ++score.system;
    if (predicted != 0 && predicted == e.label) ++score.right;
  }
  return score;
}

namespace {

// The best class the trainer's current weights give.
int predict(const PerceptronTrainer& trainer, const PairCandidate& c) {
  std::array<float, kPairClasses.size()> scores{};
  trainer.score(c.features, scores.data());
  int best = 0;
  for (int k = 1; k < static_cast<int>(scores.size()); ++k)
    if (scores[k] > scores[best]) best = k;
  return best;
}

}  // namespace

RelationModel train_relation_model(const std::vector<PairExample>& train,
                                   const std::vector<PairExample>& dev, int epochs, int members,
                                   uint64_t seed, std::ostream* log) {
  RelationModel model;
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  auto run_epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t right = 0;
    for (size_t i : order) {
      const PairExample& e = train[i];
      const int predicted = predict(trainer, e.candidate);
      if (predicted == e.label)
        ++right;
      else
        trainer.update(e.candidate.features, e.label, predicted);
      trainer.tick();
    }
    char figure[64];
    std::snprintf(figure, sizeof figure, "train acc %.2f",
                  100.0 * right / std::max<size_t>(1, train.size()));
    return std::string(figure);
  };
  auto evaluate = [&] {
    PairScore s = score_pairs(model, dev);
    return std::make_pair(s.f1(), s.text());
  };
  TrainSchedule schedule;
  schedule.epochs = epochs;
  schedule.members = members;
  schedule.seed = seed;
  train_weights(model.weights, static_cast<int>(kPairClasses.size()), schedule, !dev.empty(),
                run_epoch, evaluate, log, "relations");
  if (dev.empty()) return model;
  // The none bias: how sure a class must be before a pair is related at all, chosen on dev.
  std::vector<float> margins;
  for (const auto& e : dev) margins.push_back(std::abs(model.classify(e.candidate).second));
  std::sort(margins.begin(), margins.end());
  const float spread = margins.empty() ? 1.0f : std::max(1e-3f, margins[margins.size() / 2]);
  double best = score_pairs(model, dev).f1();
  float best_bias = 0;
  for (int step = -20; step <= 20; ++step) {
    model.none_bias = spread * static_cast<float>(step) / 10.0f;
    const double f1 = score_pairs(model, dev).f1();
    if (f1 > best + 1e-9) {
      best = f1;
      best_bias = model.none_bias;
    }
  }
  model.none_bias = best_bias;
  std::vector<float> right;
  for (const auto& e : dev) {
    auto [cls, margin] = model.classify(e.candidate);
    if (cls != 0 && cls == e.label) right.push_back(margin);
  }
  std::sort(right.begin(), right.end());
  model.margin_scale = right.empty() ? 1.0f : std::max(1e-3f, right[right.size() / 2]);
  if (log)
    *log << "relations: none bias " << model.none_bias << ", dev " << score_pairs(model, dev).text()
         << ", margin scale " << model.margin_scale << std::endl;
  return model;
}

}  // namespace kg::extract
