#include "extract/syntax/tagger.h"

#include <algorithm>
#include <limits>
#include <map>
#include <ostream>
#include <random>
#include <stdexcept>

namespace kg::extract {
namespace {

constexpr uint64_t kNone = 0x5bd1e995ull;  // value of features that look beyond the sentence
// The dictionary is effectively off: on dev it cost 0.1 UPOS even at 100 occurrences / 99.9%.
constexpr int kDictMinCount = 1000000;
constexpr double kDictMinShare = 0.999;
// Marks the optional right-to-left weights in the file (more than any class count, so it cannot
// be mistaken for the start of a second pass's weights).
constexpr uint32_t kBackwardSection = 0x4b434142;  // "BACK"
// A word whose two best left-to-right scores differ by this much keeps its tag without asking
// the right-to-left model. On EWT dev, rescoring every word or only those under 40 gave the
// same tags; under 40 is about a fifth of the words, so the second model costs 4% instead of 13%.
constexpr float kSureMargin = 40.0f;

// Everything about one word the features need, computed once per sentence.
struct WordInfo {
  uint64_t form, lower, shape, flags;
  uint64_t ambiguity;                     // set of UPOS tags the word had in training (0: unseen)
  uint64_t fine_cluster, coarse_cluster;  // distributional clusters (0: unknown word)
  uint64_t prefix[4], suffix[4];
};

std::string lowercase(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Word shape with runs collapsed: "Guterres" -> "Xx", "2022" -> "d", "U.N." -> "X.X.".
std::string shape_of(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    char k = c >= 'A' && c <= 'Z'   ? 'X'
             : c >= 'a' && c <= 'z' ? 'x'
             : c >= '0' && c <= '9' ? 'd'
             : c >= 0x80            ? 'u'
                                    : static_cast<char>(c);
    if (out.empty() || out.back() != k) out.push_back(k);
    if (out.size() > 6) break;
  }
  return out;
}

// `held_out_ambiguity`, if given, replaces the dictionary lookup (used in training, where a
// word's class must come from the other folds or it would always contain the gold tag).
std::vector<WordInfo> word_infos(const Sentence& s,
                                 const std::unordered_map<std::string, uint32_t>& ambiguity,
                                 const std::unordered_map<std::string, uint32_t>& clusters,
                                 const std::vector<uint32_t>* held_out_ambiguity = nullptr) {
  std::vector<WordInfo> infos(s.tokens.size());
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const std::string& form = s.tokens[i].form;
    std::string lower = lowercase(form);
    WordInfo& w = infos[i];
    w.form = hash_string(form);
    if (held_out_ambiguity) {
      w.ambiguity = (*held_out_ambiguity)[i];
    } else {
      auto amb = ambiguity.find(form);
      if (amb == ambiguity.end()) amb = ambiguity.find(lowercase(form));
      w.ambiguity = amb == ambiguity.end() ? 0 : amb->second;
    }
    w.lower = hash_string(lower);
    auto cluster = clusters.find(lower);
    w.fine_cluster = cluster == clusters.end() ? 0 : 1 + (cluster->second & 0xffff);
    w.coarse_cluster = cluster == clusters.end() ? 0 : 1 + (cluster->second >> 16);
    w.shape = hash_string(shape_of(form));
    bool hyphen = form.find('-') != std::string::npos;
    bool digit = std::any_of(form.begin(), form.end(), [](char c) { return c >= '0' && c <= '9'; });
    bool upper = !form.empty() && form[0] >= 'A' && form[0] <= 'Z';
    w.flags = (hyphen ? 1 : 0) | (digit ? 2 : 0) | (upper ? 4 : 0) | (i == 0 ? 8 : 0);
    for (size_t k = 0; k < 4; ++k) {
      size_t len = std::min(lower.size(), k + 1);
      w.prefix[k] = hash_string(std::string_view(lower).substr(0, len));
      w.suffix[k] = hash_string(std::string_view(lower).substr(lower.size() - len));
    }
  }
  return infos;
}

// Fills `out` with the features of word i given the classes already chosen for words before it.
// `first`, in the second pass, holds the first pass's tags of the whole sentence.
void tagger_features(const std::vector<WordInfo>& w, size_t i, const std::vector<int>& tags,
                     const std::vector<int>* first, std::vector<uint64_t>& out) {
  out.clear();
  const size_t n = w.size();
  auto lower_at = [&](long j) { return j < 0 || j >= static_cast<long>(n) ? kNone : w[j].lower; };
  auto tag_at = [&](long j) { return j < 0 ? kNone : static_cast<uint64_t>(tags[j]); };
  const long li = static_cast<long>(i);
  const WordInfo& c = w[i];
  uint64_t t1 = tag_at(li - 1), t2 = tag_at(li - 2);
  out.push_back(feat(0, 0));
  out.push_back(feat(1, c.lower));
  out.push_back(feat(2, c.form));
  for (uint32_t k = 0; k < 4; ++k) out.push_back(feat(3 + k, c.prefix[k]));
  for (uint32_t k = 0; k < 4; ++k) out.push_back(feat(7 + k, c.suffix[k]));
  out.push_back(feat(11, c.shape));
  out.push_back(feat(12, lower_at(li - 1)));
  out.push_back(feat(13, lower_at(li + 1)));
  out.push_back(feat(14, lower_at(li - 2)));
  out.push_back(feat(15, lower_at(li + 2)));
  out.push_back(feat(16, i > 0 ? w[i - 1].suffix[2] : kNone));
  out.push_back(feat(17, i + 1 < n ? w[i + 1].suffix[2] : kNone));
  out.push_back(feat(18, t1));
  out.push_back(feat(19, t2, t1));
  out.push_back(feat(20, t1, c.lower));
  out.push_back(feat(21, lower_at(li - 1), c.lower));
  out.push_back(feat(22, c.lower, lower_at(li + 1)));
  out.push_back(feat(23, i + 1 < n ? w[i + 1].shape : kNone));
  out.push_back(feat(24, i > 0 ? w[i - 1].shape : kNone));
  out.push_back(feat(25, c.flags));
  out.push_back(feat(26, t1, c.suffix[2]));
  out.push_back(feat(27, t2));
  out.push_back(feat(28, t1, c.shape, c.flags));
  out.push_back(feat(29, i + 1 < n ? w[i + 1].suffix[1] : kNone, c.suffix[2]));
  const uint64_t a0 = c.ambiguity, a1 = i + 1 < n ? w[i + 1].ambiguity : kNone;
  const uint64_t a2 = i + 2 < n ? w[i + 2].ambiguity : kNone;
  out.push_back(feat(30, a0));
  out.push_back(feat(31, a1));
  out.push_back(feat(32, a0, a1));
  out.push_back(feat(33, t1, a0));
  out.push_back(feat(34, a1, a2));
  out.push_back(feat(35, t1, a0, a1));
  out.push_back(feat(36, c.lower, a1));
  out.push_back(feat(37, i > 0 ? w[i - 1].ambiguity : kNone, a0));
  const uint64_t c1 = i + 1 < n ? w[i + 1].fine_cluster : kNone;
  out.push_back(feat(38, c.fine_cluster));
  out.push_back(feat(39, c.coarse_cluster));
  out.push_back(feat(40, i > 0 ? w[i - 1].fine_cluster : kNone));
  out.push_back(feat(41, c1));
  out.push_back(feat(42, i + 2 < n ? w[i + 2].coarse_cluster : kNone));
  out.push_back(feat(43, t1, c.fine_cluster));
  out.push_back(feat(44, c.coarse_cluster, i + 1 < n ? w[i + 1].coarse_cluster : kNone));
  out.push_back(feat(45, c.fine_cluster, a1));
  if (!first) return;
  auto first_at = [&](long j) {
    return j < 0 || j >= static_cast<long>(n) ? kNone : static_cast<uint64_t>((*first)[j]);
  };
  const uint64_t f0 = first_at(li), f1 = first_at(li + 1), f2 = first_at(li + 2);
  out.push_back(feat(60, f0));
  out.push_back(feat(61, f1));
  out.push_back(feat(62, f2));
  out.push_back(feat(63, f0, f1));
  out.push_back(feat(64, f1, f2));
  out.push_back(feat(65, t1, f1));
  out.push_back(feat(66, c.lower, f1));
  out.push_back(feat(67, first_at(li - 1), f0, f1));
  out.push_back(feat(68, c.suffix[2], f1));
  out.push_back(feat(69, f0, a0));
  out.push_back(feat(70, t1, f0, f1));
  out.push_back(feat(71, lower_at(li + 1), f2));
}

int argmax(const std::vector<float>& scores) {
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

// Greedy left-to-right tags of one sentence with `weights`; `first` as for tagger_features.
// `all_scores`, if given, receives each word's class scores, num_classes per word (a dictionary
// word: 0 for its class, minus infinity for the others).
std::vector<int> greedy_tags(const std::vector<WordInfo>& infos, const Sentence& sentence,
                             const std::unordered_map<std::string, int>& dictionary,
                             const FrozenWeights& weights, const std::vector<int>* first,
                             std::vector<float>* all_scores = nullptr) {
  const size_t n = sentence.tokens.size(), classes = weights.num_classes();
  std::vector<int> tags(n);
  if (all_scores) all_scores->assign(n * classes, 0.0f);
  std::vector<uint64_t> features;
  features.reserve(64);
  std::vector<float> own_scores(all_scores ? 0 : classes);
  for (size_t i = 0; i < n; ++i) {
    float* scores = all_scores ? all_scores->data() + i * classes : own_scores.data();
    auto dict = dictionary.find(sentence.tokens[i].form);
    if (dict != dictionary.end()) {
      tags[i] = dict->second;
      std::fill(scores, scores + classes, -std::numeric_limits<float>::infinity());
      scores[tags[i]] = 0.0f;
    } else {
      tagger_features(infos, i, tags, first, features);
      std::fill(scores, scores + classes, 0.0f);
      weights.score(features, scores);
      tags[i] = static_cast<int>(std::max_element(scores, scores + classes) - scores);
    }
  }
  return tags;
}

// The words of `infos` in reverse order, as word_infos computes them for the reversed sentence.
std::vector<WordInfo> reversed_infos(const std::vector<WordInfo>& infos) {
  std::vector<WordInfo> out(infos.rbegin(), infos.rend());
  for (WordInfo& w : out) w.flags &= ~uint64_t{8};
  if (!out.empty()) out[0].flags |= 8;
  return out;
}

}  // namespace

Tagger Tagger::train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                     const std::unordered_map<std::string, uint32_t>& clusters,
                     const TaggerOptions& options, std::ostream* log) {
  Tagger tagger;
  tagger.clusters_ = clusters;
  std::map<std::pair<std::string, std::string>, int> class_ids;
  for (const auto& s : train)
    for (const auto& t : s.tokens) class_ids.emplace(std::make_pair(t.xpos, t.upos), 0);
  if (class_ids.size() > 256) throw std::runtime_error("more than 256 distinct (XPOS, UPOS) pairs");
  for (auto& [pair, id] : class_ids) {
    id = static_cast<int>(tagger.xpos_.size());
    tagger.xpos_.push_back(pair.first);
    tagger.upos_.push_back(pair.second);
  }
  auto gold_class = [&](const Token& t) { return class_ids.at({t.xpos, t.upos}); };

  // Frequent words that (almost) always carry one tag skip the classifier.
  std::unordered_map<std::string, std::map<int, int>> counts;
  for (const auto& s : train)
    for (const auto& t : s.tokens) ++counts[t.form][gold_class(t)];
  for (const auto& [form, by_class] : counts) {
    int total = 0, best = 0, best_class = 0;
    for (auto [cls, n] : by_class) {
      total += n;
      if (n > best) best = n, best_class = cls;
    }
    if (total >= kDictMinCount && best >= kDictMinShare * total)
      tagger.dictionary_[form] = best_class;
  }

  // Ambiguity classes: which UPOS tags each training word was seen with.
  std::map<std::string, int> upos_bits;
  for (const auto& u : tagger.upos_) upos_bits.emplace(u, 0);
  int bit = 0;
  for (auto& [u, b] : upos_bits) b = bit++;
  if (bit > 32) throw std::runtime_error("more than 32 UPOS tags");
  constexpr size_t kFolds = 10;
  std::vector<std::unordered_map<std::string, uint32_t>> fold_ambiguity(kFolds);
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      uint32_t b = 1u << upos_bits.at(t.upos);
      tagger.ambiguity_[t.form] |= b;
      fold_ambiguity[i % kFolds][t.form] |= b;
    }
  std::vector<std::vector<uint32_t>> held_out(train.size());
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      uint32_t mask = 0;
      for (size_t f = 0; f < kFolds; ++f) {
        if (f == i % kFolds) continue;
        auto it = fold_ambiguity[f].find(t.form);
        if (it != fold_ambiguity[f].end()) mask |= it->second;
      }
      held_out[i].push_back(mask);
    }

  const int num_classes = static_cast<int>(tagger.xpos_.size());
  std::vector<uint64_t> features;
  std::vector<float> scores(num_classes);
  // One pass over the training set in a fresh random order; returns the training accuracy.
  // `first` holds the jackknifed first-pass tags when training the second pass.
  auto run_epoch = [&](PerceptronTrainer& trainer, std::vector<size_t>& order, std::mt19937_64& rng,
                       const std::vector<std::vector<int>>* first) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t correct = 0, total = 0;
    for (size_t idx : order) {
      const Sentence& s = train[idx];
      std::vector<WordInfo> infos =
          word_infos(s, tagger.ambiguity_, tagger.clusters_, &held_out[idx]);
      std::vector<int> tags(s.tokens.size());
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        int gold = gold_class(s.tokens[i]);
        auto dict = tagger.dictionary_.find(s.tokens[i].form);
        if (dict != tagger.dictionary_.end()) {
          tags[i] = dict->second;
        } else {
          tagger_features(infos, i, tags, first ? &(*first)[idx] : nullptr, features);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.score(features, scores.data());
          int guess = argmax(scores);
          trainer.update(features, gold, guess);
          trainer.tick();
          tags[i] = guess;
        }
        correct += tags[i] == gold;
        ++total;
      }
    }
    return 100.0 * correct / std::max<size_t>(total, 1);
  };
  // UPOS and XPOS accuracy of the current weights on dev.
  auto evaluate = [&]() {
    size_t upos_ok = 0, xpos_ok = 0, n = 0;
    for (const Sentence& gold : dev) {
      Sentence s = gold;
      tagger.tag(s);
      for (size_t i = 0; i < s.tokens.size(); ++i, ++n) {
        upos_ok += s.tokens[i].upos == gold.tokens[i].upos;
        xpos_ok += s.tokens[i].xpos == gold.tokens[i].xpos;
      }
    }
    n = std::max<size_t>(n, 1);
    return std::make_pair(100.0 * upos_ok / n, 100.0 * xpos_ok / n);
  };

  // Trains the weights of one pass into `target` (which `evaluate` reads through tagger.tag).
  auto train_pass = [&](FrozenWeights& target, const std::vector<std::vector<int>>* first) {
    const char* name = first ? "second pass" : "tagger";
    std::vector<size_t> order(train.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (options.ensemble > 1) {
      // Members differ only in example order; their averaged weights are summed into one table.
      double train_acc = 0;
      auto epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int) {
        train_acc = run_epoch(trainer, order, rng, first);
      };
      auto report = [&](int member, const WeightSum& sum) {
        if (log) *log << name << " member " << member + 1 << ": train acc " << train_acc;
        if (!dev.empty()) {
          target = FrozenWeights::from_sum(sum, num_classes, 0.0f);
          auto [upos, xpos] = evaluate();
          if (log)
            *log << ", dev of the first " << member + 1 << ": UPOS " << upos << " XPOS " << xpos;
        }
        if (log) *log << std::endl;
      };
      WeightSum sum = train_ensemble(num_classes, options.ensemble, options.epochs, options.seed,
                                     epoch, report);
      target = FrozenWeights::from_sum(sum, num_classes, options.min_abs_weight);
      return;
    }
    PerceptronTrainer trainer(num_classes);
    std::mt19937_64 rng(options.seed);
    double best_acc = -1;
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
      double train_acc = run_epoch(trainer, order, rng, first);
      FrozenWeights frozen = trainer.freeze(options.min_abs_weight);
      if (log) *log << name << " epoch " << epoch << ": train acc " << train_acc;
      if (dev.empty()) {
        target = std::move(frozen);
      } else {
        std::swap(target, frozen);
        auto [acc, xpos] = evaluate();
        if (log) *log << ", dev UPOS " << acc << " XPOS " << xpos;
        if (acc > best_acc)
          best_acc = acc;
        else
          std::swap(target, frozen);  // keep the earlier, better epoch
      }
      if (log) *log << std::endl;
    }
  };

  train_pass(tagger.weights_, nullptr);
  if (options.bidirectional) {
    if (options.passes > 1) throw std::invalid_argument("a bidirectional tagger has one pass");
    std::vector<Sentence> backward_train, backward_dev;
    for (const Sentence& s : train) backward_train.push_back(reversed_sentence(s));
    for (const Sentence& s : dev) backward_dev.push_back(reversed_sentence(s));
    TaggerOptions one_way = options;
    one_way.bidirectional = false;
    if (log) *log << "right to left:" << std::endl;
    Tagger backward = Tagger::train(backward_train, backward_dev, clusters, one_way, log);
    // The same sentences give the same (XPOS, UPOS) pairs, so the class ids agree.
    if (backward.xpos_ != tagger.xpos_ || backward.upos_ != tagger.upos_)
      throw std::logic_error("tagger directions disagree on the classes");
    tagger.backward_ = std::move(backward.weights_);
    if (log && !dev.empty()) {
      auto [upos, xpos] = evaluate();
      *log << "both directions: dev UPOS " << upos << " XPOS " << xpos << std::endl;
    }
  }
  if (options.passes > 1) {
    std::vector<std::vector<int>> first = tagger.jackknife_first_pass(train, options);
    train_pass(tagger.second_pass_, &first);
  }
  return tagger;
}

