#include "extract/learn/frozen_weights.h"

#include <algorithm>
#include <cmath>

namespace kg::extract {

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

void FrozenWeights::score(const std::vector<uint64_t>& features, float* scores) const {
  if (slots_.empty()) return;
  if (wide_)
    score_table<true>(features, scores);
  else
    score_table<false>(features, scores);
}

template <bool Wide>
void FrozenWeights::score_table(const std::vector<uint64_t>& features, float* scores) const {
  // Integer sums, scaled once at the end: no multiply or float conversion per entry.
  int32_t sums[256 + 8] = {};
  // Three passes so the cache misses of all features overlap instead of queueing.
  constexpr size_t kChunk = 128;
  uint32_t keys[kChunk], high[kChunk], where[kChunk];
  for (size_t start = 0; start < features.size(); start += kChunk) {
    const size_t n = std::min(kChunk, features.size() - start);
    for (size_t i = 0; i < n; ++i) {
      keys[i] = fold(features[start + i]);
      if constexpr (Wide) high[i] = static_cast<uint32_t>(features[start + i] >> 32);
      where[i] = home(keys[i]) & mask_;
      __builtin_prefetch(&slots_[where[i]]);
    }
    for (size_t i = 0; i < n; ++i) {
      uint32_t slot = where[i];
      while (slots_[slot].key != 0 &&
             (slots_[slot].key != keys[i] || (Wide && high_[slot] != high[i])))
        slot = (slot + 1) & mask_;
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
    if constexpr (Wide) {
      add_as_floats(where, n, scores);
      continue;
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
  if constexpr (!Wide)
    for (int c = 0; c < num_classes_; ++c) scores[c] += scale_ * static_cast<float>(sums[c]);
}

void FrozenWeights::add_as_floats(const uint32_t* where, size_t n, float* scores) const {
  for (size_t i = 0; i < n; ++i) {
    const Slot& slot = slots_[where[i]];
    if (slot.key == 0) continue;
    for_each_weight(slot, [&](uint16_t cls, int16_t weight) {
      scores[cls] += static_cast<float>(weight) * scale_;
    });
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
  high_.assign(wide_ ? capacity : 0, 0);
  entries_.clear();
  used_ = 0;
  last_key_ = 0;
}

void FrozenWeights::add_row(uint64_t key, const Entry* entries, size_t count) {
  if (count == 0) return;
  if (key == last_key_ && !entries_.empty()) {
    entries_.back().cls &= static_cast<uint16_t>(~kLast);  // the row goes on
  } else {
    const uint32_t folded = static_cast<uint32_t>(key);
    uint32_t slot = home(folded) & mask_;
    while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{folded, static_cast<uint32_t>(entries_.size())};
    if (wide_) high_[slot] = static_cast<uint32_t>(key >> 32);
    ++used_;
    last_key_ = key;
  }
  for (size_t i = 0; i < count; ++i) entries_.push_back(entries[i]);  // rows are short: no memmove
  entries_.back().cls |= kLast;
}

void FrozenWeights::build(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& begins,
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

// On disk: the class count (| kWideFlag for a wide table), the scale, then per feature its folded
// key (and in a wide table its high 32 bits), entry count - 1, then (class, int16 weight) pairs;
// weights are quantised against the largest magnitude. Rows are written in table order, so
// loading inserts them almost sequentially.
void FrozenWeights::save(ModelWriter& out) const {
  out.u32(static_cast<uint32_t>(num_classes_) | (wide_ ? kWideFlag : 0));
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
  for (size_t s = 0; s < slots_.size(); ++s) {
    const Slot& slot = slots_[s];
    if (slot.key == 0) continue;
    row_of(slot);
    for (size_t start = 0; start < row.size(); start += kPiece) {
      size_t stop = std::min(row.size(), start + kPiece);
      out.u32(slot.key);
      if (wide_) out.u32(high_[s]);
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
  const uint32_t classes = in.u32();
  fw.wide_ = (classes & kWideFlag) != 0;
  fw.num_classes_ = static_cast<int>(classes & ~kWideFlag);
  if (fw.num_classes_ < 0 || fw.num_classes_ > 256) throw in.error("bad class count");
  fw.scale_ = in.f32();
  if (!(fw.scale_ > 0) || !std::isfinite(fw.scale_)) throw in.error("bad weight scale");
  uint64_t n = in.u64();
  if (n > (1ull << 26)) throw in.error("implausible feature count");
  if (fw.num_classes_ == 0 && n > 0) throw in.error("bad class count");  // only empty tables
  fw.reset(n);
  fw.entries_.reserve(n * 4);
  unsigned char piece[256 * 3];
  Entry row[256];
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key = in.u32();
    if (key == 0) throw in.error("bad feature key");
    if (fw.wide_) key |= uint64_t{in.u32()} << 32;
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
  std::vector<uint64_t> keys;
  std::vector<uint32_t> begins;
  std::vector<Entry> entries;
  for (size_t s = 0; s < slots_.size(); ++s) {
    const Slot& slot = slots_[s];
    if (slot.key == 0) continue;
    size_t before = entries.size();
    for_each_weight(slot, [&](uint16_t cls, int16_t weight) {
      if (std::fabs(scale_ * weight) >= min_abs_weight) entries.push_back(Entry{cls, weight});
    });
    if (entries.size() == before) continue;
    keys.push_back(slot.key | (wide_ ? uint64_t{high_[s]} << 32 : 0));
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(entries.size()));
  FrozenWeights fw;
  fw.num_classes_ = num_classes_;
  fw.scale_ = scale_;
  fw.wide_ = wide_;
  fw.build(keys, begins, entries);
  return fw;
}

FrozenWeights FrozenWeights::from_sum(const WeightSum& sum, int num_classes, float min_abs_weight,
                                      bool wide) {
  FrozenWeights keying;
  keying.wide_ = wide;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> begins;
  std::vector<std::pair<uint16_t, float>> weights;
  keys.reserve(sum.size());
  begins.reserve(sum.size() + 1);
  for (const auto& [key, row] : sum) {
    size_t before = weights.size();
    for (const auto& [cls, w] : row)
      if (std::fabs(w) >= min_abs_weight && w != 0.0f) weights.emplace_back(cls, w);
    if (weights.size() == before) continue;
    keys.push_back(keying.table_key(key));
    begins.push_back(static_cast<uint32_t>(before));
  }
  begins.push_back(static_cast<uint32_t>(weights.size()));
  return quantise(num_classes, wide, keys, begins, weights);
}

FrozenWeights FrozenWeights::from_quantised(
    int num_classes, float scale, const std::vector<uint64_t>& keys,
    const std::vector<uint32_t>& begins, const std::vector<std::pair<uint16_t, int16_t>>& weights) {
  FrozenWeights fw;
  fw.num_classes_ = num_classes;
  fw.scale_ = scale;
  fw.wide_ = true;
  std::vector<uint64_t> table_keys(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) table_keys[i] = fw.table_key(keys[i]);
  std::vector<Entry> entries;
  entries.reserve(weights.size());
  for (const auto& [cls, w] : weights) entries.push_back({cls, w});
  fw.build(table_keys, begins, entries);
  return fw;
}

FrozenWeights FrozenWeights::quantise(int num_classes, bool wide, const std::vector<uint64_t>& keys,
                                      const std::vector<uint32_t>& begins,
                                      const std::vector<std::pair<uint16_t, float>>& weights) {
  float max_abs = 0;
  for (const auto& [cls, w] : weights) max_abs = std::max(max_abs, std::fabs(w));
  FrozenWeights fw;
  fw.num_classes_ = num_classes;
  fw.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  fw.wide_ = wide;
  std::vector<Entry> entries;
  entries.reserve(weights.size());
  for (const auto& [cls, w] : weights)
    entries.push_back({cls, static_cast<int16_t>(std::lround(w / fw.scale_))});
  fw.build(keys, begins, entries);
  return fw;
}

}  // namespace kg::extract
