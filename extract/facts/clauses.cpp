#include "extract/facts/clauses.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/ascii.h"
#include "extract/facts/clause_tree.h"

namespace kg::extract {

using namespace clause_detail;

namespace {

bool is_temporal_word(std::string_view lemma) {
  return one_of(lemma, {"monday",   "tuesday", "wednesday", "thursday",  "friday",    "saturday",
                        "sunday",   "january", "february",  "march",     "april",     "may",
                        "june",     "july",    "august",    "september", "october",   "november",
                        "december", "today",   "yesterday", "tomorrow",  "tonight",   "week",
                        "weekend",  "month",   "year",      "morning",   "afternoon", "evening",
                        "night",    "day",     "decade",    "century",   "spring",    "summer",
                        "autumn",   "fall",    "winter",    "hour",      "minute",    "earlier",
                        "later",    "ago",     "time"});
}

// Governors whose infinitive complement keeps their subject and says how sure the event is.
bool is_control_modal(std::string_view lemma) {
  return one_of(lemma,
                {"due",    "ready",   "set",    "expect", "plan",    "hope",   "want",     "try",
                 "intend", "agree",   "seek",   "aim",    "need",    "have",   "going",    "likely",
                 "able",   "willing", "refuse", "fail",   "promise", "decide", "threaten", "vow"});
}

bool is_speech_verb(std::string_view lemma) {
  return one_of(lemma,
                {"say",    "tell",        "add",   "announce", "claim",   "state",   "insist",
                 "warn",   "report",      "write", "note",     "believe", "think",   "accuse",
                 "deny",   "confirm",     "argue", "suggest",  "stress",  "explain", "declare",
                 "assert", "acknowledge", "admit", "reply",    "answer",  "urge"});
}

}  // namespace

namespace clause_detail {

ArgumentSpan span_in(const Tree& t, int head) {
  if (head < 0 || head >= t.size()) return {};
  return subtree_span(t, head, [&](int, int c) {
    std::string_view r = t.rel(c);
    return !(r == "punct" || r == "acl:relcl" || r == "acl" || r == "appos" || r == "conj" ||
             r == "cc" || r == "parataxis" || r == "advcl" || r == "dep" || r == "case" ||
             r == "ccomp" || r == "mark" || r == "cop" || r == "expl" || t.base(c) == "nsubj" ||
             t.base(c) == "csubj" || t.base(c) == "aux");
  });
}

std::string case_marker(const Tree& t, int i) {
  for (int c : t.kids(i)) {
    if (t.rel(c) != "case" || t.tok(c).upos == "PART") continue;  // PART: possessive 's
    std::string marker = t.lemma(c);
    for (int f : t.kids(c))
      if (t.rel(f) == "fixed") marker += "_" + t.lemma(f);
    return marker;
  }
  return "";
}

void add_case_words(const Tree& t, int i, std::vector<int>& words) {
  for (int c : t.kids(i))
    if (t.rel(c) == "case") words.push_back(c);
}

std::vector<int> conjuncts(const Tree& t, int i) {
  std::vector<int> out{i};
  for (size_t k = 0; k < out.size() && out.size() < 64; ++k)
    for (int c : t.kids(out[k]))
      if (t.rel(c) == "conj" && t.is_nominal(c) == t.is_nominal(i)) out.push_back(c);
  return out;
}

bool is_relative_pronoun(const Tree& t, int i) {
  return one_of(t.lemma(i), {"who", "which", "that", "whom", "whose"});
}

Subject find_subject(const Tree& t, int p, int depth) {
  if (p < 0 || depth > kMaxChain) return {};
  for (int c : t.kids(p)) {
    if (t.base(c) != "nsubj") continue;
    if (is_relative_pronoun(t, c) && t.rel(p) == "acl:relcl" && t.head(p) >= 0)
      return {t.head(p), true};
    return {c, false};
  }
  int gov = t.head(p);
  if (gov < 0) return {};
  std::string_view r = t.rel(p);
  Subject s;
  bool of_gerund = false;
  for (int c : t.kids(p))
    if ((t.rel(c) == "mark" || t.rel(c) == "case") && t.lemma(c) == "of") of_gerund = true;
  int governor_object = t.child(gov, "obj");
  if ((r == "advcl" || r == "acl") && of_gerund && governor_object >= 0) {
    s = {governor_object, false};  // "accused Russia of violating ...": Russia violates
  } else if (r == "conj" || (r == "advcl" && t.tok(p).xpos == "VBG")) {
    s = find_subject(t, gov, depth + 1);
  } else if (r == "xcomp") {
    int object = t.child(gov, "obj");
    s = object >= 0 && t.lemma(gov) != "promise" ? Subject{object, false}
                                                 : find_subject(t, gov, depth + 1);
  } else if (r == "acl" && t.child(p, "mark") >= 0) {
    // "... after concluding talks": a subordinate clause hung on a noun by mistake or by
    // design; its subject is that of the clause around the noun.
    int verb = gov;
    for (int up = 0; verb >= 0 && t.tok(verb).upos != "VERB" && up < kMaxChain; ++up)
      verb = t.head(verb);
    s = verb >= 0 ? find_subject(t, verb, depth + 1) : Subject{};
  } else if (r == "acl:relcl" || r == "acl") {
    s = {gov, false};
  }
  s.inherited = s.head >= 0;
  return s;
}

std::vector<int> verb_words(const Tree& t, int p) {
  std::vector<int> words{p};
  for (int c : t.kids(p)) {
    std::string_view r = t.rel(c);
    if (r == "aux" || r == "aux:pass" || r == "cop" || r == "compound:prt" ||
        ((r == "advmod") && one_of(t.lemma(c), {"not", "never", "n't"})))
      words.push_back(c);
  }
  int gov = t.head(p);
  if (t.rel(p) == "xcomp" && gov >= 0 && is_control_modal(t.lemma(gov))) {
    words.push_back(gov);
    for (int c : t.kids(gov))
      if (t.rel(c) == "cop" || t.rel(c) == "aux") words.push_back(c);
    for (int c : t.kids(p))
      if (t.rel(c) == "mark") words.push_back(c);
  }
  return words;
}

}  // namespace clause_detail

namespace {

bool is_negated(const Tree& t, int p) {
  for (int c : t.kids(p))
    if ((t.rel(c) == "advmod" || t.rel(c) == "neg") && one_of(t.lemma(c), {"not", "never", "n't"}))
      return true;
  return false;
}

std::string modality_of(const Tree& t, int p, bool* negated) {
  for (int c : t.kids(p))
    if (t.rel(c) == "aux" && t.tok(c).xpos == "MD") return t.lemma(c);
  int gov = t.head(p);
  if (t.rel(p) == "xcomp" && gov >= 0 && is_control_modal(t.lemma(gov))) {
    if (is_negated(t, gov)) *negated = true;
    std::string outer = modality_of(t, gov, negated);
    return outer.empty() ? t.lemma(gov) : outer;
  }
  return "";
}

// Who the clause is attributed to: the subject of a speech verb that governs it
// ("Russia says it will halt ...") or that it governs as parataxis ("..., he said").
int attribution_of(const Tree& t, int p) {
  for (int depth = 0; p >= 0 && depth < kMaxChain; ++depth) {
    for (int c : t.kids(p))
      if (t.rel(c) == "parataxis" && is_speech_verb(t.lemma(c))) return find_subject(t, c).head;
    int gov = t.head(p);
    if (gov < 0) return -1;
    if ((t.rel(p) == "ccomp" || t.rel(p) == "parataxis") && is_speech_verb(t.lemma(gov)))
      return find_subject(t, gov).head;
    if (t.rel(p) != "conj" && t.rel(p) != "xcomp") return -1;
    p = gov;
  }
  return -1;
}

// The tense a clause's bare dates are read in: a modal that looks ahead ("will meet", "is due
// to sign", "plans to visit") says future; a past-tense verb, auxiliary or copula ("met", "was
// suspended", "had agreed") past; anything else (present, perfect) leaves it to the date.
Tense tense_of(const Tree& t, int p, const std::string& modality) {
  for (std::string_view m :
       {"will", "shall", "'ll", "wo", "due", "going", "set", "plan", "expect", "intend", "aim"})
    if (modality == m) return Tense::future;
  if (!modality.empty()) return Tense::unknown;  // "would", "could", "may": not a past fact
  if (t.tok(p).xpos == "VBD") return Tense::past;
  for (int c : t.kids(p))
    if ((t.base(c) == "aux" || t.base(c) == "cop") && t.tok(c).xpos == "VBD") return Tense::past;
  return Tense::unknown;
}

bool is_time(const Tree& t, int i) {
  return t.rel(i) == "obl:tmod" || t.rel(i) == "nmod:tmod" || is_temporal_word(t.lemma(i)) ||
         (t.tok(i).upos == "NUM" && t.tok(i).form.size() == 4 && case_marker(t, i) == "in");
}

struct Builder {
  const Tree& t;
  std::vector<ClauseTriple>& out;

