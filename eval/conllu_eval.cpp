#include "eval/conllu_eval.h"

#include <stdexcept>
#include <string>

#include "eval/error.h"

namespace kg::eval {
namespace {

std::string base_relation(const std::string& deprel) {
  return deprel.substr(0, deprel.find(':'));
}

}  // namespace

ConlluScores score_conllu(const std::vector<ConlluSentence>& gold,
                          const std::vector<ConlluSentence>& predicted, bool ignore_subtypes) {
  if (gold.size() != predicted.size())
    throw EvalError("gold has " + std::to_string(gold.size()) + " sentences, prediction has " +
                    std::to_string(predicted.size()));
  ConlluScores scores;
  for (size_t s = 0; s < gold.size(); ++s) {
    const auto& g = gold[s].sentence.tokens;
    const auto& p = predicted[s].sentence.tokens;
    if (g.size() != p.size())
      throw EvalError("sentence " + std::to_string(s + 1) + ": gold has " +
                      std::to_string(g.size()) + " words, prediction has " +
                      std::to_string(p.size()));
    for (size_t i = 0; i < g.size(); ++i) {
      if (g[i].form != p[i].form)
        throw EvalError("sentence " + std::to_string(s + 1) + " word " + std::to_string(i + 1) +
                        ": forms differ ('" + g[i].form + "' vs '" + p[i].form + "')");
      ++scores.words;
      scores.upos += g[i].upos == p[i].upos;
      scores.xpos += g[i].xpos == p[i].xpos;
      scores.lemma += g[i].lemma == p[i].lemma;
      if (g[i].head == p[i].head) {
        ++scores.head;
        bool same = ignore_subtypes ? base_relation(g[i].deprel) == base_relation(p[i].deprel)
                                    : g[i].deprel == p[i].deprel;
        scores.labeled += same;
      }
    }
  }
  return scores;
}

}  // namespace kg::eval
