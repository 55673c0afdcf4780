#include "extract/entities/ner_train.h"

#include <algorithm>
#include <chrono>
#include <ostream>
#include <random>
#include <stdexcept>
#include <unordered_map>

namespace kg::extract::ner {
namespace {

using FeatureSets = std::vector<std::vector<std::vector<uint64_t>>>;  // sentence, token, features

int type_index(const std::string& type) {
  for (size_t t = 0; t < kEntityTypes.size(); ++t)
    if (type == kEntityTypes[t]) return static_cast<int>(t);
  throw std::runtime_error("unknown entity type '" + type + "'");
}

std::vector<std::vector<std::string_view>> document_forms(const ConllDocument& doc) {
  std::vector<std::vector<std::string_view>> forms;
  for (const auto& sentence : doc.sentences) {
    forms.emplace_back();
    for (const ConllLine& line : sentence) forms.back().push_back(line.form);
  }
  return forms;
}

// One training example source: a prepared document with gold labels and static features.
struct TrainingDoc {
  std::vector<std::vector<std::string_view>> forms;
  PreparedDocument prepared;
  std::vector<std::vector<int>> gold;
};

// Averaged perceptron over the given documents' sentences; returns the averaged weights.
WeightTable train_one(const std::vector<const TrainingDoc*>& docs,
                      const std::vector<const FeatureSets*>& features, const NerTrainOptions& opt,
                      uint64_t seed) {
  PerceptronTrainer trainer;
  std::unordered_map<uint64_t, uint32_t> counts;
  if (opt.min_count > 1)
    for (const FeatureSets* f : features)
      for (const auto& sentence : *f)
        for (const auto& token : sentence)
          for (uint64_t h : token) ++counts[h];
  // Rows per token, resolved once; features below min_count get no row (-1).
  std::vector<std::vector<std::vector<int64_t>>> rows;
  std::vector<std::pair<size_t, size_t>> order;  // (doc, sentence)
  for (size_t d = 0; d < docs.size(); ++d) {
    for (size_t s = 0; s < features[d]->size(); ++s) {
      std::vector<std::vector<int64_t>> sentence_rows;
      for (const auto& token : (*features[d])[s]) {
        std::vector<int64_t> r;
        r.reserve(token.size());
        for (uint64_t h : token)
          if (opt.min_count <= 1 || counts[h] >= static_cast<uint32_t>(opt.min_count))
            r.push_back(trainer.row(h, true));
        sentence_rows.push_back(std::move(r));
      }
      rows.push_back(std::move(sentence_rows));
      order.emplace_back(d, s);
    }
  }
  std::vector<size_t> permutation(order.size());
  for (size_t i = 0; i < permutation.size(); ++i) permutation[i] = i;
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> history;
  std::vector<int64_t> all_rows;
  float scores[kNumLabels];
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    // Fisher-Yates with our own draws, so the order is the same with any standard library.
    for (size_t i = permutation.size(); i > 1; --i)
      std::swap(permutation[i - 1], permutation[rng() % i]);
    for (size_t k : permutation) {
      auto [d, s] = order[k];
      const auto& tokens = docs[d]->prepared.sentences[s];
      const auto& gold = docs[d]->gold[s];
      int prev = -1, prev2 = -1;
      for (size_t i = 0; i < tokens.size(); ++i) {
        history.clear();
        history_features(tokens[i], prev, prev2, history);
        all_rows = rows[k][i];
        for (uint64_t h : history) all_rows.push_back(trainer.row(h, true));
        std::fill(scores, scores + kNumLabels, 0.0f);
        trainer.score(all_rows, scores);
        bool last = i + 1 == tokens.size();
        int best = -1;
        for (int l = 0; l < kNumLabels; ++l)
          if (label_allowed(prev, l, last) && (best < 0 || scores[l] > scores[best])) best = l;
        if (best != gold[i]) trainer.update(all_rows, gold[i], best);
        trainer.tick();
        prev2 = prev;
        prev = best;
      }
    }
  }
  return trainer.averaged(opt.min_weight);
}

// Several perceptrons, each seeing the sentences in its own order, summed into one table:
// this removes much of the variance that the order of examples causes.
WeightTable train_stage(const std::vector<const TrainingDoc*>& docs,
                        const std::vector<const FeatureSets*>& features, const NerTrainOptions& opt,
                        uint64_t seed) {
  WeightTable sum = train_one(docs, features, opt, seed);
  for (int k = 1; k < opt.ensemble; ++k)
    sum.accumulate(train_one(docs, features, opt, seed * 7919 + k));
  return sum;
}

std::vector<std::vector<int>> decode_document(const WeightTable& weights, const TrainingDoc& doc,
                                              const FeatureSets& features) {
  std::vector<std::vector<int>> labels(doc.prepared.sentences.size());
  for (size_t s = 0; s < labels.size(); ++s)
    labels[s] = decode_sentence(weights, doc.prepared.sentences[s], features[s]);
  return labels;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::vector<int> gold_labels(const std::vector<ConllLine>& sentence) {
  std::vector<std::string> tags;
  for (const ConllLine& line : sentence) tags.push_back(line.columns.back());
  std::vector<int> labels(sentence.size(), 0);
  for (const Chunk& c : chunks_from_tags(tags)) {
    int type = type_index(c.type);
    if (c.first == c.last) {
      labels[c.first] = make_label(type, kU);
      continue;
    }
    labels[c.first] = make_label(type, kB);
    for (uint32_t i = c.first + 1; i < c.last; ++i) labels[i] = make_label(type, kI);
    labels[c.last] = make_label(type, kL);
  }
  return labels;
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

NerScores evaluate_model(const NerModel& model, const std::vector<ConllDocument>& docs,
                         bool stage_one_only) {
  NerScores scores;
  for (const ConllDocument& doc : docs) {
    auto labels = model.label(document_forms(doc), stage_one_only);
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      std::vector<std::string> gold;
      for (const ConllLine& line : doc.sentences[s]) gold.push_back(line.columns.back());
      scores.add(gold, labels_to_iob2(labels[s]));
    }
  }
  return scores;
}

NerModel train_ner(const NerTrainOptions& options, std::ostream& log) {
  auto start = std::chrono::steady_clock::now();
  if (options.epochs < 1 || options.folds < 2) throw std::invalid_argument("bad training options");
  std::vector<ConllDocument> train_docs = read_conll(options.train_path);
  std::vector<ConllDocument> dev_docs;
  if (!options.dev_path.empty()) dev_docs = read_conll(options.dev_path);
  NerModel model;
  std::string clusters_path = options.model_dir + "/" + kClustersFile;
  model.clusters = WordClusters::load(clusters_path);
  model.clusters_fingerprint = file_fingerprint(clusters_path);
  model.gazetteer = Gazetteer::build(options.wordnet_dir, options.iso_codes_dir);
  if (options.word_lexicon) model.lexicon = WordLexicon::build(options.wordnet_dir);
  log << "gazetteer: " << model.gazetteer.size()
      << " entries; word lexicon: " << model.lexicon.size()
      << " words; clusters: " << model.clusters.size() << " words\n";

  std::vector<TrainingDoc> docs(train_docs.size());
  std::vector<FeatureSets> first_features(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    docs[d].forms = document_forms(train_docs[d]);
    docs[d].prepared =
        prepare_document(docs[d].forms, model.gazetteer, model.clusters, &model.lexicon);
    for (const auto& sentence : train_docs[d].sentences)
      docs[d].gold.push_back(gold_labels(sentence));
    first_features[d] = stage_one_features(docs[d].prepared);
  }
  log << "prepared " << docs.size() << " training documents (" << seconds_since(start) << " s)\n";

  // Jackknife: stage one's labels on each fold come from a model that never saw that fold,
  // so stage two learns how far to trust them on unseen text.
  std::vector<std::vector<std::vector<int>>> jackknifed(docs.size());
  for (int fold = 0; fold < options.folds && !options.stage_one_only; ++fold) {
    std::vector<const TrainingDoc*> part;
    std::vector<const FeatureSets*> part_features;
    for (size_t d = 0; d < docs.size(); ++d) {
      if (static_cast<int>(d % options.folds) == fold) continue;
      part.push_back(&docs[d]);
      part_features.push_back(&first_features[d]);
    }
    WeightTable weights = train_stage(part, part_features, options, 1000 + fold);
    for (size_t d = fold; d < docs.size(); d += options.folds)
      jackknifed[d] = decode_document(weights, docs[d], first_features[d]);
    log << "stage one, fold " << fold + 1 << "/" << options.folds << " (" << seconds_since(start)
        << " s)\n";
  }
  std::vector<const TrainingDoc*> all;
  std::vector<const FeatureSets*> all_first;
  for (size_t d = 0; d < docs.size(); ++d) {
    all.push_back(&docs[d]);
    all_first.push_back(&first_features[d]);
  }
  model.stage_one = train_stage(all, all_first, options, 1);
  log << "stage one: " << model.stage_one.size() << " features (" << seconds_since(start)
      << " s)\n";
  first_features.clear();
  if (!dev_docs.empty()) {
    NerCounts c = evaluate_model(model, dev_docs, true).overall;
    log << "dev, stage one only: precision " << c.precision() << " recall " << c.recall() << " F1 "
        << c.f1() << "\n";
  }
  if (options.stage_one_only) return model;

  std::vector<FeatureSets> second_features(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    StageOneView view = make_stage_one_view(docs[d].prepared, std::move(jackknifed[d]));
    second_features[d] = stage_two_feature_sets(docs[d].prepared, view);
  }
  std::vector<const FeatureSets*> all_second;
  for (const auto& f : second_features) all_second.push_back(&f);
  model.stage_two = train_stage(all, all_second, options, 2);
  log << "stage two: " << model.stage_two.size() << " features (" << seconds_since(start)
      << " s)\n";
  if (!dev_docs.empty()) {
    NerScores scores = evaluate_model(model, dev_docs);
    log << "dev: ";
    print_scores(log, scores);
  }
  model.save(options.model_dir + "/" + kModelFile);
  log << "wrote " << options.model_dir << "/" << kModelFile << "\n";
  return model;
}

}  // namespace kg::extract::ner
