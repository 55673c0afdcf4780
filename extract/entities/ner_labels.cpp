#include "extract/entities/ner_labels.h"

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

std::vector<std::string> labels_to_iob2(const std::vector<int>& labels) {
  std::vector<std::string> tags(labels.size(), "O");
  for (size_t i = 0; i < labels.size(); ++i) {
    int type = label_type(labels[i]);
    if (type < 0) continue;
    int pos = label_position(labels[i]);
    bool opens = pos == kB || pos == kU || i == 0 || label_type(labels[i - 1]) != type ||
                 label_position(labels[i - 1]) == kL || label_position(labels[i - 1]) == kU;
    tags[i] = std::string(opens ? "B-" : "I-") + kEntityTypes[type];
  }
  return tags;
}

}  // namespace kg::extract::ner
