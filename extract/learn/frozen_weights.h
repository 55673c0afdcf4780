// The weights of a trained averaged perceptron as every model uses them at run time: a flat,
// read-only table of quantised weights by feature hash (training: perceptron_train.h).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/learn/hash.h"
#include "extract/learn/model_io.h"

namespace kg::extract {

// Averaged weights by feature key: (class, weight) pairs, summed over an ensemble.
using WeightSum = std::unordered_map<uint64_t, std::vector<std::pair<uint8_t, float>>>;

// The weights of a trained model: read-only, safe to share between threads. Weights are kept
// quantised to int16 (as on disk) in 4-byte entries and 8-byte slots: half the memory of floats
// with begin/end offsets, which makes both loading (fewer page faults) and scoring faster. Rows
// that hold weights for at least half of the classes are stored dense (one int16 per class), which
// takes no more memory and is added without a branch per entry (the compiler vectorizes it).
//
// Feature hashes are folded to 32 bits in the table, as feature hashing does: two features may
// share a row, and a feature never seen may find another's. That costs nothing measurable for the
// tagger and parser, which were trained that way. A wide table also keeps the hashes' other 32
// bits beside the slots and matches whole 64-bit hashes (4 bytes more per row, no collisions),
// and adds each weight to the scores as a float in feature order instead of summing integers:
// that is how the recognizer's first model format scored, and its files score exactly as before.
class FrozenWeights {
 public:
  // Adds the weights of `features` into scores[0..num_classes).
  void score(const std::vector<uint64_t>& features, float* scores) const;
  int num_classes() const { return num_classes_; }
  size_t num_features() const { return used_; }
  bool wide() const { return wide_; }
  void save(ModelWriter& out) const;
  static FrozenWeights load(ModelReader& in);
  // A copy without the entries whose magnitude is below `min_abs_weight` (smaller files).
  FrozenWeights pruned(float min_abs_weight) const;
  // Quantised table of summed averaged weights (see PerceptronTrainer::add_averaged).
  static FrozenWeights from_sum(const WeightSum& sum, int num_classes, float min_abs_weight,
                                bool wide = false);
  // A wide table of weights already quantised: feature keys[i] holds the (class, weight / scale)
  // pairs weights[begins[i] .. begins[i + 1]). For model files of older layouts.
  static FrozenWeights from_quantised(int num_classes, float scale,
                                      const std::vector<uint64_t>& keys,
                                      const std::vector<uint32_t>& begins,
                                      const std::vector<std::pair<uint16_t, int16_t>>& weights);

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
  // A feature's key in this table: its folded hash, and in a wide table its high 32 bits above
  // (which, with the fold, give back the whole hash).
  uint64_t table_key(uint64_t feature) const {
    return fold(feature) | (wide_ ? feature >> 32 << 32 : 0);
  }
  static constexpr uint32_t kWideFlag = 0x80000000u;  // in the class count on disk
  // Sizes an empty table for `rows` rows (at most half full, so probes stay short).
  void reset(size_t rows);
  // Appends a row (or more entries of the row with the same key just added); entries carry no
  // kLast flag. Rows with a new key go into the table; a key seen before, not last, is merged.
  void add_row(uint64_t key, const Entry* entries, size_t count);
  // Builds the table from rows keys[i] -> entries[begins[i] .. begins[i + 1]) (table keys),
  // sorting by key so that rows sharing a key (hash collisions) become one row.
  void build(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& begins,
             const std::vector<Entry>& entries);
  template <bool Wide>
  void score_table(const std::vector<uint64_t>& features, float* scores) const;
  // Wide tables: adds the rows in slots where[0..n) weight by weight.
  void add_as_floats(const uint32_t* where, size_t n, float* scores) const;
  // Moves the rows that are at least half full from entries_ to dense_ (called once built).
  void densify();
  // Calls visit(class, weight) for each non-zero weight of the row in `slot`.
  template <typename Visit>
  void for_each_weight(const Slot& slot, Visit&& visit) const;
  // Quantises float weights against the largest magnitude and builds the table from them.
  static FrozenWeights quantise(int num_classes, bool wide, const std::vector<uint64_t>& keys,
                                const std::vector<uint32_t>& begins,
                                const std::vector<std::pair<uint16_t, float>>& weights);
  int num_classes_ = 0;
  uint32_t stride_ = 0;  // int16 per dense row: num_classes_ rounded up to a multiple of 8
  float scale_ = 1.0f;
  size_t used_ = 0;
  uint32_t mask_ = 0;
  bool wide_ = false;
  uint64_t last_key_ = 0;       // key of the row add_row appended last
  std::vector<Slot> slots_;     // open addressing, linear probing
  std::vector<uint32_t> high_;  // wide tables: each slot's high 32 key bits
  std::vector<Entry> entries_;
  std::vector<int16_t> dense_;  // dense rows, stride_ weights each
};

}  // namespace kg::extract
