// The averaged perceptron's frozen weights: learned preferences survive quantisation, saving,
// loading and pruning.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <vector>

#include "extract/learn/perceptron_train.h"

using kg::extract::feat;
using kg::extract::FrozenWeights;
using kg::extract::ModelReader;
using kg::extract::ModelWriter;
using kg::extract::PerceptronTrainer;

namespace {

std::vector<float> scores_of(const FrozenWeights& weights, const std::vector<uint64_t>& features) {
  std::vector<float> scores(weights.num_classes(), 0.0f);
  weights.score(features, scores.data());
  return scores;
}

int argmax(const std::vector<float>& scores) {
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

// Two examples that share a feature and differ in one each; class 1 for the first, 3 for the other.
struct Toy {
  std::vector<uint64_t> first{feat(0, 11), feat(1, 7)}, second{feat(0, 12), feat(1, 7)};
  PerceptronTrainer trainer{5};
  Toy() {
    for (int epoch = 0; epoch < 10; ++epoch) {
      for (auto [features, gold] : {std::pair{&first, 1}, std::pair{&second, 3}}) {
        std::vector<float> scores(5, 0.0f);
        trainer.score(*features, scores.data());
        trainer.update(*features, gold, argmax(scores));
        trainer.tick();
      }
    }
  }
};

// `weights` written to a model file in the temporary directory and read back.
FrozenWeights saved_and_loaded(const FrozenWeights& weights, const char* file_name) {
  auto path = (std::filesystem::temp_directory_path() / file_name).string();
  ModelWriter out("test");
  weights.save(out);
  out.save(path);
  ModelReader in(path, "test");
  FrozenWeights loaded = FrozenWeights::load(in);
  in.expect_end();
  std::filesystem::remove(path);
  return loaded;
}

}  // namespace

TEST_CASE("frozen weights keep what the trainer learned") {
  Toy toy;
  FrozenWeights weights = toy.trainer.freeze(0.0f);
  CHECK(weights.num_classes() == 5);
  CHECK(argmax(scores_of(weights, toy.first)) == 1);
  CHECK(argmax(scores_of(weights, toy.second)) == 3);
  auto unknown = scores_of(weights, {feat(5, 99)});
  CHECK(std::all_of(unknown.begin(), unknown.end(), [](float s) { return s == 0.0f; }));
}

TEST_CASE("frozen weights round-trip through a model file") {
  Toy toy;
  FrozenWeights weights = toy.trainer.freeze(0.0f);
  FrozenWeights loaded = saved_and_loaded(weights, "kg_perceptron_test.bin");
  CHECK(loaded.num_features() == weights.num_features());
  CHECK(scores_of(loaded, toy.first) == scores_of(weights, toy.first));
  CHECK(scores_of(loaded, toy.second) == scores_of(weights, toy.second));
}

TEST_CASE("pruning drops small weights and keeps large ones") {
  Toy toy;
  FrozenWeights weights = toy.trainer.freeze(0.0f);
  auto scores = scores_of(weights, toy.first);
  float largest = *std::max_element(scores.begin(), scores.end());
  FrozenWeights none = weights.pruned(1e9f);
  CHECK(none.num_features() == 0);
  CHECK(argmax(scores_of(none, toy.first)) == 0);
  FrozenWeights some = weights.pruned(largest / 4);
  CHECK(some.num_features() > 0);
  CHECK(some.num_features() <= weights.num_features());
  CHECK(argmax(scores_of(some, toy.second)) == 3);
}

TEST_CASE("rows with weights for most classes score the same after saving, loading and pruning") {
  // Six classes share one feature, so its row gets weights for (nearly) every class and is kept
  // dense; each class also has a feature of its own, kept sparse.
  constexpr int kClasses = 6;
  PerceptronTrainer trainer{kClasses};
  auto example = [](int cls) { return std::vector<uint64_t>{feat(0, 1), feat(1, cls)}; };
  for (int epoch = 0; epoch < 8; ++epoch)
    for (int cls = 0; cls < kClasses; ++cls) {
      std::vector<float> scores(kClasses, 0.0f);
      trainer.score(example(cls), scores.data());
      trainer.update(example(cls), cls, argmax(scores));
      trainer.tick();
    }
  FrozenWeights weights = trainer.freeze(0.0f);
  FrozenWeights loaded = saved_and_loaded(weights, "kg_perceptron_dense_test.bin");
  FrozenWeights pruned = weights.pruned(0.0f);
  const std::vector<uint64_t> shared{feat(0, 1)};
  CHECK(scores_of(loaded, shared) == scores_of(weights, shared));
  CHECK(scores_of(pruned, shared) == scores_of(weights, shared));
  for (int cls = 0; cls < kClasses; ++cls) {
    CAPTURE(cls);
    CHECK(argmax(scores_of(weights, example(cls))) == cls);
    CHECK(scores_of(loaded, example(cls)) == scores_of(weights, example(cls)));
    CHECK(scores_of(pruned, example(cls)) == scores_of(weights, example(cls)));
  }
  // Weights for 4 of the 6 classes (8 with padding) make the shared row a dense one.
  auto alone = scores_of(weights, shared);
  CHECK(std::count_if(alone.begin(), alone.end(), [](float s) { return s != 0.0f; }) >= 4);
}

TEST_CASE("an ensemble table scores like the mean of its members") {
  // The second member sees the examples in the other order, so its averages differ.
  Toy a;
  PerceptronTrainer b{5};
  for (int epoch = 0; epoch < 10; ++epoch) {
    for (auto [features, gold] : {std::pair{&a.second, 3}, std::pair{&a.first, 1}}) {
      std::vector<float> scores(5, 0.0f);
      b.score(*features, scores.data());
      b.update(*features, gold, argmax(scores));
      b.tick();
    }
  }
  kg::extract::WeightSum sum;
  a.trainer.add_averaged(sum, 0.5f);
  b.add_averaged(sum, 0.5f);
  FrozenWeights ensemble = FrozenWeights::from_sum(sum, 5, 0.0f);
  FrozenWeights wa = a.trainer.freeze(0.0f), wb = b.freeze(0.0f);
  for (const auto* features : {&a.first, &a.second}) {
    auto sa = scores_of(wa, *features), sb = scores_of(wb, *features);
    auto se = scores_of(ensemble, *features);
    float largest = 0;
    for (int c = 0; c < 5; ++c) largest = std::max(largest, std::fabs(sa[c]) + std::fabs(sb[c]));
    for (int c = 0; c < 5; ++c) CHECK(std::fabs(se[c] - 0.5f * (sa[c] + sb[c])) <= 1e-3f * largest);
  }
  CHECK(argmax(scores_of(ensemble, a.first)) == 1);
  CHECK(argmax(scores_of(ensemble, a.second)) == 3);
  // Pruning while summing drops everything below the threshold.
  CHECK(FrozenWeights::from_sum(sum, 5, 1e9f).num_features() == 0);
}
