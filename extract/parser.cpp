#include "extract/parser.h"

#include <algorithm>
#include <limits>
#include <map>
#include <ostream>
#include <random>
#include <stdexcept>

namespace kg::extract {
namespace {

constexpr uint64_t kNone = 0x2545f4914f6cdd1dull;  // value of a feature whose position is empty
constexpr uint64_t kRootWord = 0x9e3779b97f4a7c15ull;
constexpr int kShift = 0, kReduce = 1, kFirstLeft = 2;  // then L left arcs, then L right arcs
constexpr uint32_t kClustered = 0x80000000u;            // in a lexicon entry: the word has clusters

std::string lowercase(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Arc-eager configuration: stack, buffer front and the partial tree with the child summaries
// the features look at. Index 0 is the artificial root; words are 1..n.
struct State {
  int n = 0;
  int front = 1;  // first word of the buffer; buffer empty when front > n
  bool root_taken = false;
  std::vector<int> stack;
  std::vector<int> head, label, left1, left2, right1, right2, n_left, n_right;
  std::vector<uint64_t> left_labels, right_labels;

  explicit State(int words) : n(words) {
    stack.reserve(words + 1);
    stack.push_back(0);
    for (auto* v : {&head, &label, &left1, &left2, &right1, &right2}) v->assign(words + 1, -1);
    n_left.assign(words + 1, 0);
    n_right.assign(words + 1, 0);
    left_labels.assign(words + 1, 0);
    right_labels.assign(words + 1, 0);
  }
  bool terminal() const { return front > n; }
  int top() const { return stack.back(); }

  void add_arc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    if (d < h) {
      if (left1[h] < 0 || d < left1[h])
        left2[h] = left1[h], left1[h] = d;
      else if (left2[h] < 0 || d < left2[h])
        left2[h] = d;
      ++n_left[h];
      left_labels[h] |= 1ull << l;
    } else {
      if (right1[h] < 0 || d > right1[h])
        right2[h] = right1[h], right1[h] = d;
      else if (right2[h] < 0 || d > right2[h])
        right2[h] = d;
      ++n_right[h];
      right_labels[h] |= 1ull << l;
    }
    if (h == 0) root_taken = true;
  }

  void apply(int move, int num_labels) {
    if (move == kShift) {
      stack.push_back(front++);
    } else if (move == kReduce) {
      stack.pop_back();
    } else if (move < kFirstLeft + num_labels) {
      add_arc(front, top(), move - kFirstLeft);
      stack.pop_back();
    } else {
      add_arc(top(), front, move - kFirstLeft - num_labels);
      stack.push_back(front++);
    }
  }
};

// Which moves are allowed. The root takes exactly one dependent, always labeled root_label.
void valid_moves(const State& s, int num_labels, int root_label, std::vector<char>& valid) {
  valid.assign(kFirstLeft + 2 * num_labels, 0);
  const int s0 = s.top();
  const bool buffer = !s.terminal();
  valid[kShift] = buffer;
  valid[kReduce] = s0 != 0 && s.head[s0] >= 0;
  if (buffer && s0 != 0 && s.head[s0] < 0)
    for (int l = 0; l < num_labels; ++l) valid[kFirstLeft + l] = l != root_label;
  if (buffer) {
    if (s0 == 0) {
      if (!s.root_taken) valid[kFirstLeft + num_labels + root_label] = 1;
    } else {
      for (int l = 0; l < num_labels; ++l) valid[kFirstLeft + num_labels + l] = l != root_label;
    }
  }
}

// Dynamic-oracle cost of each valid move: how many gold arcs it makes unreachable.
void move_costs(const State& s, const std::vector<int>& gold_head,
                const std::vector<int>& gold_label, int gold_root, int num_labels,
                const std::vector<char>& valid, std::vector<int>& costs) {
  costs.assign(valid.size(), std::numeric_limits<int>::max());
  const int s0 = s.top(), b = s.front;
  auto in_buffer = [&](int k) { return k >= b && k <= s.n; };
  int s0_deps_in_buffer = 0;
  for (int k = b; k <= s.n; ++k) s0_deps_in_buffer += gold_head[k] == s0;
  if (valid[kReduce]) costs[kReduce] = s0_deps_in_buffer;
  if (s.terminal()) return;
  // Words on the stack that could still take b as head, and whether b's head is on the stack.
  int stack_deps_of_b = 0;
  bool b_head_on_stack = false, b_head_below_top = false;
  for (int k : s.stack) {
    if (k != 0 && s.head[k] < 0 && gold_head[k] == b) ++stack_deps_of_b;
    if (gold_head[b] == k) {
      b_head_on_stack = true;
      if (k != s0) b_head_below_top = true;
    }
  }
  if (valid[kShift]) costs[kShift] = stack_deps_of_b + (b_head_on_stack ? 1 : 0);
  const int left_cost =
      s0_deps_in_buffer + (in_buffer(gold_head[s0]) && gold_head[s0] != b ? 1 : 0);
  for (int l = 0; l < num_labels; ++l) {
    int move = kFirstLeft + l;
    if (valid[move]) costs[move] = left_cost + (gold_head[s0] == b && gold_label[s0] != l ? 1 : 0);
  }
  int right_cost = stack_deps_of_b;
  if (gold_head[b] != s0 && (b_head_below_top || (gold_head[b] > b))) ++right_cost;
  if (s0 == 0 && gold_head[b] != 0 && gold_root > b) ++right_cost;  // the single root is used up
  for (int l = 0; l < num_labels; ++l) {
    int move = kFirstLeft + num_labels + l;
    if (valid[move]) costs[move] = right_cost + (gold_head[b] == s0 && gold_label[b] != l ? 1 : 0);
  }
}

// Per-word values the features combine.
struct WordValues {
  std::vector<uint64_t> word, tag, upos, cluster, coarse, lexical;
};

// What a word's spelling says about its tag when it was never seen: last three letters,
// capitalization, digits and hyphens.
uint64_t spelling_class(const std::string& form, const std::string& lower) {
  bool upper = !form.empty() && form[0] >= 'A' && form[0] <= 'Z', digit = false, hyphen = false;
  for (char ch : form) digit |= ch >= '0' && ch <= '9', hyphen |= ch == '-';
  const size_t len = std::min<size_t>(3, lower.size());
  return hash_combine(hash_string(std::string_view(lower).substr(lower.size() - len)),
                      upper | digit << 1 | hyphen << 2);
}

// Clusters and UPOS give the parser evidence that survives a wrong fine-grained tag, and so do
// the tags a word had in training (its ambiguity class; `held_out` replaces the lookup during
// training) or, for a word never seen, its spelling.
WordValues word_values(const Sentence& sentence,
                       const std::unordered_map<std::string, uint64_t>& lexicon,
                       const std::vector<uint32_t>* held_out = nullptr) {
  WordValues v;
  for (auto* column : {&v.word, &v.tag, &v.upos, &v.cluster, &v.coarse, &v.lexical})
    column->push_back(kRootWord);
  std::string key;
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    const Token& t = sentence.tokens[i];
    std::string lower = lowercase(t.form);
    v.word.push_back(hash_string(lower));
    key.assign(t.xpos).append("|").append(t.upos);
    v.tag.push_back(hash_string(key));
    v.upos.push_back(hash_string(t.upos));
    auto entry = lexicon.find(lower);
    const uint64_t known = entry == lexicon.end() ? 0 : entry->second;
    const uint32_t clusters = static_cast<uint32_t>(known);
    const bool clustered = clusters & kClustered;
    v.cluster.push_back(clustered ? 1 + (clusters & 0xffff) : 0);
    v.coarse.push_back(clustered ? 1 + ((clusters & ~kClustered) >> 16) : 0);
    const uint32_t tags = held_out ? (*held_out)[i] : static_cast<uint32_t>(known >> 32);
    v.lexical.push_back(tags ? tags : spelling_class(t.form, lower));
  }
  return v;
}

// Zhang & Nivre (2011) feature templates plus the third stack element.
void parser_features(const State& s, const WordValues& v, std::vector<uint64_t>& out) {
  out.clear();
  auto w = [&](int i) { return i < 0 ? kNone : v.word[i]; };
  auto p = [&](int i) { return i < 0 ? kNone : v.tag[i]; };
  auto lab = [&](int i) {
    return i < 0 || s.label[i] < 0 ? kNone : static_cast<uint64_t>(s.label[i]);
  };
  auto wp = [&](int i) { return hash_combine(w(i), p(i)); };
  const int depth = static_cast<int>(s.stack.size());
  const int s0 = s.stack.back();
  const int s1 = depth >= 2 ? s.stack[depth - 2] : -1;
  const int s2 = depth >= 3 ? s.stack[depth - 3] : -1;
  const int n0 = s.front <= s.n ? s.front : -1;
  const int n1 = n0 >= 0 && n0 + 1 <= s.n ? n0 + 1 : -1;
  const int n2 = n1 >= 0 && n1 + 1 <= s.n ? n1 + 1 : -1;
  const int s0h = s0 > 0 ? s.head[s0] : -1;
  const int s0h2 = s0h > 0 ? s.head[s0h] : -1;
  const int s0l = s.left1[s0], s0l2 = s.left2[s0], s0r = s.right1[s0], s0r2 = s.right2[s0];
  const int n0l = n0 >= 0 ? s.left1[n0] : -1, n0l2 = n0 >= 0 ? s.left2[n0] : -1;
  const uint64_t dist = n0 >= 0 ? static_cast<uint64_t>(std::min(n0 - s0, 10)) : kNone;
  const uint64_t s0vl = s.n_left[s0], s0vr = s.n_right[s0];
  const uint64_t n0vl = n0 >= 0 ? static_cast<uint64_t>(s.n_left[n0]) : kNone;
  const uint64_t s0sl = s.left_labels[s0], s0sr = s.right_labels[s0];
  const uint64_t n0sl = n0 >= 0 ? s.left_labels[n0] : kNone;
  uint32_t t = 0;
  auto f = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) { out.push_back(feat(t++, a, b, c)); };
  // single words
  f(wp(s0));
  f(w(s0));
  f(p(s0));
  f(wp(n0));
  f(w(n0));
  f(p(n0));
  f(wp(n1));
  f(w(n1));
  f(p(n1));
  f(wp(n2));
  f(w(n2));
  f(p(n2));
  // pairs
  f(wp(s0), wp(n0));
  f(wp(s0), w(n0));
  f(w(s0), wp(n0));
  f(wp(s0), p(n0));
  f(p(s0), wp(n0));
  f(w(s0), w(n0));
  f(p(s0), p(n0));
  f(p(n0), p(n1));
  // triples of tags
  f(p(n0), p(n1), p(n2));
  f(p(s0), p(n0), p(n1));
  f(p(s0h), p(s0), p(n0));
  f(p(s0), p(s0l), p(n0));
  f(p(s0), p(s0r), p(n0));
  f(p(s0), p(n0), p(n0l));
  // distance
  f(w(s0), dist);
  f(p(s0), dist);
  f(w(n0), dist);
  f(p(n0), dist);
  f(w(s0), w(n0), dist);
  f(p(s0), p(n0), dist);
  // valency
  f(w(s0), s0vr);
  f(p(s0), s0vr);
  f(w(s0), s0vl);
  f(p(s0), s0vl);
  f(w(n0), n0vl);
  f(p(n0), n0vl);
  // heads and children
  f(w(s0h));
  f(p(s0h));
  f(lab(s0));
  f(w(s0l));
  f(p(s0l));
  f(lab(s0l));
  f(w(s0r));
  f(p(s0r));
  f(lab(s0r));
  f(w(n0l));
  f(p(n0l));
  f(lab(n0l));
  // second order
  f(w(s0h2));
  f(p(s0h2));
  f(lab(s0h));
  f(w(s0l2));
  f(p(s0l2));
  f(lab(s0l2));
  f(w(s0r2));
  f(p(s0r2));
  f(lab(s0r2));
  f(w(n0l2));
  f(p(n0l2));
  f(lab(n0l2));
  f(p(s0), p(s0l), p(s0l2));
  f(p(s0), p(s0r), p(s0r2));
  f(p(s0), p(s0h), p(s0h2));
  f(p(n0), p(n0l), p(n0l2));
  // label sets
  f(w(s0), s0sr);
  f(p(s0), s0sr);
  f(w(s0), s0sl);
  f(p(s0), s0sl);
  f(w(n0), n0sl);
  f(p(n0), n0sl);
  // third stack element and root state
  f(w(s1));
  f(p(s1));
  f(p(s1), p(s0), p(n0));
  f(wp(s1), p(s0));
  f(p(s2), p(s1), p(s0));
  f(s.root_taken ? 1 : 2, s0 == 0 ? 1 : 2, p(n0));
  f(w(n0), w(n1));
  f(p(s1), w(s0), p(n0));
  f(wp(s0), p(n0), p(n1));
  f(p(s0), wp(n0), p(n1));
  // coarse tags and word clusters
  auto u = [&](int i) { return i < 0 ? kNone : v.upos[i]; };
  auto c = [&](int i) { return i < 0 ? kNone : v.cluster[i]; };
  auto cc = [&](int i) { return i < 0 ? kNone : v.coarse[i]; };
  f(u(s0), u(n0));
  f(u(s0), u(n0), u(n1));
  f(u(s1), u(s0), u(n0));
  f(u(s0h), u(s0), u(n0));
  f(c(s0));
  f(c(n0));
  f(c(n1));
  f(c(s0), c(n0));
  f(c(s0), p(n0));
  f(p(s0), c(n0));
  f(cc(s0), cc(n0), dist);
  f(cc(s0), cc(n0), cc(n1));
  f(c(s0h), c(s0));
  f(c(n0), cc(n0l));
  f(cc(s0), u(s0r), u(n0));
  // ambiguity classes (or spelling of unseen words) against the predicted tags
  auto a = [&](int i) { return i < 0 ? kNone : v.lexical[i]; };
  f(a(s0), p(s0));
  f(a(n0), p(n0));
  f(a(n1), p(n1));
  f(a(s0), a(n0));
  f(p(s0), a(n0), a(n1));
  f(hash_combine(c(s0), u(s0)), hash_combine(c(n0), u(n0)), dist);
}

