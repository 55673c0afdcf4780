// kg train tagger|lemmatizer|parser, kg parse, kg eval-conllu.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "extract/syntax/conllu.h"
#include "eval/conllu_eval.h"
#include "extract/syntax/parser_guide.h"
#include "extract/syntax/pipeline.h"
#include "extract/syntax/tag_clusters.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace kg::cli {
namespace {

using extract::ConlluSentence;
using extract::Sentence;

std::vector<ConlluSentence> read_or_fail(const std::string& path) {
  try {
    return extract::read_conllu_file(path);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

// A parser model, or a UserError naming the file.
extract::Parser load_parser(const std::string& path) {
  try {
    return extract::Parser::load(path);
  } catch (const extract::ModelError& e) {
    throw UserError(e.what());
  }
}

// Writes sentences as CoNLL-U (for --tagged-out and --guide-trees-out).
void write_sentences(const std::string& path, const std::vector<Sentence>& sentences) {
  std::vector<ConlluSentence> conllu(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) conllu[i].sentence = sentences[i];
  std::ofstream out(path);
  extract::write_conllu(out, conllu);
  if (!out) throw UserError("cannot write " + path);
}

std::vector<Sentence> sentences_of(const std::vector<ConlluSentence>& conllu) {
  std::vector<Sentence> out;
  out.reserve(conllu.size());
  for (const auto& c : conllu) out.push_back(c.sentence);
  return out;
}

// Runs `save` and turns model errors into user errors.
template <typename F>
void save_model(F&& save, const std::string& path) {
  try {
    save();
  } catch (const extract::ModelError& e) {
    throw UserError(e.what());
  }
  std::cerr << "wrote " << path << "\n";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

CLI::App* train_command(CLI::App& app) {
  try {
    return app.get_subcommand("train");
  } catch (const CLI::OptionNotFound&) {
    auto* train = app.add_subcommand("train", "Train a model");
    train->require_subcommand(1);
    return train;
  }
}

struct TrainArgs {
  std::string train, dev, output, tagger = "models/tagger.bin", tagged_out, guide_trees,
                                  guide_model, guide_trees_in;
  std::vector<std::string> unlabeled;
  float prune = 0;
  int epochs = 0, folds = 10, tagger_epochs = 0, ensemble = 0, tagger_ensemble = 0, passes = 1;
  int guide_folds = 0, guide_epochs = 0;
  bool guide_unlabeled = false, guide_universal = false, guide_core = false, retag_dev = false;
  bool repair = false;
  bool bidirectional = false;  // tagger: also a right-to-left model (parser: for the jackknife)
  uint64_t seed = 1;
};

void add_common(CLI::App* cmd, TrainArgs& args, const std::string& default_output) {
  args.output = default_output;
  cmd->add_option("--train", args.train, "Training CoNLL-U file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--dev", args.dev, "Development CoNLL-U file (progress and epoch choice)")
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args.output, "Model file to write")->capture_default_str();
  cmd->add_option("--seed", args.seed, "Random seed")->capture_default_str();
}

// Word clusters from the treebank's words plus raw text files (folders are searched for .txt).
std::unordered_map<std::string, uint32_t> build_clusters(const std::vector<Sentence>& train,
                                                         const std::vector<std::string>& paths) {
  std::unordered_map<std::string, uint32_t> ids;
  if (paths.empty()) return ids;
  std::vector<std::vector<std::string>> sentences;
  for (const auto& s : train) {
    std::vector<std::string> words;
    for (const auto& t : s.tokens) words.push_back(t.form);
    for (auto& w : words)
      for (char& c : w)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    sentences.push_back(std::move(words));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& p : paths) {
    if (std::filesystem::is_directory(p)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    } else if (std::filesystem::is_regular_file(p)) {
      files.push_back(p);
    } else {
      throw UserError("no such file or folder: " + p);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      auto words = extract::naive_words(line);
      if (!words.empty()) sentences.push_back(std::move(words));
    }
  }
  auto fine = extract::cluster_words(sentences, 256, 3, 8);
  auto coarse = extract::cluster_words(sentences, 32, 3, 8);
  for (const auto& [w, c] : fine) ids[w] = c | (static_cast<uint32_t>(coarse.at(w)) << 16);
  std::cerr << "clustered " << ids.size() << " words from " << files.size() << " text files\n";
  return ids;
}

void train_tagger(const TrainArgs& args) {
  auto start = std::chrono::steady_clock::now();
  auto train = sentences_of(read_or_fail(args.train));
  std::vector<Sentence> dev;
  if (!args.dev.empty()) dev = sentences_of(read_or_fail(args.dev));
  extract::TaggerOptions options;
  if (args.epochs > 0) options.epochs = args.epochs;
  if (args.ensemble > 0) options.ensemble = args.ensemble;
  options.passes = args.passes;
  options.seed = args.seed;
  options.bidirectional = args.bidirectional;
  if (options.bidirectional && options.passes > 1)
    throw UserError("--bidirectional and --passes 2 do not go together");
  auto clusters = build_clusters(train, args.unlabeled);
  auto tagger = extract::Tagger::train(train, dev, clusters, options, &std::cerr);
  if (args.prune > 0) tagger.prune(args.prune);
  save_model([&] { tagger.save(args.output); }, args.output);
  std::cerr << "training took " << seconds_since(start) << " s\n";
}

void train_lemmatizer(const TrainArgs& args) {
  auto train = sentences_of(read_or_fail(args.train));
  extract::Lemmatizer lemmatizer(extract::Pipeline::default_wordnet_dir());
  lemmatizer.train(train);
  if (!args.dev.empty()) {
    auto dev = sentences_of(read_or_fail(args.dev));
    size_t ok = 0, rules_ok = 0, n = 0;
    for (const auto& s : dev)
      for (const auto& t : s.tokens) {
        ++n;
        ok += lemmatizer.lemma(t.form, t.xpos) == t.lemma;
        rules_ok += lemmatizer.rule_lemma(t.form, t.xpos) == t.lemma;
      }
    std::cerr << std::fixed << std::setprecision(2)
              << "dev lemma accuracy with gold XPOS: " << 100.0 * ok / n << "% (rules alone "
              << 100.0 * rules_ok / n << "%)\n";
  }
  save_model([&] { lemmatizer.save(args.output); }, args.output);
}

// Tags each fold of `train` with a tagger trained on the other folds, so the parser learns from
// tags as noisy as the ones it will see.
void jackknife_tags(std::vector<Sentence>& train, int folds, const extract::TaggerOptions& options,
                    const std::unordered_map<std::string, uint32_t>& clusters) {
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<Sentence> rest;
    for (size_t i = 0; i < train.size(); ++i)
      if (static_cast<int>(i % folds) != fold) rest.push_back(train[i]);
    auto tagger = extract::Tagger::train(rest, {}, clusters, options, nullptr);
    size_t ok = 0, n = 0;
    for (size_t i = fold; i < train.size(); i += folds) {
      Sentence tagged = train[i];
      tagger.tag(tagged);
      for (size_t k = 0; k < tagged.tokens.size(); ++k, ++n) {
        ok += tagged.tokens[k].upos == train[i].tokens[k].upos;
        train[i].tokens[k].upos = tagged.tokens[k].upos;
        train[i].tokens[k].xpos = tagged.tokens[k].xpos;
      }
    }
    std::cerr << "jackknife fold " << fold + 1 << "/" << folds << ": UPOS " << 100.0 * ok / n
              << "\n";
  }
}

void train_parser(const TrainArgs& args) {
  auto start = std::chrono::steady_clock::now();
  auto train = sentences_of(read_or_fail(args.train));
  std::vector<Sentence> dev;
  if (!args.dev.empty()) dev = sentences_of(read_or_fail(args.dev));
  auto clusters = build_clusters(train, args.unlabeled);
  if (args.folds > 1) {
    extract::TaggerOptions tagger_options;
    tagger_options.seed = args.seed;
    if (args.tagger_epochs > 0) tagger_options.epochs = args.tagger_epochs;
    if (args.tagger_ensemble > 0) tagger_options.ensemble = args.tagger_ensemble;
    tagger_options.bidirectional = args.bidirectional;
    jackknife_tags(train, args.folds, tagger_options, clusters);
    // Kept so that later parser runs can reuse these tags with --folds 1.
    if (!args.tagged_out.empty()) write_sentences(args.tagged_out, train);
  }
  // The parser meets predicted tags at run time, so it is scored on them (with --folds 1, only
  // if asked: the training set then has the tags it was given, gold or from --tagged-out).
  if (!dev.empty() && (args.folds > 1 || args.retag_dev)) {
    extract::Tagger tagger = [&] {
      try {
        return extract::Tagger::load(args.tagger);
      } catch (const extract::ModelError& e) {
        throw UserError(std::string(e.what()) + " (train the tagger first, or pass --tagger)");
      }
    }();
    for (auto& s : dev) tagger.tag(s);
  }
  extract::ParserOptions options;
  if (args.epochs > 0) options.epochs = args.epochs;
  if (args.ensemble > 0) options.ensemble = args.ensemble;
  options.seed = args.seed;
  options.repair = args.repair;
  std::optional<extract::ParserGuide> guide;
  if (!args.guide_model.empty()) {
    // Reuse a guide and its jackknifed trees of this training set from an earlier run.
    if (args.guide_trees_in.empty()) throw UserError("--guide-model needs --guide-trees-in");
    extract::Parser guided = load_parser(args.guide_model);
    if (!guided.guide()) throw UserError(args.guide_model + " is not a guided parser");
    guide = extract::ParserGuide{*guided.guide(), sentences_of(read_or_fail(args.guide_trees_in))};
    if (guide->train_trees.size() != train.size())
      throw UserError(args.guide_trees_in + " does not have the sentences of " + args.train);
  } else if (args.guide_folds > 0) {
    extract::ParserOptions guide_options = options;
    if (args.guide_epochs > 0) guide_options.epochs = args.guide_epochs;
    guide_options.ensemble = 1;
    guide_options.core_features = args.guide_core;
    guide_options.repair = false;  // repairs were only measured for the guided parser
    guide = extract::train_parser_guide(train, dev, clusters, guide_options, args.guide_folds,
                                        &std::cerr, !args.guide_unlabeled, args.guide_universal);
    // Kept to train other guided parsers on the same guide (--guide-trees-in).
    if (!args.guide_trees.empty()) write_sentences(args.guide_trees, guide->train_trees);
  }
  auto parser = guide ? extract::Parser::train(train, dev, clusters, options, &std::cerr,
                                               &guide->parser, &guide->train_trees)
                      : extract::Parser::train(train, dev, clusters, options, &std::cerr);
  if (args.prune > 0) {
    // Save the unpruned model too, so pruning can be redone without retraining.
    save_model([&] { parser.save(args.output + ".unpruned"); }, args.output + ".unpruned");
    parser.prune(args.prune);
    if (!dev.empty()) {
      auto score = parser.evaluate(dev);
      std::cerr << "after pruning at " << args.prune << ": dev UAS " << score.uas() << " LAS "
                << score.las() << "\n";
    }
  }
  save_model([&] { parser.save(args.output); }, args.output);
  std::cerr << "training took " << seconds_since(start) << " s\n";
}

extract::Pipeline load_pipeline(const std::string& model_dir) {
  try {
    return extract::Pipeline::load(
        model_dir.empty() ? extract::Pipeline::default_model_dir() : model_dir,
        extract::Pipeline::default_wordnet_dir());
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

// Decodes, tokenizes and annotates raw text files; sentences carry sent_id and text comments.
std::vector<ConlluSentence> parse_raw_files(const std::vector<std::string>& files,
                                            const extract::Pipeline& pipeline) {
  std::vector<ConlluSentence> out;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UserError("cannot open " + path);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    extract::Document doc;
    doc.name = path;
    doc.text = extract::decode_text(bytes, path).text;
    extract::tokenize(doc);
    size_t n = 0;
    for (auto& sentence : doc.sentences) {
      pipeline.annotate(sentence);
      ConlluSentence c;
      c.comments.push_back("# sent_id = " + path + "-" + std::to_string(++n));
      std::string text = doc.text.substr(sentence.begin, sentence.end - sentence.begin);
      for (char& ch : text)
        if (ch == '\n' || ch == '\r') ch = ' ';
      c.comments.push_back("# text = " + text);
      c.sentence = std::move(sentence);
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace

void register_parse_commands(CLI::App& app) {
  CLI::App* train = train_command(app);
  auto args = std::make_shared<TrainArgs>();

  auto* tagger = train->add_subcommand("tagger", "Train the POS tagger on CoNLL-U");
  add_common(tagger, *args, "models/tagger.bin");
  tagger->add_option("--epochs", args->epochs, "Training epochs (default 10)")
      ->check(CLI::Range(1, 1000));
  tagger->add_option("--ensemble", args->ensemble, "Perceptrons summed into one model (default 1)")
      ->check(CLI::Range(1, 64));
  tagger
      ->add_option("--passes", args->passes,
                   "2: add a second pass that sees the first pass's tags to the right")
      ->check(CLI::Range(1, 2))
      ->capture_default_str();
  tagger->add_flag(
      "--bidirectional", args->bidirectional,
      "Also train a right-to-left tagger and add its scores to the left-to-right one's");
  tagger->add_option("--unlabeled", args->unlabeled, "Raw text files/folders for word clusters");
  tagger->add_option("--prune", args->prune, "Drop weights of smaller magnitude (smaller model)");
  tagger->callback([args] { train_tagger(*args); });

  auto* lemmatizer = train->add_subcommand("lemmatizer", "Learn the lemmatizer's correction table");
  add_common(lemmatizer, *args, "models/lemmas.bin");
  lemmatizer->callback([args] { train_lemmatizer(*args); });

  auto* parser = train->add_subcommand("parser", "Train the dependency parser on CoNLL-U");
  add_common(parser, *args, "models/parser.bin");
  parser->add_option("--epochs", args->epochs, "Training epochs (default 15)")
      ->check(CLI::Range(1, 1000));
  parser
      ->add_option("--ensemble", args->ensemble,
                   "Perceptrons summed into one model, each trained --epochs epochs (default 1)")
      ->check(CLI::Range(1, 64));
  parser->add_option("--folds", args->folds, "Jackknife folds for predicted tags (1 = gold tags)")
      ->capture_default_str();
  parser->add_option("--tagger-epochs", args->tagger_epochs, "Epochs of each jackknife tagger");
  parser->add_flag("--tagger-bidirectional", args->bidirectional,
                   "Make the jackknife taggers bidirectional (as kg train tagger --bidirectional)");
  parser->add_option("--tagger-ensemble", args->tagger_ensemble,
                     "Perceptrons in each jackknife tagger");
  parser->add_option("--unlabeled", args->unlabeled,
                     "Raw text for word clusters (as for the tagger)");
  parser->add_option("--prune", args->prune, "Drop weights of smaller magnitude (smaller model)");
  parser->add_option("--tagged-out", args->tagged_out,
                     "Also write the jackknife-tagged training set here");
  parser
      ->add_option("--guide-folds", args->guide_folds,
                   "Also train a right-to-left parser whose trees guide this one, jackknifed "
                   "over this many folds (0 = no guide)")
      ->check(CLI::Range(0, 20));
  parser->add_option("--guide-epochs", args->guide_epochs, "Epochs of each guide parser")
      ->check(CLI::Range(1, 1000));
  parser->add_flag("--guide-unlabeled", args->guide_unlabeled,
                   "Train the guide without relation labels (a faster guide)");
  parser->add_flag("--guide-universal", args->guide_universal,
                   "Train the guide on relations without subtypes (shorter weight rows)");
  parser->add_flag("--guide-core", args->guide_core,
                   "Give the guide only Zhang & Nivre's feature templates (a faster guide)");
  parser->add_option("--guide-trees-out", args->guide_trees,
                     "Write the guide's jackknifed parses of the training set here");
  parser
      ->add_option("--guide-model", args->guide_model,
                   "Reuse the guide of this guided parser model (with --guide-trees-in)")
      ->check(CLI::ExistingFile);
  parser
      ->add_option("--guide-trees-in", args->guide_trees_in,
                   "The guide's parses of the training set, from --guide-trees-out")
      ->check(CLI::ExistingFile);
  parser->add_flag("--repair", args->repair,
                   "Let a left arc replace a head given earlier (non-monotonic arc-eager)");
  parser->add_flag("--retag-dev", args->retag_dev,
                   "Tag --dev with --tagger even with --folds 1 (always done with more folds)");
  parser->add_option("--tagger", args->tagger, "Tagger model used to tag --dev")
      ->capture_default_str();
  parser->callback([args] { train_parser(*args); });

  struct PruneArgs {
    std::string model, output;
    float min_weight = 0, guide_min_weight = -1;
  };
  auto prune_args = std::make_shared<PruneArgs>();
  auto* prune =
      train->add_subcommand("prune-parser", "Shrink a parser model by dropping small weights");
  prune->add_option("--model", prune_args->model, "Parser model to read")
      ->required()
      ->check(CLI::ExistingFile);
  prune->add_option("--min-weight", prune_args->min_weight, "Drop weights of smaller magnitude")
      ->required();
  prune->add_option("-o,--output", prune_args->output, "Model file to write")->required();
  prune->add_option("--guide-min-weight", prune_args->guide_min_weight,
                    "Threshold for a guided parser's guide (default: --min-weight)");
  prune->callback([prune_args] {
    auto parser = load_parser(prune_args->model);
    parser.prune(prune_args->min_weight, prune_args->guide_min_weight);
    save_model([&] { parser.save(prune_args->output); }, prune_args->output);
  });

  struct ParseArgs {
    std::string conllu_in, output, models;
    std::vector<std::string> files;
  };
  auto pargs = std::make_shared<ParseArgs>();
  auto* parse = app.add_subcommand("parse", "Tag, lemmatize and parse sentences, print CoNLL-U");
  parse->add_option("--conllu-in", pargs->conllu_in, "Re-annotate the words of this CoNLL-U file")
      ->check(CLI::ExistingFile);
  parse->add_option("-o,--output", pargs->output, "Write CoNLL-U here instead of stdout");
  parse->add_option("--models", pargs->models, "Model directory (default $KG_MODELS or models/)");
  parse->add_option("files", pargs->files, "Raw text files");
  parse->callback([pargs] {
    if (pargs->conllu_in.empty() == pargs->files.empty())
      throw UserError("parse: give either --conllu-in FILE or raw text FILES");
    auto pipeline = load_pipeline(pargs->models);
    std::vector<ConlluSentence> sentences;
    if (!pargs->files.empty()) {
      sentences = parse_raw_files(pargs->files, pipeline);
    } else {
      sentences = read_or_fail(pargs->conllu_in);
    }
    for (auto& s : sentences) {
      if (pargs->files.empty()) pipeline.annotate(s.sentence);
      // Features and enhanced dependencies are not predicted: drop the input's, now stale.
      for (auto* column : {&s.feats, &s.deps})
        for (std::string& value : *column) value.assign(1, '_');
    }
    if (pargs->output.empty()) {
      extract::write_conllu(std::cout, sentences);
    } else {
      std::ofstream out(pargs->output);
      if (!out) throw UserError("cannot write " + pargs->output);
      extract::write_conllu(out, sentences);
    }
  });

  struct EvalArgs {
    std::string gold, predicted;
  };
  auto eargs = std::make_shared<EvalArgs>();
  auto* eval = app.add_subcommand("eval-conllu", "Score predicted CoNLL-U against gold");
  eval->add_option("gold", eargs->gold, "Gold CoNLL-U")->required()->check(CLI::ExistingFile);
  eval->add_option("predicted", eargs->predicted, "Predicted CoNLL-U")
      ->required()
      ->check(CLI::ExistingFile);
  eval->callback([eargs] {
    auto gold = read_or_fail(eargs->gold);
    auto predicted = read_or_fail(eargs->predicted);
    extract::ConlluScores s, base;
    try {
      s = extract::score_conllu(gold, predicted);
      base = extract::score_conllu(gold, predicted, true);
    } catch (const std::runtime_error& e) {
      throw UserError(e.what());
    }
    using extract::ConlluScores;
    std::cout << std::fixed << std::setprecision(2) << "words  " << s.words << "\n"
              << "UPOS   " << ConlluScores::percent(s.upos, s.words) << "\n"
              << "XPOS   " << ConlluScores::percent(s.xpos, s.words) << "\n"
              << "Lemma  " << ConlluScores::percent(s.lemma, s.words) << "\n"
              << "UAS    " << ConlluScores::percent(s.head, s.words) << "\n"
              << "LAS    " << ConlluScores::percent(s.labeled, s.words) << "\n"
              << "LAS-universal " << ConlluScores::percent(base.labeled, base.words)
              << "  (relation subtypes ignored, as in CoNLL 2018)\n";
  });
}

}  // namespace kg::cli
