#include "extract/learn/perceptron.h"

#include <algorithm>
#include <cmath>

namespace kg::extract {

void FrozenWeights::score(const std::vector<uint64_t>& features, float* scores) const {
  if (slots_.empty()) return;
  // Integer sums, scaled once at the end: no multiply or float conversion per entry.
  int32_t sums[256 + 8] = {};
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
      if (slots_[slot].key == 0) continue;
      const uint32_t begin = slots_[slot].begin;
      if (begin & kDense) {
        // Every cache line of the row: the hardware fetches at most the next one by itself.
        const char* row =
            reinterpret_cast<const char*>(&dense_[(begin & ~kDense) * size_t{stride_}]);
        for (size_t offset = 0; offset < stride_ * sizeof(int16_t); offset += 64)
          __builtin_prefetch(row + offset);
      } else if (!(begin & kInline)) {
        __builtin_prefetch(&entries_[begin]);
        if (begin + 16 < entries_.size()) __builtin_prefetch(&entries_[begin + 16]);
      }
    }
    for (size_t i = 0; i < n; ++i) {
      const Slot& slot = slots_[where[i]];
      if (slot.key == 0) continue;
      if (slot.begin & kDense) {
        const int16_t* row = &dense_[(slot.begin & ~kDense) * size_t{stride_}];
        for (uint32_t c = 0; c < stride_; ++c) sums[c] += row[c];
        continue;
      }
      if (slot.begin & kInline) {
        sums[inline_class(slot.begin)] += inline_weight(slot.begin);
        continue;
      }
      for (const Entry* e = &entries_[slot.begin];; ++e) {
        sums[e->cls & ~kLast] += e->weight;
        if (e->cls & kLast) break;
      }
    }
  }
  for (int c = 0; c < num_classes_; ++c) scores[c] += scale_ * static_cast<float>(sums[c]);
}

template <typename Visit>
void FrozenWeights::for_each_weight(const Slot& slot, Visit&& visit) const {
  if (slot.begin & kDense) {
    const int16_t* row = &dense_[(slot.begin & ~kDense) * size_t{stride_}];
    for (int c = 0; c < num_classes_; ++c)
      if (row[c] != 0) visit(static_cast<uint16_t>(c), row[c]);
    return;
  }
  if (slot.begin & kInline) return visit(inline_class(slot.begin), inline_weight(slot.begin));
  for (const Entry* e = &entries_[slot.begin];; ++e) {
    visit(static_cast<uint16_t>(e->cls & ~kLast), e->weight);
    if (e->cls & kLast) break;
  }
}

void FrozenWeights::densify() {
  stride_ = (static_cast<uint32_t>(num_classes_) + 7) / 8 * 8;
  std::vector<Entry> sparse;
  sparse.reserve(entries_.size());
  dense_.clear();
  uint32_t dense_rows = 0;
  for (Slot& slot : slots_) {
    if (slot.key == 0) continue;
    uint32_t end = slot.begin;
    while (!(entries_[end].cls & kLast)) ++end;
    const uint32_t count = end + 1 - slot.begin;
    if (2 * count >= stride_) {
      dense_.resize(dense_.size() + stride_, 0);
      int16_t* row = &dense_[dense_rows * size_t{stride_}];
      std::vector<int32_t> sums(stride_, 0);  // a class twice in a row: merged hash collisions
      for (uint32_t e = slot.begin; e <= end; ++e)
        sums[entries_[e].cls & ~kLast] += entries_[e].weight;
      for (uint32_t c = 0; c < stride_; ++c)
        row[c] = static_cast<int16_t>(std::clamp(sums[c], -32767, 32767));
      slot.begin = kDense | dense_rows++;
    } else if (count == 1) {
      // One weight: kept in the slot itself, which saves a second cache miss per lookup.
      const Entry& e = entries_[slot.begin];
      slot.begin =
          kInline | static_cast<uint32_t>(e.cls & ~kLast) << 16 | static_cast<uint16_t>(e.weight);
    } else {
      const uint32_t begin = static_cast<uint32_t>(sparse.size());
      sparse.insert(sparse.end(), entries_.begin() + slot.begin, entries_.begin() + end + 1);
      slot.begin = begin;
    }
  }
  sparse.shrink_to_fit();
  entries_ = std::move(sparse);
}

