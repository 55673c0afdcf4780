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

void parser_features(const State& s, const WordValues& v, bool core, std::vector<uint64_t>& out) {
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
  const int n0 = s.front <= s.last ? s.front : -1;
  const int n1 = n0 >= 0 && n0 + 1 <= s.last ? n0 + 1 : -1;
  const int n2 = n1 >= 0 && n1 + 1 <= s.last ? n1 + 1 : -1;
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
  // The guide's templates follow Zhang & Nivre's directly in a core model, after these otherwise.
  if (!core) {
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
  if (!v.guide_head.empty())
    guide_features(s, v, s0, s1, n0, n1, p(s0), p(n0), lab(s0),
                   [&](uint64_t a, uint64_t b, uint64_t c) { f(a, b, c); });
}

}  // namespace kg::extract::parsing
