// n-ary tuples in the Open IE benchmarks' style (CaRB): one per clause with the relation phrase
// as written and whole phrases as arguments, plus facts stated inside noun phrases.
#include <algorithm>

#include "extract/facts/clause_tree.h"
#include "extract/facts/clauses.h"

namespace kg::extract {

using namespace clause_detail;

namespace {

std::string words_text(const Tree& t, std::vector<int> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (int w : words) {
    if (!out.empty()) out += ' ';
    out += t.tok(w).form;
  }
  return out;
}

// Whether token a lies in the subtree of token root.
bool dominates(const Tree& t, int root, int a) {
  for (int depth = 0; a >= 0 && depth < 64; ++depth, a = t.head(a))
    if (a == root) return true;
  return false;
}

// An n-ary argument: the whole phrase (relative clauses, appositions and conjuncts included, as
// the benchmarks' annotators write them) minus the branch that holds the predicate itself and
// punctuation at its edges.
ArgumentSpan wide_span(const Tree& t, int head, int predicate) {
  ArgumentSpan span = subtree_span(t, head, [&](int i, int c) {
    std::string_view r = t.rel(c);
    if (c == predicate || dominates(t, c, predicate)) return false;
    return !(i == head && (r == "case" || r == "mark" || r == "cop" || t.base(c) == "aux" ||
                           t.base(c) == "nsubj" || t.base(c) == "csubj" || r == "parataxis"));
  });
  // The phrase is printed as one stretch of text: keep it on the head's side of the predicate's
  // words ("an opening" of "an opening that led to ...").
  if (predicate >= 0 && dominates(t, head, predicate)) {
    int pred_first = predicate, pred_last = predicate;
    for (int i = 0; i < t.size(); ++i)
      if (dominates(t, predicate, i)) {
        pred_first = std::min(pred_first, i);
        pred_last = std::max(pred_last, i);
      }
    if (pred_first > head) span.last = std::min(span.last, pred_first - 1);
    if (pred_last < head) span.first = std::max(span.first, pred_last + 1);
  }
  trim_punctuation(t, span);
  return span;
}

std::string arg_text(const Tree& t, int head, int predicate, bool with_case) {
  ArgumentSpan span = wide_span(t, head, predicate);
  int first = span.first;
  if (with_case)
    for (int k : t.kids(head))
      if (t.rel(k) == "case" || t.rel(k) == "mark") first = std::min(first, k);
  return span_text(t.sentence(), first, span.last);
}

void nary_clause(const Tree& t, int p, bool copula, std::vector<NaryTuple>& out) {
  Subject subject = find_subject(t, p);
  if (subject.head < 0) return;
  std::vector<int> words;
  if (copula) {
    for (int c : t.kids(p))
      if (t.rel(c) == "cop" || t.rel(c) == "aux" ||
          (t.rel(c) == "advmod" && one_of(t.lemma(c), {"not", "never", "n't"})))
        words.push_back(c);
  } else {
    words = verb_words(t, p);
    // Any verb whose infinitive this is leads the relation ("allowed to dress", "plans on
    // leaving"), as control verbs already do.
    int gov = t.head(p);
    if (t.rel(p) == "xcomp" && gov >= 0 && t.tok(gov).upos == "VERB" &&
        std::find(words.begin(), words.end(), gov) == words.end()) {
      words.push_back(gov);
      for (int c : t.kids(gov))
        if (t.base(c) == "aux" || t.rel(c) == "compound:prt") words.push_back(c);
      for (int c : t.kids(p))
        if (t.rel(c) == "mark") words.push_back(c);
    }
  }
  // Adverbs between the auxiliaries and the verb belong to the relation ("is fully reflected",
  // "strictly maintain").
  int subject_end = subject.inherited ? -1 : subject.head;
  for (int c : t.kids(p))
    if (t.rel(c) == "advmod" && t.tok(c).upos == "ADV" && c < p && c > subject_end)
      words.push_back(c);
  std::vector<int> complements;
  int object = -1;
  if (copula) {
    object = p;
  } else {
    for (int c : t.kids(p)) {
      std::string_view r = t.rel(c);
      if (r == "obj" && object < 0)
        object = c;
      else if (r == "iobj" || t.base(c) == "obl" || r == "ccomp" || r == "xcomp" || r == "advcl")
        complements.push_back(c);
    }
  }
  NaryTuple tuple;
  tuple.confidence = subject.inherited ? 0.7f : 0.8f;
  std::vector<std::string> args{arg_text(t, subject.head, p, false)};
  if (object >= 0) {
    if (copula) {
      // The copula's complement without its subject, copula, auxiliaries and obliques (which
      // become arguments of their own).
      int first = object, last = object;
      for (int k : t.kids(object)) {
        std::string_view r = t.rel(k);
        // "is in | X | Moscow": the complement's preposition joins the relation.
        if (r == "case" && t.tok(k).upos != "PART") {
          words.push_back(k);
          continue;
        }
        if (std::find(words.begin(), words.end(), k) != words.end()) continue;
        if (t.base(k) == "nsubj" || t.base(k) == "csubj" || r == "cop" || t.base(k) == "aux" ||
            t.base(k) == "obl" || r == "punct" || r == "advcl" || r == "parataxis" || r == "mark" ||
            r == "conj" || r == "cc" || r == "ccomp" || r == "xcomp" ||
            (r == "advmod" && one_of(t.lemma(k), {"not", "never", "n't"})))
          continue;
        ArgumentSpan sub = wide_span(t, k, p);
        first = std::min({first, sub.first, k});
        last = std::max({last, sub.last, k});
      }
      args.push_back(span_text(t.sentence(), first, last));
      for (int k : t.kids(object))
        if (t.base(k) == "obl") complements.push_back(k);
    } else {
      args.push_back(arg_text(t, object, p, false));
    }
  } else {
    // No object: the first oblique after the verb lends its preposition to the relation
    // ("fled to | X | Poland"); obliques before the verb stay arguments ("In 2005").
    auto it = std::find_if(complements.begin(), complements.end(),
                           [&](int c) { return t.base(c) == "obl" && c > p; });
    if (it != complements.end()) {
      int first = *it;
      add_case_words(t, first, words);
      args.push_back(arg_text(t, first, p, false));
      complements.erase(it);
    }
  }
  for (int c : complements) {
    if (t.rel(c) == "xcomp" && t.tok(c).upos == "VERB") continue;  // its own clause
    args.push_back(arg_text(t, c, p, true));
  }
  if (args.size() < 2) {
    if (copula || complements.empty()) tuple.confidence *= 0.6f;
  }
  tuple.relation = words_text(t, words);
  tuple.args = std::move(args);
  out.push_back(std::move(tuple));
}

// A noun phrase without the given modifier branch: "the company" of "the company 's directors".
std::string phrase_without(const Tree& t, int head, int left_out) {
  ArgumentSpan span = subtree_span(t, head, [&](int i, int c) {
    std::string_view r = t.rel(c);
    return !(c == left_out || r == "punct" || r == "appos" || r == "acl:relcl" || r == "acl" ||
             r == "conj" || r == "cc" || (i == head && (r == "case" || r == "cop")));
  });
  // Only the side of the head away from the left-out branch, so the phrase stays contiguous.
  if (left_out >= 0 && left_out < head) span.first = std::max(span.first, left_out + 1);
  if (left_out > head) span.last = std::min(span.last, left_out - 1);
  trim_punctuation(t, span);
  return span_text(t.sentence(), span.first, span.last);
}

// Facts a noun phrase states without a verb: "Alan Gottesman, an analyst" (be), "the company 's
// directors" (has), "a hall in San Salvador" (be in), "wealthy Lydia Carew" (be).
void nominal_tuples(const Tree& t, int i, std::vector<NaryTuple>& out) {
  int head = t.head(i);
  if (head < 0 || !t.is_nominal(head)) return;
  std::string_view r = t.rel(i);
  auto add = [&](float confidence, std::string relation, std::string a, std::string b) {
    if (a.empty() || b.empty()) return;
    out.push_back({confidence, std::move(relation), {std::move(a), std::move(b)}});
  };
  if (r == "appos") {
    add(0.6f, "be", phrase_without(t, head, i), phrase_without(t, i, -1));
  } else if (r == "nmod:poss" && t.tok(i).upos != "PRON") {
    add(0.2f, "has", phrase_without(t, i, -1), phrase_without(t, head, i));
  } else if (r == "nmod") {
    std::string marker = case_marker(t, i);
    if (one_of(marker, {"in", "at", "from", "near", "on"}))
      add(0.4f, "be " + marker, phrase_without(t, head, i), phrase_without(t, i, -1));
  } else if (r == "amod" && t.tok(i).upos == "ADJ") {
    add(0.3f, "be", phrase_without(t, head, i), t.tok(i).form);
  }
}

}  // namespace

std::vector<NaryTuple> extract_nary(const Sentence& sentence) {
  Tree t(sentence);
  std::vector<NaryTuple> out;
  for (int i = 0; i < t.size(); ++i) {
    bool copula = t.child(i, "cop") >= 0;
    // Besides verbs, any word the parser gave a subject heads a clause: mistagged verbs
    // ("issues outnumbered advancers" with a noun "outnumbered"), or a main "be".
    bool has_subject = false;
    for (int c : t.kids(i))
      if (t.base(c) == "nsubj") has_subject = true;
    if (copula || t.tok(i).upos == "VERB" || has_subject) nary_clause(t, i, copula, out);
    nominal_tuples(t, i, out);
  }
  return out;
}

}  // namespace kg::extract
