// The dependency tree view and clause helpers shared by the triple extractor (clauses.cpp)
// and the n-ary Open IE extractor (nary.cpp). Internal to extract/.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/ascii.h"
#include "extract/facts/clauses.h"

namespace kg::extract::clause_detail {

constexpr int kMaxChain = 8;  // how far subjects are inherited up conj/xcomp chains

inline bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// A parsed sentence seen as a tree: heads, children lists, lemmas and relations by token index.
class Tree {
 public:
  explicit Tree(const Sentence& s) : s_(s), children_(s.tokens.size()) {
    for (int i = 0; i < size(); ++i) {
      int h = head(i);
      if (h >= 0) children_[h].push_back(i);
    }
  }
  int size() const { return static_cast<int>(s_.tokens.size()); }
  const Token& tok(int i) const { return s_.tokens[i]; }
  int head(int i) const {
    int h = s_.tokens[i].head - 1;
    return h >= 0 && h < size() && h != i ? h : -1;
  }
  std::string_view rel(int i) const { return s_.tokens[i].deprel; }
  // The relation without its subtype: "nsubj:pass" -> "nsubj".
  std::string_view base(int i) const {
    std::string_view r = rel(i);
    return r.substr(0, r.find(':'));
  }
  std::string lemma(int i) const { return lower_lemma(tok(i)); }
  const std::vector<int>& kids(int i) const { return children_[i]; }
  int child(int i, std::string_view deprel) const {
    for (int c : children_[i])
      if (rel(c) == deprel) return c;
    return -1;
  }
  bool is_nominal(int i) const {
    return one_of(tok(i).upos, {"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"});
  }
  const Sentence& sentence() const { return s_; }

 private:
  const Sentence& s_;
  std::vector<std::vector<int>> children_;
};

// The first and last token of the subtree under `head`, entering a dependent c of token i only
// when keep(i, c) is true.
template <class Keep>
ArgumentSpan subtree_span(const Tree& t, int head, Keep keep) {
  ArgumentSpan span{head, head, head};
  std::vector<int> stack{head};
  while (!stack.empty()) {
    int i = stack.back();
    stack.pop_back();
    span.first = std::min(span.first, i);
    span.last = std::max(span.last, i);
    for (int c : t.kids(i))
      if (keep(i, c)) stack.push_back(c);
  }
  return span;
}

// Moves the ends of a span inward past punctuation.
inline void trim_punctuation(const Tree& t, ArgumentSpan& span) {
  while (span.first < span.last && t.rel(span.first) == "punct") ++span.first;
  while (span.last > span.first && t.rel(span.last) == "punct") --span.last;
}

// The phrase an argument head stands for (see argument_span), over an already built tree.
ArgumentSpan span_in(const Tree& t, int head);
// The preposition (with any fixed words: "because of") that marks an oblique or nmod.
std::string case_marker(const Tree& t, int i);
// Appends word i's case dependents ("in", "because", "of") to `words`, for a triple's surface.
void add_case_words(const Tree& t, int i, std::vector<int>& words);
// The argument and the conjuncts it coordinates with: "Slovakia, Poland and Hungary".
std::vector<int> conjuncts(const Tree& t, int i);
// who, which, that, whom, whose.
bool is_relative_pronoun(const Tree& t, int i);

// A clause's subject: its own, or inherited from the clause or noun it hangs on.
struct Subject {
  int head = -1;
  bool inherited = false;
};
Subject find_subject(const Tree& t, int p, int depth = 0);

// Relation words shared by every triple of predicate p: auxiliaries, negation, the verb, its
// particle, and a control governor ("was due to meet").
std::vector<int> verb_words(const Tree& t, int p);

}  // namespace kg::extract::clause_detail