  void emit(int subject, int object, std::string relation, std::vector<int> words, int p,
            float confidence, std::string pattern, const ClauseTriple& qualifiers) {
    for (int sub : conjuncts(t, subject)) {
      std::vector<int> objects = object >= 0 ? conjuncts(t, object) : std::vector<int>{-1};
      for (int obj : objects) {
        if (obj == sub) continue;
        ClauseTriple triple = qualifiers;
        triple.subject = span_in(t, sub);
        if (obj >= 0) triple.object = span_in(t, obj);
        triple.relation = relation;
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        for (int w : words) {
          if (!triple.surface.empty()) triple.surface += ' ';
          triple.surface += t.tok(w).form;
        }
        triple.predicate = p;
        triple.confidence = confidence * (objects.size() > 1 ? 0.95f : 1.0f);
        triple.pattern = pattern;
        out.push_back(std::move(triple));
      }
    }
  }

  std::vector<int> verb_words(int p) const { return clause_detail::verb_words(t, p); }

  ClauseTriple qualifiers(int p) const {
    ClauseTriple q;
    q.negated = is_negated(t, p);
    q.modality = modality_of(t, p, &q.negated);
    q.tense = tense_of(t, p, q.modality);
    q.attribution = attribution_of(t, p);
    // The words of a time modifier with its preposition: "on Tuesday".
    auto time_text = [&](int c) {
      ArgumentSpan span = span_in(t, c);
      int first = span.first;
      for (int k : t.kids(c))
        if (t.rel(k) == "case") first = std::min(first, k);
      return span_text(t.sentence(), first, span.last);
    };
    for (int c : t.kids(p))
      if ((t.base(c) == "obl" || t.base(c) == "nmod") && is_time(t, c)) {
        q.time = time_text(c);
        break;
      }
    // "met Sergei Lavrov in Moscow on Tuesday": a parse that hangs the time on the object (or
    // another argument) still gives the clause its time.
    for (int c : t.kids(p)) {
      if (!q.time.empty()) break;
      if (t.base(c) != "obj" && t.base(c) != "obl" && t.base(c) != "nsubj") continue;
      for (int k : t.kids(c))
        if (t.base(k) == "nmod" && is_time(t, k) && case_marker(t, k) != "of") {
          q.time = time_text(k);
          break;
        }
    }
    return q;
  }