void FrozenWeights::reset(size_t rows) {
  size_t capacity = 16;
  while (capacity < rows * 2) capacity *= 2;
  mask_ = static_cast<uint32_t>(capacity - 1);
  slots_.assign(capacity, Slot{0, 0});
  entries_.clear();
  used_ = 0;
  last_key_ = 0;
}

void FrozenWeights::add_row(uint32_t key, const Entry* entries, size_t count) {
  if (count == 0) return;
  if (key == last_key_ && !entries_.empty()) {
    entries_.back().cls &= static_cast<uint16_t>(~kLast);  // the row goes on
  } else {
    uint32_t slot = home(key) & mask_;
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{key, static_cast<uint32_t>(entries_.size())};
    ++used_;
    last_key_ = key;
  }
  for (size_t i = 0; i < count; ++i) entries_.push_back(entries[i]);  // rows are short: no memmove
  entries_.back().cls |= kLast;
}

void FrozenWeights::build(const std::vector<uint32_t>& keys, const std::vector<uint32_t>& begins,
                          const std::vector<Entry>& entries) {
  // Rows whose folded keys collide are kept as one row with both rows' entries (feature hashing).
  std::vector<uint32_t> order(keys.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  size_t distinct = 0;
  for (size_t i = 0; i < order.size(); ++i)
    distinct += i == 0 || keys[order[i]] != keys[order[i - 1]];
  reset(distinct);
  entries_.reserve(entries.size());
  for (uint32_t row : order)
    add_row(keys[row], entries.data() + begins[row], begins[row + 1] - begins[row]);
  densify();
}

// On disk: per feature its folded key, entry count - 1, then (class, int16 weight) pairs; weights
// are quantised against the largest magnitude. Rows are written in table order, so loading
// inserts them almost sequentially.
void FrozenWeights::save(ModelWriter& out) const {
  out.u32(static_cast<uint32_t>(num_classes_));
  out.f32(scale_);
  // Rows are written in pieces of at most 256 entries (count - 1 fits a byte); the loader merges
  // pieces that share a key.
  constexpr uint32_t kPiece = 256;
  std::vector<std::pair<uint16_t, int16_t>> row;
  auto row_of = [&](const Slot& slot) {
    row.clear();
    for_each_weight(slot, [&](uint16_t cls, int16_t weight) { row.emplace_back(cls, weight); });
  };
  uint64_t pieces = 0;
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    row_of(slot);
    pieces += (row.size() + kPiece - 1) / kPiece;
  }
  out.u64(pieces);
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    row_of(slot);
    for (size_t start = 0; start < row.size(); start += kPiece) {
      size_t stop = std::min(row.size(), start + kPiece);
      out.u32(slot.key);
      out.u8(static_cast<uint8_t>(stop - start - 1));
      for (size_t e = start; e < stop; ++e) {
        out.u8(static_cast<uint8_t>(row[e].first));
        out.u16(static_cast<uint16_t>(row[e].second));
      }
    }
  }
}

FrozenWeights FrozenWeights::load(ModelReader& in) {
  FrozenWeights fw;
  fw.num_classes_ = static_cast<int>(in.u32());
  if (fw.num_classes_ <= 0 || fw.num_classes_ > 256) throw in.error("bad class count");
  fw.scale_ = in.f32();
  if (!(fw.scale_ > 0) || !std::isfinite(fw.scale_)) throw in.error("bad weight scale");
  uint64_t n = in.u64();
  if (n > (1ull << 26)) throw in.error("implausible feature count");
  fw.reset(n);
  fw.entries_.reserve(n * 4);
  unsigned char piece[256 * 3];
  Entry row[256];
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t key = in.u32();
    if (key == 0) throw in.error("bad feature key");
    uint32_t count = in.u8() + 1u;
    in.bytes(piece, count * 3);  // one bounds check per row, not three per entry
    for (uint32_t k = 0; k < count; ++k) {
      const unsigned char* e = piece + 3 * k;
      if (e[0] >= fw.num_classes_) throw in.error("class index out of range");
      row[k] = Entry{e[0], static_cast<int16_t>(static_cast<uint16_t>(e[1] | (e[2] << 8)))};
    }
    fw.add_row(key, row, count);
  }
  fw.densify();
  return fw;
}

