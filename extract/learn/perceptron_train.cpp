#include "extract/learn/perceptron_train.h"

#include <algorithm>
#include <cmath>

namespace kg::extract {

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {
  index_.reserve(1 << 20);
}

uint32_t PerceptronTrainer::row(uint64_t feature) {
  auto [it, added] = index_.try_emplace(feature, static_cast<uint32_t>(rows_.size()));
  if (added) {
    keys_.push_back(feature);
    rows_.emplace_back();
  }
  return it->second;
}

void PerceptronTrainer::add_row(const Row& row, float* scores) const {
  for (const Entry& e : row) scores[e.cls] += e.weight;
}

void PerceptronTrainer::score(const std::vector<uint64_t>& features, float* scores) const {
  for (uint64_t f : features) {
    auto it = index_.find(f);
    if (it != index_.end()) add_row(rows_[it->second], scores);
  }
}

void PerceptronTrainer::score_rows(const std::vector<uint32_t>& rows, float* scores) const {
  for (uint32_t r : rows) add_row(rows_[r], scores);
}

void PerceptronTrainer::update_row(Row& row, int gold, int predicted) {
  for (int cls : {gold, predicted}) {
    float delta = cls == gold ? 1.0f : -1.0f;
    auto it = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.cls == cls; });
    if (it == row.end()) {
      row.push_back(Entry{static_cast<uint8_t>(cls), delta, clock_, 0.0});
    } else {
      // Lazy averaging: the weight held since its last change is added to the total now.
      it->total += static_cast<double>(clock_ - it->stamp) * it->weight;
      it->weight += delta;
      it->stamp = clock_;
    }
  }
}

void PerceptronTrainer::update(const std::vector<uint64_t>& features, int gold, int predicted) {
  if (gold == predicted) return;
  for (uint64_t f : features) {
    const uint32_t r = row(f);  // may add a row: index after
    update_row(rows_[r], gold, predicted);
  }
}

void PerceptronTrainer::update_rows(const std::vector<uint32_t>& rows, int gold, int predicted) {
  if (gold == predicted) return;
  for (uint32_t r : rows) update_row(rows_[r], gold, predicted);
}

double PerceptronTrainer::average(const Entry& e) const {
  double total = e.total + static_cast<double>(clock_ - e.stamp) * e.weight;
  return total / static_cast<double>(clock_);
}

FrozenWeights PerceptronTrainer::freeze(float min_abs_weight) const {
  // Averages first, then quantises all of them against the largest, as the file stores them.
  std::vector<uint64_t> keys;
  std::vector<uint32_t> begins;
  std::vector<std::pair<uint16_t, float>> averaged;
  keys.reserve(rows_.size());
  begins.reserve(rows_.size() + 1);
  for (size_t r = 0; r < rows_.size(); ++r) {
    size_t before = averaged.size();
    for (const Entry& e : rows_[r]) {
      float avg = static_cast<float>(average(e));
      if (std::fabs(avg) >= min_abs_weight && avg != 0.0f) averaged.emplace_back(e.cls, avg);
    }
    if (averaged.size() == before) continue;
    keys.push_back(FrozenWeights::fold(keys_[r]));
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(averaged.size()));
  return FrozenWeights::quantise(num_classes_, false, keys, begins, averaged);
}

void PerceptronTrainer::add_averaged(WeightSum& sum, float factor) const {
  for (size_t r = 0; r < rows_.size(); ++r) {
    std::vector<std::pair<uint8_t, float>>* out = nullptr;
    for (const Entry& e : rows_[r]) {
      float avg = factor * static_cast<float>(average(e));
      if (avg == 0.0f) continue;
      if (!out) out = &sum[keys_[r]];
      auto it =
          std::find_if(out->begin(), out->end(), [&](const auto& p) { return p.first == e.cls; });
      if (it == out->end())
        out->emplace_back(e.cls, avg);
      else
        it->second += avg;
    }
  }
}

}  // namespace kg::extract
