#include "extract/perceptron.h"

#include <algorithm>
#include <cmath>

namespace kg::extract {

void FrozenWeights::score(const std::vector<uint64_t>& features, float* scores) const {
  if (slots_.empty()) return;
  // Three passes so the cache misses of all features overlap instead of queueing.
  constexpr size_t kChunk = 128;
  uint32_t keys[kChunk], where[kChunk];
  for (size_t start = 0; start < features.size(); start += kChunk) {
    const size_t n = std::min(kChunk, features.size() - start);
    for (size_t i = 0; i < n; ++i) {
      keys[i] = fold(features[start + i]);
      where[i] = home(keys[i]) & mask_;
      __builtin_prefetch(&slots_[where[i]]);
    }
    for (size_t i = 0; i < n; ++i) {
      uint32_t slot = where[i];
      while (slots_[slot].key != keys[i] && slots_[slot].key != 0) slot = (slot + 1) & mask_;
      where[i] = slot;
      if (slots_[slot].key != 0) __builtin_prefetch(&entries_[slots_[slot].begin]);
    }
    for (size_t i = 0; i < n; ++i) {
      const Slot& slot = slots_[where[i]];
      if (slot.key == 0) continue;
      for (uint32_t e = slot.begin; e < slot.end; ++e) scores[entries_[e].cls] += entries_[e].weight;
    }
  }
}

void FrozenWeights::build(const std::vector<uint32_t>& keys, const std::vector<uint32_t>& begins,
                          std::vector<Entry> entries, bool grouped) {
  // Rows whose folded keys collide are kept as one row with both rows' entries (feature hashing).
  // Files list rows in table order, pieces of a row adjacent: then no sort is needed, and inserting
  // in that order writes the table almost sequentially, which keeps loading fast.
  std::vector<uint32_t> order(keys.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  if (!grouped)
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  size_t distinct = 0;
  for (size_t i = 0; i < order.size(); ++i) distinct += i == 0 || keys[order[i]] != keys[order[i - 1]];
  size_t capacity = 16;
  while (capacity < distinct * 2) capacity *= 2;
  mask_ = static_cast<uint32_t>(capacity - 1);
  slots_.assign(capacity, Slot{0, 0, 0});
  entries_.clear();
  entries_.reserve(entries.size());
  used_ = distinct;
  for (size_t i = 0; i < order.size();) {
    const uint32_t key = keys[order[i]];
    uint32_t slot = home(key) & mask_;
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    slots_[slot].key = key;
    slots_[slot].begin = static_cast<uint32_t>(entries_.size());
    for (; i < order.size() && keys[order[i]] == key; ++i)
      for (uint32_t e = begins[order[i]]; e < begins[order[i] + 1]; ++e) entries_.push_back(entries[e]);
    slots_[slot].end = static_cast<uint32_t>(entries_.size());
  }
}

// On disk: per feature its folded key, entry count - 1, then (class, int16 weight) pairs; weights are
// quantised against the largest magnitude.
void FrozenWeights::save(ModelWriter& out) const {
  out.u32(static_cast<uint32_t>(num_classes_));
  float max_abs = 0;
  for (const Entry& e : entries_) max_abs = std::max(max_abs, std::fabs(e.weight));
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  out.f32(scale);
  // Rows are written in pieces of at most 256 entries (count - 1 fits a byte); the loader merges
  // pieces that share a key.
  constexpr uint32_t kPiece = 256;
  uint64_t pieces = 0;
  for (const Slot& slot : slots_)
    if (slot.key != 0) pieces += (slot.end - slot.begin + kPiece - 1) / kPiece;
  out.u64(pieces);
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    for (uint32_t start = slot.begin; start < slot.end; start += kPiece) {
      uint32_t stop = std::min(slot.end, start + kPiece);
      out.u32(slot.key);
      out.u8(static_cast<uint8_t>(stop - start - 1));
      for (uint32_t e = start; e < stop; ++e) {
        out.u8(static_cast<uint8_t>(entries_[e].cls));
        out.u16(static_cast<uint16_t>(static_cast<int16_t>(std::lround(entries_[e].weight / scale))));
      }
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
  std::vector<uint32_t> keys(n), begins(n + 1, 0);
  std::vector<Entry> entries;
  entries.reserve(n * 3);
  for (uint64_t i = 0; i < n; ++i) {
    keys[i] = in.u32();
    if (keys[i] == 0) throw in.error("bad feature key");
    uint32_t count = in.u8() + 1u;
    begins[i] = static_cast<uint32_t>(entries.size());
    for (uint32_t k = 0; k < count; ++k) {
      uint32_t cls = in.u8();
      if (cls >= static_cast<uint32_t>(fw.num_classes_)) throw in.error("class index out of range");
      float w = static_cast<float>(static_cast<int16_t>(in.u16())) * scale;
      entries.push_back(Entry{cls, w});
    }
  }
  begins[n] = static_cast<uint32_t>(entries.size());
  fw.build(keys, begins, std::move(entries), true);
  return fw;
}

FrozenWeights FrozenWeights::pruned(float min_abs_weight) const {
  std::vector<uint32_t> keys, begins;
  std::vector<Entry> entries;
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    size_t before = entries.size();
    for (uint32_t e = slot.begin; e < slot.end; ++e)
      if (std::fabs(entries_[e].weight) >= min_abs_weight) entries.push_back(entries_[e]);
    if (entries.size() == before) continue;
    keys.push_back(slot.key);
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(entries.size()));
  FrozenWeights fw;
  fw.num_classes_ = num_classes_;
  fw.build(keys, begins, std::move(entries), false);
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
  std::vector<uint32_t> keys, begins;
  std::vector<FrozenWeights::Entry> entries;
  keys.reserve(rows_.size());
  begins.reserve(rows_.size() + 1);
  for (const auto& [key, row] : rows_) {
    size_t before = entries.size();
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(clock_ - e.stamp) * e.weight;
      float avg = static_cast<float>(total / static_cast<double>(clock_));
      if (std::fabs(avg) >= min_abs_weight && avg != 0.0f) entries.push_back({e.cls, avg});
    }
    if (entries.size() == before) continue;
    keys.push_back(FrozenWeights::fold(key));
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(entries.size()));
  FrozenWeights fw;
  fw.num_classes_ = num_classes_;
  fw.build(keys, begins, std::move(entries), false);
  return fw;
}

}  // namespace kg::extract
