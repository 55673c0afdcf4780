#include "extract/entities/ner_train.h"

#include <algorithm>
#include <chrono>
#include <ostream>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "extract/learn/perceptron_train.h"

namespace kg::extract::ner {
namespace {

using FeatureSets = std::vector<std::vector<std::vector<uint64_t>>>;  // sentence, token, features

int type_index(const std::string& type) {
  for (size_t t = 0; t < kEntityTypes.size(); ++t)
    if (type == kEntityTypes[t]) return static_cast<int>(t);
  throw std::runtime_error("unknown entity type '" + type + "'");
}

// One training example source: a prepared document with gold labels and static features.
struct TrainingDoc {
  std::vector<std::vector<std::string_view>> forms;
  PreparedDocument prepared;
  std::vector<std::vector<int>> gold;
};

// Features seen fewer than `min_count` times in these documents (none if min_count <= 1).
std::unordered_set<uint64_t> rare_features(const std::vector<const FeatureSets*>& features,
                                           int min_count) {
  std::unordered_set<uint64_t> rare;
  if (min_count <= 1) return rare;
  std::unordered_map<uint64_t, uint32_t> counts;
  for (const FeatureSets* f : features)
    for (const auto& sentence : *f)
      for (const auto& token : sentence)
        for (uint64_t h : token) ++counts[h];
  for (const auto& [h, n] : counts)
    if (n < static_cast<uint32_t>(min_count)) rare.insert(h);
  return rare;
}

// One stage: an ensemble of averaged perceptrons (learn/perceptron_train.h), each seeing the
// sentences in its own order and summed into one table, which removes much of the variance that
// the order of examples causes. Static features are resolved to trainer rows once per member.
FrozenWeights train_stage(const std::vector<const TrainingDoc*>& docs,
                          const std::vector<const FeatureSets*>& features,
                          const NerTrainOptions& opt, uint64_t seed) {
  const std::unordered_set<uint64_t> rare = rare_features(features, opt.min_count);
  std::vector<std::pair<size_t, size_t>> order;  // (doc, sentence) of each example
  for (size_t d = 0; d < docs.size(); ++d)
    for (size_t s = 0; s < features[d]->size(); ++s) order.emplace_back(d, s);
  std::vector<std::vector<std::vector<uint32_t>>> rows;  // example, token: static feature rows
  std::vector<size_t> permutation(order.size());
  std::vector<uint64_t> history;
  std::vector<uint32_t> all_rows;
  float scores[kNumLabels];
  auto run_epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int epoch) {
    if (epoch == 1) {  // a new member: its own rows, its examples in their first order
      rows.assign(order.size(), {});
      for (size_t k = 0; k < order.size(); ++k)
        for (const auto& token : (*features[order[k].first])[order[k].second]) {
          rows[k].emplace_back();
          for (uint64_t h : token)
            if (!rare.count(h)) rows[k].back().push_back(trainer.row(h));
        }
      for (size_t i = 0; i < permutation.size(); ++i) permutation[i] = i;
    }
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
        for (uint64_t h : history) all_rows.push_back(trainer.row(h));
        std::fill(scores, scores + kNumLabels, 0.0f);
        trainer.score_rows(all_rows, scores);
        bool last = i + 1 == tokens.size();
        int best = -1;
        for (int l = 0; l < kNumLabels; ++l)
          if (label_allowed(prev, l, last) && (best < 0 || scores[l] > scores[best])) best = l;
        trainer.update_rows(all_rows, gold[i], best);
        trainer.tick();
        prev2 = prev;
        prev = best;
      }
    }
  };
  WeightSum sum = train_ensemble(kNumLabels, opt.ensemble, opt.epochs, seed, run_epoch,
                                 [](int, const WeightSum&) {});
  return FrozenWeights::from_sum(sum, kNumLabels, opt.min_weight, /*wide=*/true);
}

std::vector<std::vector<int>> decode_document(const FrozenWeights& weights, const TrainingDoc& doc,
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

std::vector<std::vector<std::string_view>> document_forms(const ConllDocument& doc) {
  std::vector<std::vector<std::string_view>> forms;
  for (const auto& sentence : doc.sentences) {
    forms.emplace_back();
    for (const ConllLine& line : sentence) forms.back().push_back(line.form);
  }
  return forms;
}

NerModel train_ner(const NerTrainOptions& options, std::ostream& log) {
  auto start = std::chrono::steady_clock::now();
  if (options.epochs < 1 || options.folds < 2) throw std::invalid_argument("bad training options");
  std::vector<ConllDocument> train_docs = read_conll(options.train_path);
  NerModel model;
  model.clusters = WordClusters::load(options.clusters_path);
  model.clusters_fingerprint = file_fingerprint(options.clusters_path);
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
    FrozenWeights weights = train_stage(part, part_features, options, 1000 + fold);
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
  log << "stage one: " << model.stage_one.num_features() << " features (" << seconds_since(start)
      << " s)\n";
  first_features.clear();
  if (options.stage_one_only) return model;

  std::vector<FeatureSets> second_features(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    StageOneView view = make_stage_one_view(docs[d].prepared, std::move(jackknifed[d]));
    second_features[d] = stage_two_feature_sets(docs[d].prepared, view);
  }
  std::vector<const FeatureSets*> all_second;
  for (const auto& f : second_features) all_second.push_back(&f);
  model.stage_two = train_stage(all, all_second, options, 2);
  log << "stage two: " << model.stage_two.num_features() << " features (" << seconds_since(start)
      << " s)\n";
  return model;
}

}  // namespace kg::extract::ner