// Attaches words the transitions left without a head: the first becomes the root if there is
// none, the rest hang from the root word.
void finish_tree(State& s, int root_label, int fallback_label) {
  int root_word = -1;
  for (int i = 1; i <= s.n; ++i)
    if (s.head[i] == 0) root_word = i;
  for (int i = 1; i <= s.n; ++i) {
    if (s.head[i] >= 0) continue;
    if (root_word < 0) {
      s.head[i] = 0, s.label[i] = root_label, root_word = i;
    } else {
      s.head[i] = root_word, s.label[i] = fallback_label;
    }
  }
}

int best_valid(const std::vector<float>& scores, const std::vector<char>& valid) {
  int best = -1;
  for (size_t m = 0; m < scores.size(); ++m)
    if (valid[m] && (best < 0 || scores[m] > scores[best])) best = static_cast<int>(m);
  return best;
}

// Fills `ambiguity` with the UPOS tags each word has in `train` and returns, per training
// sentence and word, the tags the word has in the other folds only: otherwise a rare word's class
// would always contain its tag here, and the parser would trust it more than it deserves.
std::vector<std::vector<uint32_t>> learn_ambiguity(
    const std::vector<Sentence>& train, std::unordered_map<std::string, uint32_t>& ambiguity) {
  constexpr size_t kFolds = 10;
  std::map<std::string, int> bits;
  for (const auto& s : train)
    for (const auto& t : s.tokens) bits.emplace(t.upos, 0);
  if (bits.size() > 32) throw std::runtime_error("the parser supports at most 32 UPOS tags");
  int next = 0;
  for (auto& [tag, bit] : bits) bit = next++;
  std::vector<std::unordered_map<std::string, uint32_t>> by_fold(kFolds);
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      const uint32_t bit = 1u << bits.at(t.upos);
      std::string lower = lowercase(t.form);
      ambiguity[lower] |= bit;
      by_fold[i % kFolds][lower] |= bit;
    }
  std::vector<std::vector<uint32_t>> held_out(train.size());
  for (size_t i = 0; i < train.size(); ++i)
    for (const auto& t : train[i].tokens) {
      std::string lower = lowercase(t.form);
      uint32_t tags = 0;
      for (size_t f = 0; f < kFolds; ++f) {
        if (f == i % kFolds) continue;
        auto it = by_fold[f].find(lower);
        if (it != by_fold[f].end()) tags |= it->second;
      }
      held_out[i].push_back(tags);
    }
  return held_out;
}

}  // namespace