  std::string verb_relation(int p) const {
    std::string relation = t.lemma(p);
    for (int c : t.kids(p))
      if (t.rel(c) == "compound:prt") relation += "_" + t.lemma(c);
    return relation;
  }

  void verb_clause(int p) {
    Subject subject = find_subject(t, p);
    if (subject.head < 0) return;
    ClauseTriple q = qualifiers(p);
    std::vector<int> words = verb_words(p);
    std::string relation = verb_relation(p);
    float base = subject.inherited ? 0.8f : 0.9f;
    bool passive = t.rel(subject.head) == "nsubj:pass" || t.child(p, "aux:pass") >= 0 ||
                   (t.rel(p) == "acl" && t.tok(p).xpos == "VBN");
    int agent = -1, object = -1;
    for (int c : t.kids(p)) {
      if (t.rel(c) == "obl:agent") agent = c;
      if (t.rel(c) == "obj") object = c;
    }
    int actor = subject.head;
    if (passive) {
      if (agent >= 0) {
        emit(agent, subject.head, relation, words, p, base * 0.9f, "passive-agent", q);
        actor = agent;
      } else {
        relation = "be_" + relation;
      }
    } else if (object >= 0) {
      emit(subject.head, object, relation, words, p, base, "svo", q);
    }
    bool folded_object = object >= 0 && !passive && one_of(t.tok(object).upos, {"NOUN"});
    bool any = object >= 0 || agent >= 0;
    for (int c : t.kids(p)) {
      std::string_view r = t.rel(c);
      if (c == agent || c == object) continue;
      if (r == "iobj") {
        emit(actor, c, relation, words, p, base * 0.9f, "iobj", q);
        any = true;
      } else if ((r == "obl" || r == "obl:unmarked" || r == "obl:npmod") && !is_time(t, c)) {
        std::string marker = case_marker(t, c);
        std::vector<int> with_marker = words;
        add_case_words(t, c, with_marker);
        std::string rel = relation;
        if (folded_object && !marker.empty()) {
          rel += "_" + t.lemma(object);
          with_marker.push_back(object);
        }
        if (!marker.empty()) rel += "_" + marker;
        if (passive && agent < 0) {
          emit(subject.head, c, rel, with_marker, p, base * 0.8f, "passive-oblique", q);
        } else {
          emit(actor, c, rel, with_marker, p, base * 0.85f, "oblique", q);
        }
        any = true;
      } else if (r == "ccomp" || (r == "xcomp" && !t.is_nominal(c) && t.tok(c).upos != "VERB")) {
        emit(actor, c, relation, words, p, base * 0.7f, "clausal", q);
        any = true;
      }
    }
    // "concluding talks with X", "launched an operation in Y": the phrase hangs from the
    // object noun (nmod) as often as from the verb (obl), and says the same.
    if (folded_object) {
      for (int c : t.kids(object)) {
        if (t.base(c) != "nmod" || t.rel(c) == "nmod:poss" || is_time(t, c)) continue;
        // "of" names a part or an amount ("dozens of people"), the others a comparison.
        std::string marker = case_marker(t, c);
        if (marker.empty() || one_of(marker, {"of", "than", "like", "as", "such_as"})) continue;
        std::vector<int> with_marker = words;
        with_marker.push_back(object);
        add_case_words(t, c, with_marker);
        emit(actor, c, relation + "_" + t.lemma(object) + "_" + marker, with_marker, p, base * 0.8f,
             "object-nmod", q);
      }
    }
    if (!any) emit(subject.head, -1, relation, words, p, base * 0.6f, "intransitive", q);
  }