std::vector<std::vector<int>> Tagger::jackknife_first_pass(const std::vector<Sentence>& train,
                                                           const TaggerOptions& options) const {
  std::map<std::pair<std::string, std::string>, int> class_ids;
  for (size_t k = 0; k < xpos_.size(); ++k)
    class_ids.emplace(std::make_pair(xpos_[k], upos_[k]), k);
  TaggerOptions one_pass = options;
  one_pass.passes = 1;
  const size_t folds = static_cast<size_t>(std::max(2, options.stack_folds));
  std::vector<std::vector<int>> tags(train.size());
  for (size_t fold = 0; fold < folds; ++fold) {
    std::vector<Sentence> rest;
    for (size_t i = 0; i < train.size(); ++i)
      if (i % folds != fold) rest.push_back(train[i]);
    // The fold's class ids may differ (a rare pair can be missing), so map back by name.
    Tagger fold_tagger = Tagger::train(rest, {}, clusters_, one_pass, nullptr);
    for (size_t i = fold; i < train.size(); i += folds) {
      Sentence tagged = train[i];
      fold_tagger.tag(tagged);
      for (const Token& t : tagged.tokens) tags[i].push_back(class_ids.at({t.xpos, t.upos}));
    }
  }
  return tags;
}

void Tagger::tag(Sentence& sentence) const {
  std::vector<WordInfo> infos = word_infos(sentence, ambiguity_, clusters_);
  std::vector<int> tags;
  if (backward_.num_classes() > 0) {
    // Words the left-to-right pass is unsure of take the class with the highest sum of both
    // directions' scores. The right-to-left model reads the left-to-right tags of the words to
    // its right instead of its own, so it scores one word without tagging the whole sentence.
    std::vector<float> forward_scores;
    tags = greedy_tags(infos, sentence, dictionary_, weights_, nullptr, &forward_scores);
    const size_t n = tags.size(), classes = backward_.num_classes();
    // Built at the first unsure word: most sentences of news text have one, some have none.
    std::vector<WordInfo> backward_infos;
    std::vector<int> backward_tags;
    std::vector<uint64_t> features;
    std::vector<float> backward_scores(classes);
    for (size_t i = 0; i < n; ++i) {
      float* sum = forward_scores.data() + i * classes;
      float best = -std::numeric_limits<float>::infinity(), second = best;
      for (size_t c = 0; c < classes; ++c) {
        if (sum[c] > best)
          second = best, best = sum[c];
        else if (sum[c] > second)
          second = sum[c];
      }
      if (best - second >= kSureMargin) continue;  // dictionary words too: the margin is infinite
      if (backward_infos.empty()) {
        backward_infos = reversed_infos(infos);
        backward_tags.assign(tags.rbegin(), tags.rend());
      }
      tagger_features(backward_infos, n - 1 - i, backward_tags, nullptr, features);
      std::fill(backward_scores.begin(), backward_scores.end(), 0.0f);
      backward_.score(features, backward_scores.data());
      for (size_t c = 0; c < classes; ++c) sum[c] += backward_scores[c];
      tags[i] = static_cast<int>(std::max_element(sum, sum + classes) - sum);
    }
  } else {
    tags = greedy_tags(infos, sentence, dictionary_, weights_, nullptr);
  }
  if (second_pass_.num_classes() > 0)
    tags = greedy_tags(infos, sentence, dictionary_, second_pass_, &tags);
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    sentence.tokens[i].xpos = xpos_[tags[i]];
    sentence.tokens[i].upos = upos_[tags[i]];
  }
}

