// kg eval-tokenize, eval-conllu, eval-ner, eval-carb, eval-relations: scoring against gold data
// (eval/).
#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/io.h"
#include "eval/carb_eval.h"
#include "eval/conllu_eval.h"
#include "eval/error.h"
#include "eval/ner_eval.h"
#include "eval/relation_eval.h"
#include "eval/tokenize_eval.h"
#include "extract/extractor.h"
#include "extract/resources/paths.h"
#include "extract/syntax/conllu.h"

namespace kg::cli {
namespace {

// Runs an evaluation, turning its errors (unreadable or mismatched files) into user errors.
template <typename F>
auto evaluating(F&& f) {
  try {
    return f();
  } catch (const eval::EvalError& e) {
    throw UserError(e.what());
  } catch (const std::runtime_error& e) {  // the readers of extract/ (CoNLL, CoNLL-U)
    throw UserError(e.what());
  }
}

void eval_tokenize(const std::string& path, size_t examples) {
  std::istringstream in(read_file(path));
  eval::TokenizeEvaluation result = evaluating([&] {
    try {
      return eval::evaluate_tokenizer(in, examples);
    } catch (const eval::EvalError& e) {
      throw UserError(path + ": " + e.what());
    }
  });
  for (const auto& example : result.error_examples) std::cout << example << "\n\n";
  auto line = [](const char* name, const eval::SpanScore& s) {
    std::printf("%-10s gold %7zu  system %7zu  matched %7zu  P %6.2f%%  R %6.2f%%  F1 %6.2f%%\n",
                name, s.gold, s.system, s.matched, 100 * s.precision(), 100 * s.recall(),
                100 * s.f1());
  };
  std::printf("%zu documents\n", result.documents);
  line("words", result.words);
  line("sentences", result.sentences);
  if (result.gold_sentences_not_in_text > 0) {
    std::printf("warning: %zu gold sentences whose words do not spell their # text\n",
                result.gold_sentences_not_in_text);
  }
}

void eval_conllu(const std::string& gold_path, const std::string& predicted_path) {
  auto [s, universal] = evaluating([&] {
    auto gold = extract::read_conllu_file(gold_path);
    auto predicted = extract::read_conllu_file(predicted_path);
    return std::make_pair(eval::score_conllu(gold, predicted),
                          eval::score_conllu(gold, predicted, true));
  });
  using eval::ConlluScores;
  std::cout << std::fixed << std::setprecision(2) << "words  " << s.words << "\n"
            << "UPOS   " << ConlluScores::percent(s.upos, s.words) << "\n"
            << "XPOS   " << ConlluScores::percent(s.xpos, s.words) << "\n"
            << "Lemma  " << ConlluScores::percent(s.lemma, s.words) << "\n"
            << "UAS    " << ConlluScores::percent(s.head, s.words) << "\n"
            << "LAS    " << ConlluScores::percent(s.labeled, s.words) << "\n"
            << "LAS-universal " << ConlluScores::percent(universal.labeled, universal.words)
            << "  (relation subtypes ignored, as in CoNLL 2018)\n";
}

void eval_ner(const std::string& gold, const std::string& predicted) {
  eval::NerScores scores = evaluating([&] {
    auto gold_docs = extract::read_conll(gold);
    if (predicted.empty()) return eval::evaluate_conll_columns(gold_docs);
    return eval::evaluate_conll_pair(gold_docs, extract::read_conll(predicted));
  });
  eval::print_scores(std::cout, scores);
}

void eval_carb(const std::string& gold_path, const std::string& system_path) {
  eval::CarbScore score = evaluating([&] {
    return eval::score_carb(eval::read_carb_gold(gold_path), eval::read_carb_system(system_path));
  });
  // Three decimals, as CaRB's own carb.py prints them.
  char figures[160];
  std::snprintf(figures, sizeof figures, "precision %.3f  recall %.3f  F1 %.3f  AUC %.3f",
                score.precision, score.recall, score.f1, score.auc);
  std::cout << "sentences " << score.sentences << "  gold tuples " << score.gold_tuples
            << "  system tuples at threshold " << score.system_tuples << "  (threshold "
            << score.threshold << ")\n"
            << figures << "\n";
}

// The system's relations of one CoNLL04 sentence, read end to end from its text: each end by
// its entity's name and aliases, so that the scorer can match whichever the gold span uses.
std::vector<eval::SystemRelation> system_relations(const extract::DocumentFacts& facts) {
  auto names = [&](const std::string& name) {
    std::vector<std::string> out{name};
    for (const auto& e : facts.entities)
      if (e.name == name) out.insert(out.end(), e.aliases.begin(), e.aliases.end());
    return out;
  };
  std::vector<eval::SystemRelation> out;
  for (const auto& f : facts.facts)
    out.push_back({names(f.subject), names(f.object), f.relation_class});
  return out;
}

// How many of a sentence's gold pairs have both ends among the entities kg named.
size_t gold_pairs_named(const eval::RelationSentence& gold, const extract::DocumentFacts& facts) {
  std::vector<bool> named(gold.mentions.size(), false);
  for (const auto& e : facts.entities) {
    std::vector<std::string> names{e.name};
    names.insert(names.end(), e.aliases.begin(), e.aliases.end());
    for (int m : eval::match_mention(gold, names)) named[m] = true;
  }
  std::set<std::pair<int, int>> pairs;
  for (const auto& r : gold.relations)
    if (named[r.head] && named[r.tail]) pairs.insert(std::minmax(r.head, r.tail));
  return pairs.size();
}

void print_prf(const char* name, const eval::PRF& s) {
  std::printf("%-12s gold %5zu  system %5zu  matched %5zu/%5zu  P %6.2f  R %6.2f  F1 %6.2f\n", name,
              s.gold, s.system, s.matched_system, s.matched_gold, 100 * s.precision(),
              100 * s.recall(), 100 * s.f1());
}

void eval_relations(const std::string& gold_path, size_t examples) {
  auto gold = evaluating([&] { return eval::read_conll04(gold_path); });
  extract::Extractor extractor = [] {
    try {
      return extract::Extractor::load(extract::default_model_dir(), extract::default_wordnet_dir());
    } catch (const std::exception& e) {
      throw UserError(std::string("cannot load models: ") + e.what());
    }
  }();
  eval::RelationScores total;
  size_t shown = 0, named_ends = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const std::string text = gold[i].text();
    extract::DocumentFacts facts = extractor.extract("conll04:" + std::to_string(i + 1), text);
    std::vector<eval::SystemRelation> system = system_relations(facts);
    eval::RelationScores scores = eval::score_relations(gold[i], system);
    total.add(scores);
    named_ends += gold_pairs_named(gold[i], facts);
    if (shown < examples && (scores.typed.matched_gold < scores.typed.gold ||
                             scores.typed.matched_system < scores.typed.system)) {
      ++shown;
      std::printf("# %zu: %s\n", i + 1, text.c_str());
      for (const auto& r : gold[i].relations)
        std::printf("  gold   %s -[%s]-> %s\n", gold[i].mentions[r.head].text.c_str(),
                    r.cls.c_str(), gold[i].mentions[r.tail].text.c_str());
      for (const auto& f : facts.facts)
        std::printf("  system %s -[%s %s]-> %s (%s)\n", f.subject.c_str(), f.relation.c_str(),
                    f.relation_class.c_str(), f.object.c_str(), f.pattern.c_str());
    }
  }
  std::printf("%zu sentences\n", total.sentences);
  // What the recognizer leaves the relation stage: no relation can join an end it did not name.
  std::printf("gold pairs whose two ends kg names: %zu of %zu (the most pair recall can reach)\n",
              named_ends, total.any.gold);
  print_prf("any pair", total.any);
  print_prf("classed pair", total.classed);
  print_prf("typed", total.typed);
  for (size_t k = 0; k < total.by_class.size(); ++k)
    print_prf(eval::conll04_classes()[k], total.by_class[k]);
}

}  // namespace

