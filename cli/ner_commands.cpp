// kg train ner, kg train ner-clusters, kg ner, kg eval-ner.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "extract/error.h"
#include "extract/entities/ner.h"
#include "extract/entities/ner_conll.h"
#include "extract/entities/ner_train.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"
#include "extract/entities/word_clusters.h"

namespace kg::cli {
namespace {

namespace fs = std::filesystem;
using extract::ConllDocument;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<ConllDocument> read_conll_or_fail(const std::string& path) {
  try {
    return extract::read_conll(path);
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

extract::EntityRecognizer load_recognizer(const std::string& dir) {
  try {
    return extract::EntityRecognizer::load(dir);
  } catch (const std::runtime_error& e) {
    throw UserError(std::string("cannot load the NER model: ") + e.what());
  }
}

// Sentences for clustering: raw text files (split into words), CoNLL-U and CoNLL forms.
void add_text_sentences(const std::string& path, std::vector<std::vector<std::string>>& out) {
  std::vector<fs::path> files;
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path))
      if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry);
  } else {
    files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    extract::Document doc = extract::simple_tokenize(file.string(), read_file(file.string()));
    for (const auto& s : doc.sentences) {
      out.emplace_back();
      for (const auto& t : s.tokens) out.back().push_back(t.form);
    }
  }
}

void add_conllu_sentences(const std::string& path, std::vector<std::vector<std::string>>& out) {
  std::istringstream in(read_file(path));
  std::string line;
  std::vector<std::string> sentence;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!sentence.empty()) out.push_back(std::move(sentence));
      sentence.clear();
      continue;
    }
    if (line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) throw UserError(path + ": not a CoNLL-U file");
    std::string id = line.substr(0, tab);
    if (id.find_first_of("-.") != std::string::npos) continue;  // ranges and empty nodes
    size_t tab2 = line.find('\t', tab + 1);
    sentence.push_back(line.substr(tab + 1, tab2 - tab - 1));
  }
  if (!sentence.empty()) out.push_back(std::move(sentence));
}

void register_train_commands(CLI::App& app) {
  // Other stages may have registered "train" already; share it.
  CLI::App* train = nullptr;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_name() == "train") train = sub;
  if (!train) {
    train = app.add_subcommand("train", "Train a model");
    train->require_subcommand(1);
  }

  auto* clusters = train->add_subcommand("ner-clusters", "Learn word classes for NER");
  auto texts = std::make_shared<std::vector<std::string>>();
  auto conllu = std::make_shared<std::vector<std::string>>();
  auto conll = std::make_shared<std::vector<std::string>>();
  auto cluster_out =
      std::make_shared<std::string>(extract::default_model_dir() + "/ner-clusters.tsv");
  auto cluster_opts = std::make_shared<extract::ner::ClusterOptions>();
  clusters->add_option("--text", *texts, "Raw text file or directory of .txt files");
  clusters->add_option("--conllu", *conllu, "CoNLL-U file");
  clusters->add_option("--conll", *conll, "CoNLL-2003 column file");
  clusters->add_option("-o,--output", *cluster_out, "Cluster table to write");
  clusters->add_option("--vocabulary", cluster_opts->vocabulary, "Words kept");
  clusters->add_option("--iterations", cluster_opts->iterations, "Exchange passes");
  clusters->add_option("--classes", cluster_opts->class_counts, "Three class counts")->expected(3);
  clusters->callback([=] {
    std::vector<std::vector<std::string>> sentences;
    for (const auto& t : *texts) add_text_sentences(t, sentences);
    for (const auto& f : *conllu) add_conllu_sentences(f, sentences);
    for (const auto& f : *conll)
      for (const auto& doc : read_conll_or_fail(f))
        for (const auto& s : doc.sentences) {
          sentences.emplace_back();
          for (const auto& line : s) sentences.back().push_back(line.form);
        }
    if (sentences.empty()) throw UserError("no text given (--text, --conllu or --conll)");
    size_t words = 0;
    for (const auto& s : sentences) words += s.size();
    std::cerr << "clustering " << words << " words in " << sentences.size() << " sentences\n";
    cluster_opts->verbose = true;
    auto table = extract::ner::WordClusters::train(sentences, *cluster_opts);
    table.save(*cluster_out);
    std::cerr << "wrote " << table.size() << " words to " << *cluster_out << "\n";
  });

  auto* ner = train->add_subcommand("ner", "Train the entity recognizer");
  auto opts = std::make_shared<extract::ner::NerTrainOptions>();
  auto output = std::make_shared<std::string>();
  opts->wordnet_dir = KG_WORDNET_DIR;
  ner->add_option("--train", opts->train_path, "CoNLL-2003 training file")->required();
  ner->add_option("--dev", opts->dev_path, "CoNLL-2003 development file to score");
  ner->add_option("-o,--output", *output,
                  "Model file to write (its directory must hold ner-clusters.tsv)")
      ->required();
  ner->add_option("--epochs", opts->epochs, "Perceptron epochs")->check(CLI::Range(1, 1000));
  ner->add_option("--folds", opts->folds, "Jackknife folds for stage two");
  ner->add_option("--ensemble", opts->ensemble, "Perceptrons per stage, summed")
      ->check(CLI::Range(1, 64));
  ner->add_option("--min-count", opts->min_count, "Ignore rarer features");
  ner->add_option("--min-weight", opts->min_weight, "Drop smaller averaged weights");
  ner->add_flag("--stage-one-only", opts->stage_one_only,
                "Experiment: train and score the first stage only, write no model");
  ner->add_flag("--word-lexicon,!--no-word-lexicon", opts->word_lexicon,
                "Experiment: dictionary and verb-class features from WordNet (default off)");
  ner->add_option("--wordnet", opts->wordnet_dir, "WordNet dict directory");
  ner->add_option("--iso-codes", opts->iso_codes_dir, "iso-codes JSON directory");
  ner->callback([=] {
    fs::path out(*output);
    if (out.filename() != extract::ner::kModelFile)
      throw UserError(std::string("the model file must be named ") + extract::ner::kModelFile);
    opts->model_dir = out.parent_path().empty() ? "." : out.parent_path().string();
    try {
      extract::ner::train_ner(*opts, std::cerr);
    } catch (const std::runtime_error& e) {
      throw UserError(e.what());
    }
  });
}

}  // namespace

