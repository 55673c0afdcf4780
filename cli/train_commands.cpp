// kg train: every model's training command (the training code itself is in extract/, in the
// *_train.cpp files; dev scores of the recognizer come from eval/).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "eval/ner_eval.h"
#include "eval/relation_eval.h"
#include "extract/entities/ner_model.h"
#include "extract/entities/ner_train.h"
#include "extract/entities/word_clusters.h"
#include "extract/extractor.h"
#include "extract/facts/relation_pairs_train.h"
#include "extract/facts/relation_schema.h"
#include "extract/resources/paths.h"
#include "extract/syntax/conllu.h"
#include "extract/syntax/lemmatizer.h"
#include "extract/syntax/parser_guide.h"
#include "extract/syntax/tag_clusters.h"
#include "extract/syntax/tagger.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using extract::ConlluSentence;
using extract::Sentence;

// Runs `f`, turning the errors of training code (unreadable data, bad model files) into user
// errors.
template <typename F>
auto training(F&& f) {
  try {
    return f();
  } catch (const UserError&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

std::vector<Sentence> read_sentences(const std::string& path) {
  auto conllu = training([&] { return extract::read_conllu_file(path); });
  std::vector<Sentence> out;
  out.reserve(conllu.size());
  for (auto& c : conllu) out.push_back(std::move(c.sentence));
  return out;
}

// Writes sentences as CoNLL-U (for --tagged-out and --guide-trees-out).
void write_sentences(const std::string& path, const std::vector<Sentence>& sentences) {
  std::vector<ConlluSentence> conllu(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) conllu[i].sentence = sentences[i];
  std::ofstream out(path);
  extract::write_conllu(out, conllu);
  if (!out) throw UserError("cannot write " + path);
}

// Runs `save` and turns model errors into user errors.
template <typename F>
void save_model(F&& save, const std::string& path) {
  training(save);
  std::cerr << "wrote " << path << "\n";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::unordered_map<std::string, uint32_t> tag_clusters(const std::vector<Sentence>& train,
                                                       const std::vector<std::string>& paths) {
  return training([&] { return extract::build_tag_clusters(train, paths, &std::cerr); });
}

extract::Parser load_parser(const std::string& path) {
  return training([&] { return extract::Parser::load(path); });
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

void train_tagger(const TrainArgs& args) {
  auto start = std::chrono::steady_clock::now();
  auto train = read_sentences(args.train);
  std::vector<Sentence> dev;
  if (!args.dev.empty()) dev = read_sentences(args.dev);
  extract::TaggerOptions options;
  if (args.epochs > 0) options.epochs = args.epochs;
  if (args.ensemble > 0) options.ensemble = args.ensemble;
  options.passes = args.passes;
  options.seed = args.seed;
  options.bidirectional = args.bidirectional;
  if (options.bidirectional && options.passes > 1)
    throw UserError("--bidirectional and --passes 2 do not go together");
  auto clusters = tag_clusters(train, args.unlabeled);
  auto tagger = extract::Tagger::train(train, dev, clusters, options, &std::cerr);
  if (args.prune > 0) tagger.prune(args.prune);
  save_model([&] { tagger.save(args.output); }, args.output);
  std::cerr << "training took " << seconds_since(start) << " s\n";
}

void train_lemmatizer(const TrainArgs& args) {
  auto train = read_sentences(args.train);
  extract::Lemmatizer lemmatizer =
      training([] { return extract::Lemmatizer(extract::default_wordnet_dir()); });
  lemmatizer.train(train);
  if (!args.dev.empty()) {
    auto dev = read_sentences(args.dev);
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

void train_parser(const TrainArgs& args) {
  auto start = std::chrono::steady_clock::now();
  auto train = read_sentences(args.train);
  std::vector<Sentence> dev;
  if (!args.dev.empty()) dev = read_sentences(args.dev);
  auto clusters = tag_clusters(train, args.unlabeled);
  if (args.folds > 1) {
    extract::TaggerOptions tagger_options;
    tagger_options.seed = args.seed;
    if (args.tagger_epochs > 0) tagger_options.epochs = args.tagger_epochs;
    if (args.tagger_ensemble > 0) tagger_options.ensemble = args.tagger_ensemble;
    tagger_options.bidirectional = args.bidirectional;
    extract::jackknife_tags(train, args.folds, tagger_options, clusters, &std::cerr);
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
    guide = extract::ParserGuide{*guided.guide(), read_sentences(args.guide_trees_in)};
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

// kg train ner: trains, scores each stage on --dev (conlleval counting), writes the model.
struct NerArgs {
  extract::ner::NerTrainOptions options;
  std::string dev, output;
};

void train_ner(NerArgs& args) {
  fs::path out(args.output);
  if (out.filename() != extract::ner::kModelFile)
    throw UserError(std::string("the model file must be named ") + extract::ner::kModelFile);
  fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  args.options.clusters_path = (dir / extract::ner::kClustersFile).string();
  std::vector<extract::ConllDocument> dev;
  if (!args.dev.empty()) dev = training([&] { return extract::read_conll(args.dev); });
  extract::ner::NerModel model =
      training([&] { return extract::ner::train_ner(args.options, std::cerr); });
  if (!dev.empty()) {
    eval::NerCounts c = eval::evaluate_ner_model(model, dev, true).overall;
    std::cerr << "dev, stage one only: precision " << c.precision() << " recall " << c.recall()
              << " F1 " << c.f1() << "\n";
  }
  if (args.options.stage_one_only) return;
  if (!dev.empty()) {
    std::cerr << "dev: ";
    eval::print_scores(std::cerr, eval::evaluate_ner_model(model, dev));
  }
  save_model([&] { model.save(args.output); }, args.output);
}

void register_syntax_training(CLI::App* train) {
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
}

void register_ner_training(CLI::App* train) {
  struct ClusterArgs {
    std::vector<std::string> texts, conllu, conll;
    std::string output = extract::default_model_dir() + "/" + extract::ner::kClustersFile;
    extract::ner::ClusterOptions options;
  };
  auto cargs = std::make_shared<ClusterArgs>();
  auto* clusters = train->add_subcommand("ner-clusters", "Learn word classes for NER");
  clusters->add_option("--text", cargs->texts, "Raw text file or directory of .txt files");
  clusters->add_option("--conllu", cargs->conllu, "CoNLL-U file");
  clusters->add_option("--conll", cargs->conll, "CoNLL-2003 column file");
  clusters->add_option("-o,--output", cargs->output, "Cluster table to write");
  clusters->add_option("--vocabulary", cargs->options.vocabulary, "Words kept");
  clusters->add_option("--iterations", cargs->options.iterations, "Exchange passes");
  clusters->add_option("--classes", cargs->options.class_counts, "Three class counts")->expected(3);
  clusters->callback([cargs] {
    auto sentences = training([&] {
      return extract::ner::cluster_training_sentences(cargs->texts, cargs->conllu, cargs->conll);
    });
    if (sentences.empty()) throw UserError("no text given (--text, --conllu or --conll)");
    size_t words = 0;
    for (const auto& s : sentences) words += s.size();
    std::cerr << "clustering " << words << " words in " << sentences.size() << " sentences\n";
    cargs->options.verbose = true;
    auto table = extract::ner::WordClusters::train(sentences, cargs->options);
    save_model([&] { table.save(cargs->output); }, cargs->output);
  });

  auto nargs = std::make_shared<NerArgs>();
  extract::ner::NerTrainOptions& opts = nargs->options;
  opts.wordnet_dir = extract::default_wordnet_dir();
  auto* ner = train->add_subcommand("ner", "Train the entity recognizer");
  ner->add_option("--train", opts.train_path, "CoNLL-2003 training file")->required();
  ner->add_option("--dev", nargs->dev, "CoNLL-2003 development file to score");
  ner->add_option("-o,--output", nargs->output,
                  "Model file to write (its directory must hold ner-clusters.tsv)")
      ->required();
  ner->add_option("--epochs", opts.epochs, "Perceptron epochs")->check(CLI::Range(1, 1000));
  ner->add_option("--folds", opts.folds, "Jackknife folds for stage two");
  ner->add_option("--ensemble", opts.ensemble, "Perceptrons per stage, summed")
      ->check(CLI::Range(1, 64));
  ner->add_option("--min-count", opts.min_count, "Ignore rarer features");
  ner->add_option("--min-weight", opts.min_weight, "Drop smaller averaged weights");
  ner->add_flag("--stage-one-only", opts.stage_one_only,
                "Experiment: train and score the first stage only, write no model");
  ner->add_flag("--word-lexicon,!--no-word-lexicon", opts.word_lexicon,
                "Experiment: dictionary and verb-class features from WordNet (default off)");
  ner->add_option("--wordnet", opts.wordnet_dir, "WordNet dict directory");
  ner->add_option("--iso-codes", opts.iso_codes_dir, "iso-codes JSON directory");
  ner->callback([nargs] { train_ner(*nargs); });

  struct UpgradeArgs {
    std::string models = extract::default_model_dir(), output;
  };
  auto uargs = std::make_shared<UpgradeArgs>();
  auto* upgrade = train->add_subcommand(
      "upgrade-ner",
      "Re-save a recognizer model of an older file format in the current one (same predictions)");
  upgrade->add_option("--models", uargs->models, "Model directory with ner.bin and its clusters")
      ->capture_default_str();
  upgrade->add_option("-o,--output", uargs->output, "Model file to write")->required();
  upgrade->callback([uargs] {
    auto model = training([&] {
      return extract::ner::NerModel::load(uargs->models + "/" + extract::ner::kModelFile,
                                          uargs->models + "/" + extract::ner::kClustersFile);
    });
    save_model([&] { model.save(uargs->output); }, uargs->output);
  });
}

// The candidate pairs kg reads from CoNLL04 sentences, each labelled with the gold relation
// between the entities its ends' mentions overlap (by byte span in the text, the tokens joined
// by spaces), or none.
std::vector<extract::PairExample> pair_examples(const extract::Extractor& extractor,
                                                const std::string& path) {
  auto gold = training([&] { return eval::read_conll04(path); });
  std::vector<extract::PairExample> out;
  size_t related = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i];
    std::vector<std::pair<uint32_t, uint32_t>> spans;  // of each token in the text
    uint32_t offset = 0;
    for (const auto& t : g.tokens) {
      spans.emplace_back(offset, offset + static_cast<uint32_t>(t.size()));
      offset += static_cast<uint32_t>(t.size()) + 1;
    }
    auto mentions_of = [&](const std::vector<std::pair<uint32_t, uint32_t>>& ends) {
      std::vector<int> found;
      for (int m = 0; m < static_cast<int>(g.mentions.size()); ++m) {
        const uint32_t begin = spans[g.mentions[m].first].first;
        const uint32_t end = spans[g.mentions[m].last].second;
        for (const auto& [b, e] : ends)
          if (b < end && begin < e) {
            found.push_back(m);
            break;
          }
      }
      return found;
    };
    extract::ExtractOptions options;
    options.on_candidate = [&](const extract::Document&, const extract::PairCandidate& c) {
      extract::PairExample example{c, 0};
      for (int s : mentions_of(c.subject_spans))
        for (int o : mentions_of(c.object_spans))
          for (const auto& r : g.relations)
            if (r.head == s && r.tail == o && example.label == 0)
              for (size_t k = 1; k < extract::kPairClasses.size(); ++k)
                if (extract::kPairClasses[k] == r.cls) example.label = static_cast<int>(k);
      if (example.label != 0) ++related;
      out.push_back(std::move(example));
    };
    extractor.extract("conll04:" + std::to_string(i + 1), g.text(), options);
  }
  std::cerr << path << ": " << gold.size() << " sentences, " << out.size() << " candidate pairs, "
            << related << " of them related\n";
  return out;
}

void register_relation_training(CLI::App* train) {
  struct RelationArgs {
    std::string train, dev, output;
    int epochs = 12;
    int members = 1;
    uint64_t seed = 1;
  };
  auto rargs = std::make_shared<RelationArgs>();
  auto* relations = train->add_subcommand(
      "relations", "Train the pair classifier of typed relations on CoNLL04 (JSON)");
  relations->add_option("--train", rargs->train, "CoNLL04 training sentences")
      ->required()
      ->check(CLI::ExistingFile);
  relations->add_option("--dev", rargs->dev, "CoNLL04 dev sentences: epoch and none bias")
      ->required()
      ->check(CLI::ExistingFile);
  relations->add_option("--epochs", rargs->epochs, "Epochs")->capture_default_str();
  relations
      ->add_option("--members", rargs->members,
                   "Perceptrons summed (each on its own example order); 1 keeps the best epoch")
      ->capture_default_str();
  relations->add_option("--seed", rargs->seed, "Seed of the example order")->capture_default_str();
  relations->add_option("-o,--output", rargs->output, "Model file to write")->required();
  relations->callback([rargs] {
    auto start = std::chrono::steady_clock::now();
    extract::Extractor extractor = training([] {
      return extract::Extractor::load(extract::default_model_dir(), extract::default_wordnet_dir());
    });
    auto train_examples = pair_examples(extractor, rargs->train);
    auto dev_examples = pair_examples(extractor, rargs->dev);
    extract::RelationModel model = extract::train_relation_model(
        train_examples, dev_examples, rargs->epochs, rargs->members, rargs->seed, &std::cerr);
    save_model([&] { model.save(rargs->output); }, rargs->output);
    std::cerr << "trained in " << std::fixed << std::setprecision(1) << seconds_since(start)
              << " s\n";
  });
}

}  // namespace

void register_train_commands(CLI::App& app) {
  auto* train = app.add_subcommand("train", "Train a model");
  train->require_subcommand(1);
  register_syntax_training(train);
  register_ner_training(train);
  register_relation_training(train);
}

}  // namespace kg::cli
