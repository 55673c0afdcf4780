// The averaged perceptron behind the entity recognizer: BILOU labels over four entity types,
// hashed features, greedy left-to-right decoding with BILOU transition constraints.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kg::extract::ner {

// Entity types in label order.
inline constexpr std::array<const char*, 4> kEntityTypes = {"PER", "LOC", "ORG", "MISC"};
// Labels: 0 is O; then B, I, L, U for each entity type.
inline constexpr int kNumLabels = 1 + 4 * 4;
enum Position { kB = 0, kI = 1, kL = 2, kU = 3 };

inline int make_label(int type, Position pos) {
  return 1 + 4 * type + pos;
}
inline int label_type(int label) {
  return label == 0 ? -1 : (label - 1) / 4;
}
inline int label_position(int label) {
  return label == 0 ? -1 : (label - 1) % 4;
}
// Printable label: "O", "B-PER", "U-LOC"...
std::string label_name(int label);

// Whether `label` may follow `prev` (-1 = sentence start); `last` forbids labels opening a chunk.
bool label_allowed(int prev, int label, bool last);

// 64-bit feature hashing: a template id mixed with the bytes of one or more strings.
uint64_t hash_bytes(uint64_t seed, std::string_view bytes);
uint64_t mix(uint64_t a, uint64_t b);

// Averaged weights for inference: feature hash -> one row of kNumLabels weights.
class WeightTable {
 public:
  // Adds each feature's row to scores (kNumLabels floats); unknown features add nothing.
  void score(const uint64_t* features, size_t count, float* scores) const;
  // Inserts or replaces a feature's row (used by training and the loader).
  void set(uint64_t feature, const float* row);
  size_t size() const { return slots_.size() - free_slots_; }
  // Adds another table's weights (feature by feature): an ensemble in a single table.
  void accumulate(const WeightTable& other);
  // Binary form: sparse rows with 16-bit quantized weights.
  void write(std::ostream& out) const;
  // Throws std::runtime_error on a truncated or inconsistent stream.
  static WeightTable read(std::istream& in);

 private:
  void rehash(size_t capacity);
  size_t find_slot(uint64_t feature) const;
  struct Slot {
    uint64_t key = 0;  // 0 = empty (a real hash of 0 is remapped to 1)
    uint32_t row = 0;
  };
  std::vector<Slot> slots_;     // open addressing, linear probing
  std::vector<float> weights_;  // row * kNumLabels + label
  size_t free_slots_ = 0;
};

// Training-time perceptron: dense rows per feature, with the sums needed for averaging.
class PerceptronTrainer {
 public:
  // Row index for a feature, creating it when `grow`; -1 if absent.
  int64_t row(uint64_t feature, bool grow);
  // Scores labels for a set of rows (negative rows ignored).
  void score(const std::vector<int64_t>& rows, float* scores) const;
  // Moves weight from `wrong` to `right` for these rows.
  void update(const std::vector<int64_t>& rows, int right, int wrong);
  // Advances the averaging clock by one example.
  void tick() { ++clock_; }
  // The averaged weights; rows whose weights all round to zero are dropped.
  WeightTable averaged(float min_abs) const;

 private:
  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<uint64_t> keys_;
  std::vector<float> weights_;
  std::vector<double> sums_;  // clock-weighted updates: averaged = w - sums / clock
  double clock_ = 1;
};

}  // namespace kg::extract::ner