void register_eval_commands(CLI::App& app) {
  struct Args {
    std::string gold, predicted;
    size_t examples = 0;
  };
  auto args = std::make_shared<Args>();

  auto* tokenize = app.add_subcommand(
      "eval-tokenize",
      "Score the tokenizer on a CoNLL-U file: word and sentence F1 over character spans "
      "(text rebuilt from '# text' lines: sentences joined by spaces, paragraphs by blank lines)");
  tokenize->add_option("gold", args->gold, "CoNLL-U file with '# text' lines")->required();
  tokenize->add_option("--show-errors", args->examples,
                       "Print up to N sentences tokenized differently");
  tokenize->callback([args] { eval_tokenize(args->gold, args->examples); });

  auto* conllu = app.add_subcommand("eval-conllu", "Score predicted CoNLL-U against gold");
  conllu->add_option("gold", args->gold, "Gold CoNLL-U")->required()->check(CLI::ExistingFile);
  conllu->add_option("predicted", args->predicted, "Predicted CoNLL-U")
      ->required()
      ->check(CLI::ExistingFile);
  conllu->callback([args] { eval_conllu(args->gold, args->predicted); });

  auto* ner = app.add_subcommand("eval-ner", "Score predicted NER tags against gold (conlleval)");
  ner->add_option("gold", args->gold, "Gold CoNLL file (tag in the last column)")->required();
  ner->add_option("predicted", args->predicted,
                  "Predicted CoNLL file (tag in the last column); if omitted, the gold file's "
                  "last two columns are gold and predicted");
  ner->callback([args] { eval_ner(args->gold, args->predicted); });

  auto* carb = app.add_subcommand("eval-carb", "Score Open IE tuples against CaRB gold");
  carb->add_option("gold", args->gold, "Gold: sentence, relation, arguments (TSV)")->required();
  carb->add_option("system", args->predicted, "System: sentence, confidence, relation, arguments")
      ->required();
  carb->callback([args] { eval_carb(args->gold, args->predicted); });

  auto* relations = app.add_subcommand(
      "eval-relations",
      "Extract relations from CoNLL04 sentences (JSON) and score them: entity pairs related at "
      "all, pairs related by a CoNLL04 class, and typed relations (class and direction right)");
  relations->add_option("gold", args->gold, "CoNLL04 JSON file (tokens, tags, relations)")
      ->required()
      ->check(CLI::ExistingFile);
  relations->add_option("--show-errors", args->examples,
                        "Print up to N sentences whose typed relations are not all right");
  relations->callback([args] { eval_relations(args->gold, args->examples); });
}

}  // namespace kg::cli