void register_ner_commands(CLI::App& app) {
  register_train_commands(app);

  auto* ner = app.add_subcommand("ner", "Find named entities in a text or a CoNLL file");
  auto input = std::make_shared<std::string>();
  auto conll = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto models = std::make_shared<std::string>(extract::default_model_dir());
  ner->add_option("file", *input, "Raw UTF-8 text file");
  ner->add_option("--conll", *conll, "CoNLL column file: adds a predicted tag column");
  ner->add_option("-o,--output", *output, "Output file (default: standard output)");
  ner->add_option("--models", *models, "Model directory");
  ner->callback([=] {
    if (input->empty() == conll->empty())
      throw UserError("give either a text file or --conll FILE");
    std::ofstream file;
    if (!output->empty()) {
      file.open(*output);
      if (!file) throw UserError("cannot write " + *output);
    }
    std::ostream& out = output->empty() ? std::cout : file;
    extract::EntityRecognizer recognizer = load_recognizer(*models);
    if (!conll->empty()) {
      for (const ConllDocument& doc : read_conll_or_fail(*conll)) {
        std::vector<std::vector<std::string>> sentences;
        for (const auto& s : doc.sentences) {
          sentences.emplace_back();
          for (const auto& line : s) sentences.back().push_back(line.form);
        }
        auto tags = recognizer.tag(sentences);
        out << "-DOCSTART- -X- -X- O\n\n";
        for (size_t s = 0; s < doc.sentences.size(); ++s) {
          for (size_t i = 0; i < doc.sentences[s].size(); ++i) {
            const auto& line = doc.sentences[s][i];
            out << line.form;
            for (const auto& c : line.columns) out << ' ' << c;
            out << ' ' << tags[s][i] << '\n';
          }
          out << '\n';
        }
      }
      return;
    }
    extract::Document doc;
    doc.name = *input;
    try {
      doc.text = extract::decode_text(read_file(*input), *input).text;
    } catch (const extract::ExtractError& e) {
      throw UserError(e.what());
    }
    extract::tokenize(doc);
    for (const extract::Entity& e : recognizer.recognize(doc)) {
      out << e.begin << '\t' << e.end << '\t' << e.type << '\t' << e.text;
      if (!e.role.empty()) out << "\trole=" << e.role;
      if (!e.role_of.empty()) out << "\trole_of=" << e.role_of;
      out << '\n';
    }
  });

  auto* eval = app.add_subcommand("eval-ner", "Score predicted NER tags against gold (conlleval)");
  auto gold = std::make_shared<std::string>();
  auto predicted = std::make_shared<std::string>();
  eval->add_option("gold", *gold, "Gold CoNLL file (tag in the last column)")->required();
  eval->add_option("predicted", *predicted,
                   "Predicted CoNLL file (tag in the last column); if omitted, the gold file's "
                   "last two columns are gold and predicted");
  eval->callback([=] {
    extract::NerScores scores;
    try {
      if (predicted->empty())
        scores = extract::evaluate_conll_columns(read_conll_or_fail(*gold));
      else
        scores =
            extract::evaluate_conll_pair(read_conll_or_fail(*gold), read_conll_or_fail(*predicted));
    } catch (const UserError&) {
      throw;
    } catch (const std::runtime_error& e) {
      throw UserError(e.what());
    }
    extract::print_scores(std::cout, scores);
  });
}

}  // namespace kg::cli
