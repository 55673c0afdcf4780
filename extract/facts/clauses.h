// Clause-level triple extraction over a dependency tree (in the spirit of ClausIE and the
// OpenIE-4 patterns): subject-verb-object, indirect objects, passives with and without agents,
// copulas, prepositional complements, phrasal verbs, relative clauses, participial modifiers,
// control verbs and conjunctions, each with negation, modality, attribution and time.
#pragma once

#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/text/dates.h"

namespace kg::extract {

// One argument: the head token (0-based index in the sentence) and the span it covers.
struct ArgumentSpan {
  int head = -1;
  int first = -1;  // first and last token of the phrase (subtree minus clauses and punctuation)
  int last = -1;
};

// A subject-relation-object triple read off one clause.
struct ClauseTriple {
  ArgumentSpan subject;
  ArgumentSpan object;      // head -1 when the clause has no object (CaRB only)
  std::string relation;     // canonical, lowercase snake_case: "meet", "send_to", "capital_of"
  std::string surface;      // the relation's words as written: "was due to meet"
  int predicate = -1;       // the token the relation is built on
  float confidence = 0.0f;  // from the pattern and the parse
  bool negated = false;
  std::string modality;          // "will", "should", "due", "ready" ... or empty
  int attribution = -1;          // head of who said it ("Russia says ..."), or -1
  std::string time;              // "on Tuesday", "February 24" ... or empty
  Tense tense = Tense::unknown;  // future from the modal, past from a VBD verb or auxiliary
  std::string pattern;           // which rule made it: "svo", "passive", "copula", ...
};

// Extracts every clause-level triple of a parsed sentence (tokens with lemma, upos, head and
// deprel filled in). Arguments are expanded over conjunctions ("Poland and Hungary").
std::vector<ClauseTriple> extract_clauses(const Sentence& sentence);

// An n-ary extraction in the Open IE benchmarks' style: one per clause, the relation phrase
// as written, then the subject, the object and every other complement with its preposition.
struct NaryTuple {
  float confidence = 0.0f;
  std::string relation;
  std::vector<std::string> args;
};

// One n-ary tuple per predicate of a parsed sentence, with whole phrases as arguments, plus the
// facts its noun phrases state (appositions, possessives, locative modifiers, adjectives) at
// lower confidence (for `kg extract --format carb`; defined in nary.cpp).
std::vector<NaryTuple> extract_nary(const Sentence& sentence);

// A token's lemma in lowercase, or its form when it has none: how every rule over the tree
// compares words.
std::string lower_lemma(const Token& t);

// The text of tokens first..last as written in the document (with their original spacing).
std::string span_text(const Sentence& sentence, int first, int last);

// The phrase an argument head stands for: its subtree minus relative clauses, appositions and
// surrounding punctuation.
ArgumentSpan argument_span(const Sentence& sentence, int head);

}  // namespace kg::extract