void Parser::parse(Sentence& sentence) const {
  const int n = static_cast<int>(sentence.tokens.size());
  if (n == 0) return;
  const int num_labels = static_cast<int>(labels_.size());
  State state(n);
  WordValues values = word_values(sentence, lexicon_);
  std::vector<uint64_t> features;
  features.reserve(112);
  std::vector<float> scores(weights_.num_classes());
  std::vector<char> valid;
  while (!state.terminal()) {
    valid_moves(state, num_labels, root_label_, valid);
    parser_features(state, values, features);
    std::fill(scores.begin(), scores.end(), 0.0f);
    weights_.score(features, scores.data());
    state.apply(best_valid(scores, valid), num_labels);
  }
  int fallback =
      static_cast<int>(std::find(labels_.begin(), labels_.end(), "dep") - labels_.begin());
  if (fallback >= num_labels) fallback = 0;
  finish_tree(state, root_label_, fallback);
  for (int i = 1; i <= n; ++i) {
    sentence.tokens[i - 1].head = state.head[i];
    sentence.tokens[i - 1].deprel = labels_[state.label[i]];
  }
}

AttachmentScore Parser::evaluate(const std::vector<Sentence>& gold) const {
  AttachmentScore score;
  for (const Sentence& g : gold) {
    Sentence s = g;
    parse(s);
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      ++score.words;
      if (s.tokens[i].head == g.tokens[i].head) {
        ++score.head_correct;
        score.labeled_correct += s.tokens[i].deprel == g.tokens[i].deprel;
      }
    }
  }
  return score;
}

