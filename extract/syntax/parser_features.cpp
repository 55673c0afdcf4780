#include "extract/syntax/parser_features.h"

#include <algorithm>

#include "base/ascii.h"
#include "extract/learn/hash.h"

namespace kg::extract::parsing {
namespace {

// Where the guide puts a word's head, seen from the configuration: none, the root, s0, n0, n1,
// later in the buffer, on the stack below s0, or a word already reduced (out of reach).
uint64_t guide_place(const State& s, int head, int s0, int n0, int n1) {
  if (head < 0) return 0;
  if (head == 0) return 1;
  if (head == s0) return 2;
  if (head == n0) return 3;
  if (head == n1) return 4;
  if (head >= s.front && head <= s.last) return 5;
  return s.on_stack[head] ? 6 : 7;
}

// Guide features: what the guide's tree says about the arcs s0 and n0 could take now.
template <class AddFeature>
void guide_features(const State& s, const WordValues& v, int s0, int s1, int n0, int n1,
                    uint64_t tag_s0, uint64_t tag_n0, uint64_t label_s0, AddFeature&& f) {
  auto head = [&](int i) { return i < 1 ? -1 : v.guide_head[i]; };
  auto label = [&](int i) { return i < 1 ? kNone : v.guide_label[i]; };
  const uint64_t hs0 = guide_place(s, head(s0), s0, n0, n1);
  const uint64_t hn0 = guide_place(s, head(n0), s0, n0, n1);
  const uint64_t hn1 = guide_place(s, head(n1), s0, n0, n1);
  const uint64_t hs1 = guide_place(s, head(s1), s0, n0, n1);
  // The guide's dependents of s0 still in the buffer, and of n0 still on the stack: whether
  // reducing s0 or shifting n0 would cut an arc the guide wants.
  // (Walks the guide's children lists, not the buffer and stack, to stay linear in practice.)
  uint64_t s0_waiting = 0, n0_waiting = 0;
  if (n0 >= 0) {
    for (int c = v.child_begin[s0]; c < v.child_begin[s0 + 1]; ++c)
      s0_waiting += v.guide_children[c] >= s.front && v.guide_children[c] <= s.last;
    for (int c = v.child_begin[n0]; c < v.child_begin[n0 + 1]; ++c) {
      const int k = v.guide_children[c];
      if (k >= s.front) break;
      n0_waiting += s.on_stack[k] && s.head[k] < 0;
    }
  }
  s0_waiting = std::min<uint64_t>(s0_waiting, 3);
  n0_waiting = std::min<uint64_t>(n0_waiting, 3);
  f(hs0, hn0, 0);
  f(hs0, label(s0), 0);
  f(hn0, label(n0), 0);
  f(hs0, hn0, hash_combine(tag_s0, tag_n0));
  f(hn0, label(n0), tag_n0);
  f(hs0, label(s0), tag_s0);
  f(s0_waiting, n0_waiting, 0);
  f(s0_waiting, n0_waiting, hash_combine(hs0, hn0));
  f(hn1, hn0, 0);
  f(hs1, hs0, 0);
  f(label_s0, label(s0), 0);
  f(hn0, label(n0), hash_combine(tag_s0, tag_n0));
}

// What a word's spelling says about its tag when it was never seen: last three letters,
// capitalization, digits and hyphens.
uint64_t spelling_class(const std::string& form, const std::string& lower) {
  bool upper = !form.empty() && form[0] >= 'A' && form[0] <= 'Z', digit = false, hyphen = false;
  for (char ch : form) digit |= ch >= '0' && ch <= '9', hyphen |= ch == '-';
  const size_t len = std::min<size_t>(3, lower.size());
  return hash_combine(hash_string(std::string_view(lower).substr(lower.size() - len)),
                      upper | digit << 1 | hyphen << 2);
}

}  // namespace

void index_guide_children(WordValues& v) {
  const int n = static_cast<int>(v.guide_head.size()) - 1;
  v.child_begin.assign(n + 2, 0);
  for (int i = 1; i <= n; ++i)
    if (v.guide_head[i] >= 0 && v.guide_head[i] <= n) ++v.child_begin[v.guide_head[i] + 1];
  for (int h = 0; h <= n; ++h) v.child_begin[h + 1] += v.child_begin[h];
  v.guide_children.assign(v.child_begin[n + 1], 0);
  std::vector<int> next(v.child_begin.begin(), v.child_begin.end() - 1);
  for (int i = 1; i <= n; ++i)
    if (v.guide_head[i] >= 0 && v.guide_head[i] <= n) v.guide_children[next[v.guide_head[i]]++] = i;
}

void add_guide(const Sentence& guide, WordValues& v) {
  v.guide_head.assign(1, -1);
  v.guide_label.assign(1, kNone);
  for (const Token& t : guide.tokens) {
    v.guide_head.push_back(t.head);
    v.guide_label.push_back(hash_string(t.deprel));
  }
  index_guide_children(v);
}

WordValues word_values(const Sentence& sentence,
                       const std::unordered_map<std::string, uint64_t>& lexicon,
                       const std::vector<uint32_t>* held_out) {
  WordValues v;
  for (auto* column : {&v.word, &v.tag, &v.upos, &v.cluster, &v.coarse, &v.lexical})
    column->push_back(kRootWord);
  std::string key;
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    const Token& t = sentence.tokens[i];
    std::string lower = base::ascii_lower(t.form);
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

namespace {

// The words a configuration's features look at (-1: none), and their counts and label sets.
struct Window {
  int s0, s1, s2, n0, n1, n2;  // stack top down, buffer front on
  int s0h, s0h2;               // s0's head and grandparent
  int s0l, s0l2, s0r, s0r2;    // s0's leftmost and rightmost dependents, and the next ones in
  int n0l, n0l2;               // n0's leftmost dependents
  uint64_t dist;               // n0 - s0, capped at 10
  uint64_t s0vl, s0vr, n0vl;   // valencies
  uint64_t s0sl, s0sr, n0sl;   // label sets of the left and right dependents
};

Window window_of(const State& s) {
  Window x;
  const int depth = static_cast<int>(s.stack.size());
  x.s0 = s.stack.back();
  x.s1 = depth >= 2 ? s.stack[depth - 2] : -1;
  x.s2 = depth >= 3 ? s.stack[depth - 3] : -1;
  x.n0 = s.front <= s.last ? s.front : -1;
  x.n1 = x.n0 >= 0 && x.n0 + 1 <= s.last ? x.n0 + 1 : -1;
  x.n2 = x.n1 >= 0 && x.n1 + 1 <= s.last ? x.n1 + 1 : -1;
  x.s0h = x.s0 > 0 ? s.head[x.s0] : -1;
  x.s0h2 = x.s0h > 0 ? s.head[x.s0h] : -1;
  x.s0l = s.left1[x.s0], x.s0l2 = s.left2[x.s0], x.s0r = s.right1[x.s0], x.s0r2 = s.right2[x.s0];
  x.n0l = x.n0 >= 0 ? s.left1[x.n0] : -1, x.n0l2 = x.n0 >= 0 ? s.left2[x.n0] : -1;
  x.dist = x.n0 >= 0 ? static_cast<uint64_t>(std::min(x.n0 - x.s0, 10)) : kNone;
  x.s0vl = s.n_left[x.s0], x.s0vr = s.n_right[x.s0];
  x.n0vl = x.n0 >= 0 ? static_cast<uint64_t>(s.n_left[x.n0]) : kNone;
  x.s0sl = s.left_labels[x.s0], x.s0sr = s.right_labels[x.s0];
  x.n0sl = x.n0 >= 0 ? s.left_labels[x.n0] : kNone;
  return x;
}

// Appends features numbered in the order they are added: the template id is the position.
class FeatureList {
 public:
  FeatureList(const State& s, const WordValues& v, std::vector<uint64_t>& out)
      : s_(s), v_(v), out_(out) {}
  void operator()(uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    out_.push_back(feat(t_++, a, b, c));
  }
  uint64_t w(int i) const { return i < 0 ? kNone : v_.word[i]; }
  uint64_t p(int i) const { return i < 0 ? kNone : v_.tag[i]; }
  uint64_t u(int i) const { return i < 0 ? kNone : v_.upos[i]; }
  uint64_t c(int i) const { return i < 0 ? kNone : v_.cluster[i]; }
  uint64_t cc(int i) const { return i < 0 ? kNone : v_.coarse[i]; }
  uint64_t a(int i) const { return i < 0 ? kNone : v_.lexical[i]; }
  uint64_t lab(int i) const {
    return i < 0 || s_.label[i] < 0 ? kNone : static_cast<uint64_t>(s_.label[i]);
  }
  uint64_t wp(int i) const { return hash_combine(w(i), p(i)); }

 private:
  const State& s_;
  const WordValues& v_;
  std::vector<uint64_t>& out_;
  uint32_t t_ = 0;
};

// Zhang & Nivre's (2011) templates: words, pairs, tag triples, distance, valency, heads and
// children to the second order, label sets.
void zhang_nivre_features(const Window& x, FeatureList& f) {
  const int s0 = x.s0, n0 = x.n0, n1 = x.n1, n2 = x.n2;
  // single words
  f(f.wp(s0));
  f(f.w(s0));
  f(f.p(s0));
  f(f.wp(n0));
  f(f.w(n0));
  f(f.p(n0));
  f(f.wp(n1));
  f(f.w(n1));
  f(f.p(n1));
  f(f.wp(n2));
  f(f.w(n2));
  f(f.p(n2));
  // pairs
  f(f.wp(s0), f.wp(n0));
  f(f.wp(s0), f.w(n0));
  f(f.w(s0), f.wp(n0));
  f(f.wp(s0), f.p(n0));
  f(f.p(s0), f.wp(n0));
  f(f.w(s0), f.w(n0));
  f(f.p(s0), f.p(n0));
  f(f.p(n0), f.p(n1));
  // triples of tags
  f(f.p(n0), f.p(n1), f.p(n2));
  f(f.p(s0), f.p(n0), f.p(n1));
  f(f.p(x.s0h), f.p(s0), f.p(n0));
  f(f.p(s0), f.p(x.s0l), f.p(n0));
  f(f.p(s0), f.p(x.s0r), f.p(n0));
  f(f.p(s0), f.p(n0), f.p(x.n0l));
  // distance
  f(f.w(s0), x.dist);
  f(f.p(s0), x.dist);
  f(f.w(n0), x.dist);
  f(f.p(n0), x.dist);
  f(f.w(s0), f.w(n0), x.dist);
  f(f.p(s0), f.p(n0), x.dist);
  // valency
  f(f.w(s0), x.s0vr);
  f(f.p(s0), x.s0vr);
  f(f.w(s0), x.s0vl);
  f(f.p(s0), x.s0vl);
  f(f.w(n0), x.n0vl);
  f(f.p(n0), x.n0vl);
  // heads and children
  f(f.w(x.s0h));
  f(f.p(x.s0h));
  f(f.lab(s0));
  f(f.w(x.s0l));
  f(f.p(x.s0l));
  f(f.lab(x.s0l));
  f(f.w(x.s0r));
  f(f.p(x.s0r));
  f(f.lab(x.s0r));
  f(f.w(x.n0l));
  f(f.p(x.n0l));
  f(f.lab(x.n0l));
  // second order
  f(f.w(x.s0h2));
  f(f.p(x.s0h2));
  f(f.lab(x.s0h));
  f(f.w(x.s0l2));
  f(f.p(x.s0l2));
  f(f.lab(x.s0l2));
  f(f.w(x.s0r2));
  f(f.p(x.s0r2));
  f(f.lab(x.s0r2));
  f(f.w(x.n0l2));
  f(f.p(x.n0l2));
  f(f.lab(x.n0l2));
  f(f.p(s0), f.p(x.s0l), f.p(x.s0l2));
  f(f.p(s0), f.p(x.s0r), f.p(x.s0r2));
  f(f.p(s0), f.p(x.s0h), f.p(x.s0h2));
  f(f.p(n0), f.p(x.n0l), f.p(x.n0l2));
  // label sets
  f(f.w(s0), x.s0sr);
  f(f.p(s0), x.s0sr);
  f(f.w(s0), x.s0sl);
  f(f.p(s0), x.s0sl);
  f(f.w(n0), x.n0sl);
  f(f.p(n0), x.n0sl);
}

// Beyond Zhang & Nivre: the third stack element and the root's state, coarse tags and word
// clusters (Koo et al. 2008), ambiguity classes against the predicted tags.
void extended_features(const State& s, const Window& x, FeatureList& f) {
  const int s0 = x.s0, s1 = x.s1, n0 = x.n0, n1 = x.n1;
  // third stack element and root state
  f(f.w(s1));
  f(f.p(s1));
  f(f.p(s1), f.p(s0), f.p(n0));
  f(f.wp(s1), f.p(s0));
  f(f.p(x.s2), f.p(s1), f.p(s0));
  f(s.root_taken ? 1 : 2, s0 == 0 ? 1 : 2, f.p(n0));
  f(f.w(n0), f.w(n1));
  f(f.p(s1), f.w(s0), f.p(n0));
  f(f.wp(s0), f.p(n0), f.p(n1));
  f(f.p(s0), f.wp(n0), f.p(n1));
  // coarse tags and word clusters
  f(f.u(s0), f.u(n0));
  f(f.u(s0), f.u(n0), f.u(n1));
  f(f.u(s1), f.u(s0), f.u(n0));
  f(f.u(x.s0h), f.u(s0), f.u(n0));
  f(f.c(s0));
  f(f.c(n0));
  f(f.c(n1));
  f(f.c(s0), f.c(n0));
  f(f.c(s0), f.p(n0));
  f(f.p(s0), f.c(n0));
  f(f.cc(s0), f.cc(n0), x.dist);
  f(f.cc(s0), f.cc(n0), f.cc(n1));
  f(f.c(x.s0h), f.c(s0));
  f(f.c(n0), f.cc(x.n0l));
  f(f.cc(s0), f.u(x.s0r), f.u(n0));
  // ambiguity classes (or spelling of unseen words) against the predicted tags
  f(f.a(s0), f.p(s0));
  f(f.a(n0), f.p(n0));
  f(f.a(n1), f.p(n1));
  f(f.a(s0), f.a(n0));
  f(f.p(s0), f.a(n0), f.a(n1));
  f(hash_combine(f.c(s0), f.u(s0)), hash_combine(f.c(n0), f.u(n0)), x.dist);
}

}  // namespace

void parser_features(const State& s, const WordValues& v, bool core, std::vector<uint64_t>& out) {
  out.clear();
  const Window x = window_of(s);
  FeatureList f(s, v, out);
  zhang_nivre_features(x, f);
  // The guide's templates follow Zhang & Nivre's directly in a core model, after these otherwise.
  if (!core) extended_features(s, x, f);
  if (!v.guide_head.empty())
    guide_features(s, v, x.s0, x.s1, x.n0, x.n1, f.p(x.s0), f.p(x.n0), f.lab(x.s0),
                   [&](uint64_t a, uint64_t b, uint64_t c) { f(a, b, c); });
}

}  // namespace kg::extract::parsing
