// The entity recognizer's labels: BILOU positions over four entity types, the transitions
// allowed between them, and their IOB2 spelling for CoNLL output.
#pragma once

#include <array>
#include <string>
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

// IOB2 tags ("B-" opens every chunk) for CoNLL output, from BILOU labels.
std::vector<std::string> labels_to_iob2(const std::vector<int>& labels);

}  // namespace kg::extract::ner