FrozenWeights FrozenWeights::pruned(float min_abs_weight) const {
  std::vector<uint32_t> keys, begins;
  std::vector<Entry> entries;
  for (const Slot& slot : slots_) {
    if (slot.key == 0) continue;
    size_t before = entries.size();
    for_each_weight(slot, [&](uint16_t cls, int16_t weight) {
      if (std::fabs(scale_ * weight) >= min_abs_weight) entries.push_back(Entry{cls, weight});
    });
    if (entries.size() == before) continue;
    keys.push_back(slot.key);
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(entries.size()));
  FrozenWeights fw;
  fw.num_classes_ = num_classes_;
  fw.scale_ = scale_;
  fw.build(keys, begins, entries);
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
  // Averages first, then quantises all of them against the largest, as the file stores them.
  std::vector<uint32_t> keys, begins;
  std::vector<std::pair<uint16_t, float>> averaged;
  keys.reserve(rows_.size());
  begins.reserve(rows_.size() + 1);
  for (const auto& [key, row] : rows_) {
    size_t before = averaged.size();
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(clock_ - e.stamp) * e.weight;
      float avg = static_cast<float>(total / static_cast<double>(clock_));
      if (std::fabs(avg) >= min_abs_weight && avg != 0.0f) averaged.emplace_back(e.cls, avg);
    }
    if (averaged.size() == before) continue;
    keys.push_back(FrozenWeights::fold(key));
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(averaged.size()));
  return FrozenWeights::quantise(num_classes_, keys, begins, averaged);
}

void PerceptronTrainer::add_averaged(WeightSum& sum, float factor) const {
  for (const auto& [key, row] : rows_) {
    std::vector<std::pair<uint8_t, float>>* out = nullptr;
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(clock_ - e.stamp) * e.weight;
      float avg = factor * static_cast<float>(total / static_cast<double>(clock_));
      if (avg == 0.0f) continue;
      if (!out) out = &sum[key];
      auto it =
          std::find_if(out->begin(), out->end(), [&](const auto& p) { return p.first == e.cls; });
      if (it == out->end())
        out->emplace_back(e.cls, avg);
      else
        it->second += avg;
    }
  }
}

FrozenWeights FrozenWeights::from_sum(const WeightSum& sum, int num_classes, float min_abs_weight) {
  std::vector<uint32_t> keys, begins;
  std::vector<std::pair<uint16_t, float>> weights;
  keys.reserve(sum.size());
  begins.reserve(sum.size() + 1);
  for (const auto& [key, row] : sum) {
    size_t before = weights.size();
    for (const auto& [cls, w] : row)
      if (std::fabs(w) >= min_abs_weight && w != 0.0f) weights.emplace_back(cls, w);
    if (weights.size() == before) continue;
    keys.push_back(fold(key));
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(weights.size()));
  return quantise(num_classes, keys, begins, weights);
}

FrozenWeights FrozenWeights::quantise(int num_classes, const std::vector<uint32_t>& keys,
                                      const std::vector<uint32_t>& begins,
                                      const std::vector<std::pair<uint16_t, float>>& weights) {
  float max_abs = 0;
  for (const auto& [cls, w] : weights) max_abs = std::max(max_abs, std::fabs(w));
  FrozenWeights fw;
  fw.num_classes_ = num_classes;
  fw.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<Entry> entries;
  entries.reserve(weights.size());
  for (const auto& [cls, w] : weights)
    entries.push_back({cls, static_cast<int16_t>(std::lround(w / fw.scale_))});
  fw.build(keys, begins, entries);
  return fw;
}

}  // namespace kg::extract
