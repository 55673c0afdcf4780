#include "eval/ner_eval.h"

#include <iomanip>
#include <ostream>
#include <stdexcept>

#include "eval/error.h"
#include "extract/entities/ner_train.h"

namespace kg::eval {

using extract::Chunk;
using extract::chunks_from_tags;
using extract::ConllLine;
using extract::split_tag;

void NerScores::add(const std::vector<std::string>& gold,
                    const std::vector<std::string>& predicted) {
  if (gold.size() != predicted.size())
    throw EvalError("gold and predicted sentences differ in length");
  for (size_t i = 0; i < gold.size(); ++i) {
    ++tokens;
    // Entity types, not raw tags: IOB1 gold and IOB2 predictions spell the same chunks apart.
    if (split_tag(gold[i]).second == split_tag(predicted[i]).second) ++tokens_correct;
  }
  std::vector<Chunk> g = chunks_from_tags(gold), p = chunks_from_tags(predicted);
  for (const Chunk& c : g) {
    ++overall.gold;
    ++by_type[c.type].gold;
  }
  for (const Chunk& c : p) {
    ++overall.predicted;
    ++by_type[c.type].predicted;
  }
  // Both lists are sorted by position; walk them together.
  size_t a = 0, b = 0;
  while (a < g.size() && b < p.size()) {
    if (g[a] == p[b]) {
      ++overall.correct;
      ++by_type[g[a].type].correct;
      ++a;
      ++b;
    } else if (g[a] < p[b]) {
      ++a;
    } else {
      ++b;
    }
  }
}

NerScores evaluate_conll_columns(const std::vector<ConllDocument>& docs) {
  NerScores scores;
  for (const ConllDocument& doc : docs) {
    for (const auto& sentence : doc.sentences) {
      std::vector<std::string> gold, predicted;
      for (const ConllLine& line : sentence) {
        if (line.columns.size() < 2) throw EvalError("expected gold and predicted tag columns");
        gold.push_back(line.columns[line.columns.size() - 2]);
        predicted.push_back(line.columns.back());
      }
      scores.add(gold, predicted);
    }
  }
  return scores;
}

NerScores evaluate_conll_pair(const std::vector<ConllDocument>& gold,
                              const std::vector<ConllDocument>& predicted) {
  // Flatten both into sentences: document splits may differ if one file lacks -DOCSTART-.
  auto flatten = [](const std::vector<ConllDocument>& docs) {
    std::vector<const std::vector<ConllLine>*> out;
    for (const auto& d : docs)
      for (const auto& s : d.sentences) out.push_back(&s);
    return out;
  };
  auto g = flatten(gold), p = flatten(predicted);
  if (g.size() != p.size())
    throw EvalError("gold has " + std::to_string(g.size()) + " sentences, prediction " +
                    std::to_string(p.size()));
  NerScores scores;
  for (size_t s = 0; s < g.size(); ++s) {
    if (g[s]->size() != p[s]->size())
      throw EvalError("sentence " + std::to_string(s + 1) + " differs in length");
    std::vector<std::string> gt, pt;
    for (size_t i = 0; i < g[s]->size(); ++i) {
      if ((*g[s])[i].form != (*p[s])[i].form)
        throw EvalError("sentence " + std::to_string(s + 1) + ": token '" + (*g[s])[i].form +
                        "' vs '" + (*p[s])[i].form + "'");
      gt.push_back((*g[s])[i].columns.back());
      pt.push_back((*p[s])[i].columns.back());
    }
    scores.add(gt, pt);
  }
  return scores;
}

void print_scores(std::ostream& out, const NerScores& scores) {
  auto row = [&](const std::string& name, const NerCounts& c) {
    out << std::left << std::setw(8) << name << std::right << std::fixed << std::setprecision(2)
        << " precision " << std::setw(6) << c.precision() << "  recall " << std::setw(6)
        << c.recall() << "  F1 " << std::setw(6) << c.f1() << "  (gold " << c.gold << ", predicted "
        << c.predicted << ", correct " << c.correct << ")\n";
  };
  out << "processed " << scores.tokens << " tokens with " << scores.overall.gold
      << " phrases; found: " << scores.overall.predicted
      << " phrases; correct: " << scores.overall.correct << ".\n";
  if (scores.tokens)
    out << "token type accuracy " << std::fixed << std::setprecision(2)
        << 100.0 * scores.tokens_correct / scores.tokens << "%\n";
  row("overall", scores.overall);
  for (const auto& [type, counts] : scores.by_type) row(type, counts);
}

NerScores evaluate_ner_model(const extract::ner::NerModel& model,
                             const std::vector<ConllDocument>& docs, bool stage_one_only) {
  NerScores scores;
  for (const ConllDocument& doc : docs) {
    auto labels = model.label(extract::ner::document_forms(doc), stage_one_only);
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      std::vector<std::string> gold;
      for (const ConllLine& line : doc.sentences[s]) gold.push_back(line.columns.back());
      scores.add(gold, extract::ner::labels_to_iob2(labels[s]));
    }
  }
  return scores;
}

}  // namespace kg::eval
