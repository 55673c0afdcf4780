#include "extract/entities/ner_perceptron.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <istream>
#include <ostream>
#include <stdexcept>

#include "extract/entities/ner_binary_io.h"

namespace kg::extract::ner {

std::string label_name(int label) {
  if (label <= 0) return "O";
  static const char* kPrefix = "BILU";
  return std::string(1, kPrefix[label_position(label)]) + "-" + kEntityTypes[label_type(label)];
}

bool label_allowed(int prev, int label, bool last) {
  int prev_pos = label_position(prev);
  bool inside = prev_pos == kB || prev_pos == kI;  // an open chunk must continue
  int pos = label_position(label);
  if (inside) {
    if (label_type(label) != label_type(prev)) return false;
    return last ? pos == kL : (pos == kI || pos == kL);
  }
  if (pos == kI || pos == kL) return false;
  return !(last && pos == kB);
}

uint64_t mix(uint64_t a, uint64_t b) {
  uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 29;
  return x;
}

uint64_t hash_bytes(uint64_t seed, std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ULL ^ (seed * 0x100000001b3ULL);
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix(h, bytes.size());
}

namespace {
inline uint64_t nonzero_key(uint64_t feature) {
  return feature == 0 ? 1 : feature;
}
}  // namespace

size_t WeightTable::find_slot(uint64_t feature) const {
  size_t mask = slots_.size() - 1;
  size_t slot = (feature ^ (feature >> 32)) & mask;
  while (slots_[slot].key != 0 && slots_[slot].key != feature) slot = (slot + 1) & mask;
  return slot;
}

void WeightTable::rehash(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  free_slots_ = capacity;
  for (const Slot& s : old) {
    if (s.key == 0) continue;
    slots_[find_slot(s.key)] = s;
    --free_slots_;
  }
}

void WeightTable::set(uint64_t feature, const float* row) {
  feature = nonzero_key(feature);
  if (slots_.empty() || (free_slots_ - 1) * 4 < slots_.size())  // keep the load under 3/4
    rehash(std::max<size_t>(1024, slots_.size() * 2));
  size_t slot = find_slot(feature);
  if (slots_[slot].key == 0) {
    slots_[slot] = Slot{feature, static_cast<uint32_t>(weights_.size() / kNumLabels)};
    weights_.insert(weights_.end(), row, row + kNumLabels);
    --free_slots_;
  } else {
    std::copy(row, row + kNumLabels, weights_.begin() + slots_[slot].row * kNumLabels);
  }
}

void WeightTable::accumulate(const WeightTable& other) {
  float row[kNumLabels];
  for (const Slot& s : other.slots_) {
    if (s.key == 0) continue;
    std::fill(row, row + kNumLabels, 0.0f);
    if (!slots_.empty()) {
      size_t mine = find_slot(s.key);
      if (slots_[mine].key != 0)
        std::copy_n(&weights_[static_cast<size_t>(slots_[mine].row) * kNumLabels], kNumLabels, row);
    }
    const float* theirs = &other.weights_[static_cast<size_t>(s.row) * kNumLabels];
    for (int l = 0; l < kNumLabels; ++l) row[l] += theirs[l];
    set(s.key, row);
  }
}

void WeightTable::score(const uint64_t* features, size_t count, float* scores) const {
  if (slots_.empty()) return;
  for (size_t f = 0; f < count; ++f) {
    size_t slot = find_slot(nonzero_key(features[f]));
    if (slots_[slot].key == 0) continue;
    const float* row = &weights_[static_cast<size_t>(slots_[slot].row) * kNumLabels];
    for (int l = 0; l < kNumLabels; ++l) scores[l] += row[l];
  }
}

void WeightTable::write(std::ostream& out) const {
  float max_abs = 0;
  for (float w : weights_) max_abs = std::max(max_abs, std::fabs(w));
  float scale = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  write_pod(out, scale);
  write_pod(out, static_cast<uint64_t>(size()));
  // Sorted keys make the file deterministic regardless of insertion history.
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (const Slot& s : slots_)
    if (s.key != 0) entries.emplace_back(s.key, s.row);
  std::sort(entries.begin(), entries.end());
  for (const auto& [key, row] : entries) {
    write_pod(out, key);
    const float* w = &weights_[static_cast<size_t>(row) * kNumLabels];
    uint8_t nonzero = 0;
    int16_t q[kNumLabels];
    for (int l = 0; l < kNumLabels; ++l) {
      q[l] = static_cast<int16_t>(std::lround(w[l] / scale));
      if (q[l] != 0) ++nonzero;
    }
    write_pod(out, nonzero);
    for (int l = 0; l < kNumLabels; ++l) {
      if (q[l] == 0) continue;
      write_pod(out, static_cast<uint8_t>(l));
      write_pod(out, q[l]);
    }
  }
}

WeightTable WeightTable::read(std::istream& in) {
  WeightTable table;
  float scale = read_pod<float>(in);
  uint64_t count = read_pod<uint64_t>(in);
  if (!(scale > 0) || !std::isfinite(scale) || count > (1ULL << 26))
    throw std::runtime_error("bad weight table header");
  // Grow as rows arrive rather than trusting the header with a huge allocation.
  table.rehash(std::max<size_t>(1024, std::bit_ceil(std::min<uint64_t>(count, 1 << 20) * 2)));
  float row[kNumLabels];
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t key = read_pod<uint64_t>(in);
    uint8_t nonzero = read_pod<uint8_t>(in);
    if (key == 0 || nonzero > kNumLabels) throw std::runtime_error("bad weight row");
    std::fill(row, row + kNumLabels, 0.0f);
    for (uint8_t k = 0; k < nonzero; ++k) {
      uint8_t label = read_pod<uint8_t>(in);
      int16_t q = read_pod<int16_t>(in);
      if (label >= kNumLabels) throw std::runtime_error("bad label in weight row");
      row[label] = q * scale;
    }
    table.set(key, row);
  }
  return table;
}

