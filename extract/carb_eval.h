// Scoring Open IE output the way the CaRB benchmark does (Bhardwaj et al., EMNLP 2019):
// token overlap slot by slot between gold and system tuples of the same sentence.
#pragma once

#include <string>
#include <vector>

namespace kg::extract {

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

// Reads gold "sentence<TAB>relation<TAB>arg1<TAB>arg2..." lines; throws std::runtime_error.
std::vector<OpenTuple> read_carb_gold(const std::string& path);
// Reads system "sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2..." lines.
std::vector<OpenTuple> read_carb_system(const std::string& path);

// Scores system tuples against gold. A tuple matches only if the relation and the first two
// arguments share at least one token with the gold's; the match scores are the shares of
// predicted tokens found in gold (precision) and of gold tokens found (recall). Each system
// tuple counts for at most one gold tuple (precision, best first); each gold tuple takes its best
// system tuple (recall). Gold sentences without output count as zero recall.
CarbScore score_carb(const std::vector<OpenTuple>& gold, const std::vector<OpenTuple>& system);

}  // namespace kg::extract