void Tagger::prune(float min_abs_weight) {
  weights_ = weights_.pruned(min_abs_weight);
  if (backward_.num_classes() > 0) backward_ = backward_.pruned(min_abs_weight);
  if (second_pass_.num_classes() > 0) second_pass_ = second_pass_.pruned(min_abs_weight);
}

void Tagger::save(const std::string& path) const {
  ModelWriter out("tagger");
  out.u32(static_cast<uint32_t>(xpos_.size()));
  for (size_t i = 0; i < xpos_.size(); ++i) {
    out.str(xpos_[i]);
    out.str(upos_[i]);
  }
  std::map<std::string, int> sorted(dictionary_.begin(), dictionary_.end());  // stable file bytes
  out.u32(static_cast<uint32_t>(sorted.size()));
  for (const auto& [form, cls] : sorted) {
    out.str(form);
    out.u8(static_cast<uint8_t>(cls));
  }
  write_word_table(out, ambiguity_);
  write_word_table(out, clusters_);
  weights_.save(out);
  // Optional section, so one-pass files written before it existed still load.
  if (second_pass_.num_classes() > 0) second_pass_.save(out);
  if (backward_.num_classes() > 0) {
    out.u32(kBackwardSection);
    backward_.save(out);
  }
  out.save(path);
}