int64_t PerceptronTrainer::row(uint64_t feature, bool grow) {
  auto it = index_.find(feature);
  if (it != index_.end()) return it->second;
  if (!grow) return -1;
  uint32_t r = static_cast<uint32_t>(keys_.size());
  index_.emplace(feature, r);
  keys_.push_back(feature);
  weights_.resize(weights_.size() + kNumLabels, 0.0f);
  sums_.resize(sums_.size() + kNumLabels, 0.0);
  return r;
}

void PerceptronTrainer::score(const std::vector<int64_t>& rows, float* scores) const {
  for (int64_t r : rows) {
    if (r < 0) continue;
    const float* w = &weights_[r * kNumLabels];
    for (int l = 0; l < kNumLabels; ++l) scores[l] += w[l];
  }
}

void PerceptronTrainer::update(const std::vector<int64_t>& rows, int right, int wrong) {
  for (int64_t r : rows) {
    if (r < 0) continue;
    weights_[r * kNumLabels + right] += 1.0f;
    weights_[r * kNumLabels + wrong] -= 1.0f;
    sums_[r * kNumLabels + right] += clock_;
    sums_[r * kNumLabels + wrong] -= clock_;
  }
}

WeightTable PerceptronTrainer::averaged(float min_abs) const {
  WeightTable table;
  float row[kNumLabels];
  for (size_t r = 0; r < keys_.size(); ++r) {
    bool any = false;
    for (int l = 0; l < kNumLabels; ++l) {
      double avg = weights_[r * kNumLabels + l] - sums_[r * kNumLabels + l] / clock_;
      row[l] = std::fabs(avg) >= min_abs ? static_cast<float>(avg) : 0.0f;
      any = any || row[l] != 0.0f;
    }
    if (any) table.set(keys_[r], row);
  }
  return table;
}

}  // namespace kg::extract::ner
