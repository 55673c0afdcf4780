// Scoring Open IE output the way the CaRB benchmark does (Bhardwaj et al., EMNLP 2019; the
// default matcher of dair-iitd/CaRB carb.py, binary_linient_tuple_match): token overlap between
// gold and system tuples of the same sentence, swept over confidence thresholds.
#pragma once

#include <string>
#include <vector>

namespace kg::eval {

// One tuple: relation and arguments as space-separated tokens.
struct OpenTuple {
  std::string sentence;
  double confidence = 1.0;
  std::string relation;
  std::vector<std::string> args;
};

// The score at the best confidence threshold, and the area under the P/R curve.
struct CarbScore {
  double precision = 0, recall = 0, f1 = 0, auc = 0, threshold = 0;
  size_t gold_tuples = 0, system_tuples = 0, sentences = 0;
};

// Precision and recall of one system tuple against one gold tuple.
struct TupleMatch {
  double precision = 0, recall = 0;
};

// Reads gold "sentence<TAB>relation[<TAB>arg1<TAB>arg2...]" lines; throws std::runtime_error.
std::vector<OpenTuple> read_carb_gold(const std::string& path);
// Reads system "sentence<TAB>confidence<TAB>relation[<TAB>arg1...]" lines.
std::vector<OpenTuple> read_carb_system(const std::string& path);

// The key CaRB compares sentences by: spaces and ASCII punctuation removed, PTB bracket escapes
// (-LRB-) undone, case kept.
std::string carb_sentence_key(const std::string& sentence);

// CaRB's tuple matcher. Arguments after the first are joined into one slot on both sides; the
// relation must share a token (a predicted "be" also matches a gold "is", "was" ...) or the pair
// scores zero; a system tuple with fewer slots than the gold's first two scores zero; tokens are
// compared case-sensitively, stopwords included, each gold token taking one equal predicted token.
// For gold relations that contain "said", "told", "says" ... the swapped argument order is also
// tried and the better (by precision, then recall) kept.
TupleMatch carb_match(const OpenTuple& gold, const OpenTuple& system);

// Scores system tuples against gold. At each threshold (every distinct system confidence):
// recall sums, per gold tuple, its best recall among the kept system tuples of its sentence, over
// all gold tuples (sentences without output count as zero); precision matches gold and system
// tuples one to one, best precision first, over the number of kept system tuples (1 when none).
// Reports the first best F1 from the lowest threshold up, and the trapezoid area under the curve.
CarbScore score_carb(const std::vector<OpenTuple>& gold, const std::vector<OpenTuple>& system);

}  // namespace kg::eval
