#include "extract/perceptron.h"

#include <algorithm>
#include <cmath>

namespace kg::extract {

void FrozenWeights::score(const std::vector<uint64_t>& features, float* scores) const {
  if (keys_.empty()) return;
  for (uint64_t f : features) {
    uint32_t key = fold(f);
    uint32_t slot = static_cast<uint32_t>(mix64(key)) & mask_;
    while (true) {
      uint32_t k = keys_[slot];
      if (k == key) {
        const uint32_t begin = offsets_[slot];
        const uint32_t end = begin + counts_[slot];
        for (uint32_t e = begin; e < end; ++e) scores[classes_[e]] += weights_[e];
        break;
      }
      if (k == 0) break;
      slot = (slot + 1) & mask_;
    }
  }
}

void FrozenWeights::build(
    std::vector<std::pair<uint32_t, std::vector<std::pair<uint8_t, float>>>>& rows) {
  // Merge rows whose folded keys collide (like feature hashing) so lookups stay unambiguous.
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint8_t, float>>>> merged;
  for (auto& row : rows) {
    if (!merged.empty() && merged.back().first == row.first) {
      auto& dst = merged.back().second;
      for (auto [cls, w] : row.second) {
        uint8_t wanted = cls;  // clang 14 cannot capture a structured binding
        auto it = std::find_if(dst.begin(), dst.end(), [&](auto& e) { return e.first == wanted; });
        if (it == dst.end()) dst.emplace_back(cls, w);
        else it->second += w;
      }
    } else {
      merged.push_back(std::move(row));
    }
  }
  size_t capacity = 16;
  while (capacity < merged.size() * 2) capacity *= 2;
  mask_ = static_cast<uint32_t>(capacity - 1);
  keys_.assign(capacity, 0);
  offsets_.assign(capacity, 0);
  counts_.assign(capacity, 0);
  classes_.clear();
  weights_.clear();
  used_ = merged.size();
  for (auto& [key, entries] : merged) {
    uint32_t slot = static_cast<uint32_t>(mix64(key)) & mask_;
    while (keys_[slot] != 0) slot = (slot + 1) & mask_;
    keys_[slot] = key;
    offsets_[slot] = static_cast<uint32_t>(classes_.size());
    counts_[slot] = static_cast<uint16_t>(entries.size());
    for (auto [cls, w] : entries) {
      classes_.push_back(cls);
      weights_.push_back(w);
    }
  }
}

// On disk: per feature its folded key, entry count, then (class, int16 weight) pairs; weights are
// quantised against the largest magnitude, which costs well under 0.1% accuracy in our runs.
void FrozenWeights::save(ModelWriter& out) const {
  out.u32(static_cast<uint32_t>(num_classes_));
  float max_abs = 0;
  for (float w : weights_) max_abs = std::max(max_abs, std::fabs(w));
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  out.f32(scale);
  out.u64(used_);
  for (size_t slot = 0; slot < keys_.size(); ++slot) {
    if (keys_[slot] == 0) continue;
    out.u32(keys_[slot]);
    out.u8(static_cast<uint8_t>(counts_[slot] - 1));
    for (uint32_t e = offsets_[slot]; e < offsets_[slot] + counts_[slot]; ++e) {
      out.u8(classes_[e]);
      out.u16(static_cast<uint16_t>(static_cast<int16_t>(std::lround(weights_[e] / scale))));
    }
  }
}

FrozenWeights FrozenWeights::load(ModelReader& in) {
  FrozenWeights fw;
  fw.num_classes_ = static_cast<int>(in.u32());
  if (fw.num_classes_ <= 0 || fw.num_classes_ > 256) throw in.error("bad class count");
  float scale = in.f32();
  if (!(scale > 0) || !std::isfinite(scale)) throw in.error("bad weight scale");
  uint64_t n = in.u64();
  if (n > (1ull << 28)) throw in.error("implausible feature count");
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint8_t, float>>>> rows(n);
  for (auto& [key, entries] : rows) {
    key = in.u32();
    if (key == 0) throw in.error("bad feature key");
    int count = in.u8() + 1;
    entries.resize(count);
    for (auto& [cls, w] : entries) {
      cls = in.u8();
      if (cls >= fw.num_classes_) throw in.error("class index out of range");
      w = static_cast<float>(static_cast<int16_t>(in.u16())) * scale;
    }
  }
  fw.build(rows);
  return fw;
}

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {
  rows_.reserve(1 << 20);
}

void PerceptronTrainer::score(const std::vector<uint64_t>& features, float* scores) const {
  for (uint64_t f : features) {
    auto it = rows_.find(f);
    if (it == rows_.end()) continue;
    for (const Entry& e : it->second) scores[e.cls] += e.weight;
  }
}

void PerceptronTrainer::update(const std::vector<uint64_t>& features, int gold, int predicted) {
  if (gold == predicted) return;
  for (uint64_t f : features) {
    auto& row = rows_[f];
    for (int cls : {gold, predicted}) {
      float delta = cls == gold ? 1.0f : -1.0f;
      auto it = std::find_if(row.begin(), row.end(), [&](const Entry& e) { return e.cls == cls; });
      if (it == row.end()) {
        row.push_back(Entry{static_cast<uint8_t>(cls), delta, clock_, 0.0});
      } else {
        it->total += static_cast<double>(clock_ - it->stamp) * it->weight;
        it->weight += delta;
        it->stamp = clock_;
      }
    }
  }
}

FrozenWeights PerceptronTrainer::freeze(float min_abs_weight) const {
  std::vector<std::pair<uint32_t, std::vector<std::pair<uint8_t, float>>>> rows;
  rows.reserve(rows_.size());
  for (const auto& [key, entries] : rows_) {
    std::vector<std::pair<uint8_t, float>> kept;
    for (const Entry& e : entries) {
      double total = e.total + static_cast<double>(clock_ - e.stamp) * e.weight;
      float avg = static_cast<float>(total / static_cast<double>(clock_));
      if (std::fabs(avg) >= min_abs_weight) kept.emplace_back(e.cls, avg);
    }
    if (!kept.empty()) rows.emplace_back(FrozenWeights::fold(key), std::move(kept));
  }
  FrozenWeights fw;
  fw.num_classes_ = num_classes_;
  fw.build(rows);
  return fw;
}

}  // namespace kg::extract
