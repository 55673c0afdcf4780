// kg eval-tokenize, eval-conllu, eval-ner, eval-carb: scoring against gold data (eval/).
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/io.h"
#include "eval/carb_eval.h"
#include "eval/conllu_eval.h"
#include "eval/error.h"
#include "eval/ner_eval.h"
#include "eval/tokenize_eval.h"
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
}

}  // namespace kg::cli
