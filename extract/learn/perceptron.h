// Averaged multi-class perceptron over hashed sparse features, shared by the tagger and parser.
// Training keeps a sparse row of (class, weight) per feature; the frozen model used at run time
// keeps only the averaged, pruned weights in a flat open-addressing table, stored compactly.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/learn/model_io.h"

namespace kg::extract {

// 64-bit mixing of a feature's parts; the template id goes first so templates never collide.
constexpr uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}
// Combines a running hash with one more value.
inline uint64_t hash_combine(uint64_t seed, uint64_t v) {
  return mix64(seed ^ (v + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2)));
}
// mix64(tmpl + 1) of the first 256 template ids, so feat() looks it up on the hot paths.
inline constexpr std::array<uint64_t, 256> kTemplateHashes = [] {
  std::array<uint64_t, 256> h{};
  for (uint32_t k = 0; k < h.size(); ++k) h[k] = mix64(k + 1);
  return h;
}();
// Hash of a feature built from a template id and up to three values.
inline uint64_t feat(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  const uint64_t t = tmpl < kTemplateHashes.size() ? kTemplateHashes[tmpl] : mix64(tmpl + 1);
  return hash_combine(hash_combine(hash_combine(t, a), b), c);
}
// FNV-1a hash of a string (word forms, affixes).
inline uint64_t hash_string(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return mix64(h);
}

// Averaged weights by feature key: (class, weight) pairs, summed over an ensemble.
using WeightSum = std::unordered_map<uint64_t, std::vector<std::pair<uint8_t, float>>>;

// The weights of a trained model: read-only, safe to share between threads. Weights are kept
// quantised to int16 (as on disk) in 4-byte entries and 8-byte slots: half the memory of floats
// with begin/end offsets, which makes both loading (fewer page faults) and scoring faster. Rows
// that hold weights for at least half of the classes are stored dense (one int16 per class), which
// takes no more memory and is added without a branch per entry (the compiler vectorizes it).
class FrozenWeights {
 public:
  // Adds the weights of `features` into scores[0..num_classes).
  void score(const std::vector<uint64_t>& features, float* scores) const;
  int num_classes() const { return num_classes_; }
  size_t num_features() const { return used_; }
  void save(ModelWriter& out) const;
  static FrozenWeights load(ModelReader& in);
  // A copy without the entries whose magnitude is below `min_abs_weight` (smaller files).
  FrozenWeights pruned(float min_abs_weight) const;
  // Quantised table of summed averaged weights (see PerceptronTrainer::add_averaged).
  static FrozenWeights from_sum(const WeightSum& sum, int num_classes, float min_abs_weight);

 private:
  friend class PerceptronTrainer;
  struct Slot {
    uint32_t key;    // folded feature key, 0 = empty
    uint32_t begin;  // its first entry (the row runs to the entry marked last), kDense | row,
                     // or kInline with the row's only weight
  };
  static constexpr uint32_t kDense = 0x80000000u;  // flag in Slot::begin: index of a dense row
  // Flag in Slot::begin: the row's only weight is in the slot, class in bits 16-23 and the
  // int16 weight in bits 0-15.
  static constexpr uint32_t kInline = 0x40000000u;
  static uint16_t inline_class(uint32_t begin) { return (begin >> 16) & 0xff; }
  static int16_t inline_weight(uint32_t begin) {
    return static_cast<int16_t>(static_cast<uint16_t>(begin & 0xffff));
  }
  static constexpr uint16_t kLast = 0x8000;  // flag in Entry::cls on a row's last entry
  struct Entry {
    uint16_t cls;    // class, | kLast on the row's last entry
    int16_t weight;  // times scale_
  };
  static uint32_t fold(uint64_t key) {
    uint32_t k = static_cast<uint32_t>(key ^ (key >> 32));
    return k == 0 ? 1 : k;  // 0 marks an empty slot
  }
  static uint32_t home(uint32_t key) { return static_cast<uint32_t>(mix64(key)); }
  // Sizes an empty table for `rows` rows (at most half full, so probes stay short).
  void reset(size_t rows);
  // Appends a row (or more entries of the row with the same key just added); entries carry no
  // kLast flag. Rows with a new key go into the table; a key seen before, not last, is merged.
  void add_row(uint32_t key, const Entry* entries, size_t count);
  // Builds the table from rows keys[i] -> entries[begins[i] .. begins[i + 1]), sorting by key so
  // that rows sharing a folded key (hash collisions) become one row.
  void build(const std::vector<uint32_t>& keys, const std::vector<uint32_t>& begins,
             const std::vector<Entry>& entries);
  // Moves the rows that are at least half full from entries_ to dense_ (called once built).
  void densify();
  // Calls visit(class, weight) for each non-zero weight of the row in `slot`.
  template <typename Visit>
  void for_each_weight(const Slot& slot, Visit&& visit) const;
  // Quantises float weights against the largest magnitude and builds the table from them.
  static FrozenWeights quantise(int num_classes, const std::vector<uint32_t>& keys,
                                const std::vector<uint32_t>& begins,
                                const std::vector<std::pair<uint16_t, float>>& weights);
  int num_classes_ = 0;
  uint32_t stride_ = 0;  // int16 per dense row: num_classes_ rounded up to a multiple of 8
  float scale_ = 1.0f;
  size_t used_ = 0;
  uint32_t mask_ = 0;
  uint32_t last_key_ = 0;    // key of the row add_row appended last
  std::vector<Slot> slots_;  // open addressing, linear probing
  std::vector<Entry> entries_;
  std::vector<int16_t> dense_;  // dense rows, stride_ weights each
};

// Learns averaged perceptron weights; classes must number at most 256.
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);
  // Scores with the current (not averaged) weights.
  void score(const std::vector<uint64_t>& features, float* scores) const;
  // Rewards `gold` and penalises `predicted` for these features.
  void update(const std::vector<uint64_t>& features, int gold, int predicted);
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
  int num_classes_;
  int64_t clock_ = 1;
  std::unordered_map<uint64_t, std::vector<Entry>> rows_;
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

}  // namespace kg::extract