Tagger Tagger::load(const std::string& path) {
  ModelReader in(path, "tagger");
  Tagger tagger;
  uint32_t classes = in.u32();
  if (classes == 0 || classes > 256) throw in.error("bad tag count");
  for (uint32_t i = 0; i < classes; ++i) {
    tagger.xpos_.push_back(in.str());
    tagger.upos_.push_back(in.str());
  }
  uint32_t words = in.u32();
  for (uint32_t i = 0; i < words; ++i) {
    std::string form = in.str();
    uint8_t cls = in.u8();
    if (cls >= classes) throw in.error("tag dictionary entry out of range");
    tagger.dictionary_[form] = cls;
  }
  tagger.ambiguity_ = read_word_table(in);
  tagger.clusters_ = read_word_table(in);
  tagger.weights_ = FrozenWeights::load(in);
  if (tagger.weights_.num_classes() != static_cast<int>(classes))
    throw in.error("class count mismatch");
  if (!in.at_end() && in.peek_u32() != kBackwardSection) {
    tagger.second_pass_ = FrozenWeights::load(in);
    if (tagger.second_pass_.num_classes() != static_cast<int>(classes))
      throw in.error("second pass class count mismatch");
  }
  if (!in.at_end()) {
    if (in.u32() != kBackwardSection) throw in.error("unknown section");
    tagger.backward_ = FrozenWeights::load(in);
    if (tagger.backward_.num_classes() != static_cast<int>(classes))
      throw in.error("right-to-left class count mismatch");
  }
  in.expect_end();
  return tagger;
}

}  // namespace kg::extract