Parser Parser::train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                     const std::unordered_map<std::string, uint32_t>& clusters,
                     const ParserOptions& options, std::ostream* log) {
  Parser parser;
  parser.clusters_ = clusters;
  std::map<std::string, int> label_ids;
  for (const auto& s : train)
    for (const auto& t : s.tokens) label_ids.emplace(t.deprel, 0);
  label_ids.emplace("root", 0);
  label_ids.emplace("dep", 0);
  if (label_ids.size() > 64) throw std::runtime_error("the parser supports at most 64 relations");
  for (auto& [name, id] : label_ids) {
    id = static_cast<int>(parser.labels_.size());
    parser.labels_.push_back(name);
  }
  parser.root_label_ = label_ids.at("root");
  const int num_labels = static_cast<int>(parser.labels_.size());
  const int num_moves = kFirstLeft + 2 * num_labels;
  const auto held_out = learn_ambiguity(train, parser.ambiguity_);
  parser.build_lexicon();
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<uint64_t> features;
  std::vector<float> scores(num_moves);
  std::vector<char> valid;
  std::vector<int> costs;
  // One pass over the training set in a fresh random order; returns the share of wrong moves.
  auto run_epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t moves = 0, wrong = 0;
    for (size_t idx : order) {
      const Sentence& sentence = train[idx];
      const int n = static_cast<int>(sentence.tokens.size());
      std::vector<int> gold_head(n + 1, -1), gold_label(n + 1, -1);
      int gold_root = 0;
      for (int i = 1; i <= n; ++i) {
        gold_head[i] = sentence.tokens[i - 1].head;
        gold_label[i] = label_ids.at(sentence.tokens[i - 1].deprel);
        if (gold_head[i] == 0) gold_root = i;
      }
      State state(n);
      WordValues values = word_values(sentence, parser.lexicon_, &held_out[idx]);
      while (!state.terminal()) {
        valid_moves(state, num_labels, parser.root_label_, valid);
        move_costs(state, gold_head, gold_label, gold_root, num_labels, valid, costs);
        parser_features(state, values, features);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.score(features, scores.data());
        int predicted = best_valid(scores, valid);
        int min_cost = *std::min_element(costs.begin(), costs.end());
        int best_gold = -1;
        for (int m = 0; m < num_moves; ++m)
          if (valid[m] && costs[m] == min_cost && (best_gold < 0 || scores[m] > scores[best_gold]))
            best_gold = m;
        ++moves;
        int next = best_gold;
        if (costs[predicted] > min_cost) {
          ++wrong;
          trainer.update(features, best_gold, predicted);
          if (epoch >= options.explore_from_epoch && coin(rng) < options.explore_probability)
            next = predicted;
        }
        trainer.tick();
        state.apply(next, num_labels);
      }
    }
    return 100.0 * wrong / std::max<size_t>(moves, 1);
  };

  if (options.ensemble > 1) {
    // Members differ in example order and exploration; their averaged weights (after `epochs`
    // epochs each) are summed into one table, as for the tagger and the entity recognizer.
    double wrong = 0;
    auto epoch = [&](PerceptronTrainer& trainer, std::mt19937_64& rng, int e) {
      wrong = run_epoch(trainer, rng, e);
    };
    auto report = [&](int member, const WeightSum& sum) {
      if (log) *log << "parser member " << member + 1 << ": wrong moves " << wrong << "%";
      if (!dev.empty()) {
        parser.weights_ = FrozenWeights::from_sum(sum, num_moves, 0.0f);
        AttachmentScore score = parser.evaluate(dev);
        if (log)
          *log << ", dev of the first " << member + 1 << ": UAS " << score.uas() << " LAS "
               << score.las();
      }
      if (log) *log << std::endl;
    };
    WeightSum sum =
        train_ensemble(num_moves, options.ensemble, options.epochs, options.seed, epoch, report);
    parser.weights_ = FrozenWeights::from_sum(sum, num_moves, options.min_abs_weight);
    return parser;
  }

  PerceptronTrainer trainer(num_moves);
  std::mt19937_64 rng(options.seed);
  double best_las = -1;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    double wrong = run_epoch(trainer, rng, epoch);
    FrozenWeights frozen = trainer.freeze(options.min_abs_weight);
    if (log) *log << "parser epoch " << epoch << ": wrong moves " << wrong << "%";
    if (dev.empty()) {
      parser.weights_ = std::move(frozen);
    } else {
      std::swap(parser.weights_, frozen);
      AttachmentScore score = parser.evaluate(dev);
      if (log) *log << ", dev UAS " << score.uas() << " LAS " << score.las();
      if (score.las() > best_las)
        best_las = score.las();
      else
        std::swap(parser.weights_, frozen);  // keep the earlier, better epoch
    }
    if (log) *log << ", features " << parser.weights_.num_features() << std::endl;
  }
  return parser;
}