  // "X is the capital of Y", "X is ready", "X is in Moscow".
  void copula_clause(int n) {
    Subject subject = find_subject(t, n);
    if (subject.head < 0) return;
    ClauseTriple q = qualifiers(n);
    std::vector<int> words;
    for (int c : t.kids(n))
      if (t.rel(c) == "cop" || t.rel(c) == "aux" ||
          (t.rel(c) == "advmod" && one_of(t.lemma(c), {"not", "never", "n't"})))
        words.push_back(c);
    float base = subject.inherited ? 0.75f : 0.85f;
    std::string marker = case_marker(t, n);
    if (!marker.empty()) {  // "X is in Moscow": the predicate itself is the oblique
      std::vector<int> w = words;
      add_case_words(t, n, w);
      emit(subject.head, n, "be_" + marker, w, n, base, "copula-oblique", q);
      return;
    }
    bool found = false;
    for (int c : t.kids(n)) {
      if ((t.base(c) == "nmod" || t.base(c) == "obl") && !is_time(t, c) &&
          t.rel(c) != "nmod:poss") {
        std::string m = case_marker(t, c);
        if (m.empty()) continue;
        std::vector<int> w = words;
        w.push_back(n);
        add_case_words(t, c, w);
        std::string head = t.tok(n).upos == "ADJ" ? "be_" + t.lemma(n) : t.lemma(n);
        emit(subject.head, c, head + "_" + m, w, n, base, "copula-nmod", q);
        found = true;
      }
    }
    if (!found) {
      std::vector<int> w = words;
      emit(subject.head, n, "be", w, n, base * 0.8f, "copula", q);
    }
  }
};

}  // namespace

std::string lower_lemma(const Token& t) {
  return base::ascii_lower(t.lemma.empty() || t.lemma == "_" ? t.form : t.lemma);
}

std::string span_text(const Sentence& sentence, int first, int last) {
  std::string text;
  for (int i = first; i >= 0 && i <= last && i < static_cast<int>(sentence.tokens.size()); ++i) {
    text += sentence.tokens[i].form;
    if (i < last && sentence.tokens[i].space_after) text += ' ';
  }
  return text;
}

ArgumentSpan argument_span(const Sentence& sentence, int head) {
  return span_in(Tree(sentence), head);
}

std::vector<ClauseTriple> extract_clauses(const Sentence& sentence) {
  Tree t(sentence);
  std::vector<ClauseTriple> out;
  Builder builder{t, out};
  for (int i = 0; i < t.size(); ++i) {
    bool copula = t.child(i, "cop") >= 0;
    if (copula)
      builder.copula_clause(i);
    else if (t.tok(i).upos == "VERB")
      builder.verb_clause(i);
  }
  return out;
}

}  // namespace kg::extract