void Parser::build_lexicon() {
  lexicon_.clear();
  lexicon_.reserve(clusters_.size() + ambiguity_.size());
  for (const auto& [word, ids] : clusters_) lexicon_[word] |= ids | kClustered;
  for (const auto& [word, tags] : ambiguity_) lexicon_[word] |= static_cast<uint64_t>(tags) << 32;
}

void Parser::save(const std::string& path) const {
  ModelWriter out("parser");
  out.u32(static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) out.str(l);
  out.u32(static_cast<uint32_t>(root_label_));
  write_word_table(out, clusters_);
  weights_.save(out);
  write_word_table(out, ambiguity_);  // after the weights, so older files still load
  out.save(path);
}

Parser Parser::load(const std::string& path) {
  ModelReader in(path, "parser");
  Parser parser;
  uint32_t n = in.u32();
  if (n == 0 || n > 64) throw in.error("bad relation count");
  for (uint32_t i = 0; i < n; ++i) parser.labels_.push_back(in.str());
  parser.root_label_ = static_cast<int>(in.u32());
  if (parser.root_label_ >= static_cast<int>(n)) throw in.error("bad root relation");
  parser.clusters_ = read_word_table(in);
  parser.weights_ = FrozenWeights::load(in);
  if (parser.weights_.num_classes() != kFirstLeft + 2 * static_cast<int>(n))
    throw in.error("move count does not match relation count");
  if (!in.at_end()) parser.ambiguity_ = read_word_table(in);
  in.expect_end();
  parser.build_lexicon();
  return parser;
}

}  // namespace kg::extract
