// The facts of a document and how they are read off its sentences: clause triples named by their
// entities, appositions, possessives, nominalizations ("talks with X") and titles ("Russian
// Foreign Minister Sergei Lavrov"). The whole stage in one call is extract/extractor.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/entities/ner.h"
#include "extract/facts/coref.h"
#include "extract/facts/nominal.h"
#include "extract/text/dates.h"

namespace kg::extract {

struct PairCandidate;  // relation_pairs.h

// One extracted triple with its provenance and qualifiers.
struct Fact {
  std::string subject, subject_type;  // canonical entity names and kg types
  std::string relation;               // canonical: "meet", "capital_of"
  std::string surface;                // as written: "met with"
  std::string object, object_type;
  uint32_t sentence = 0;        // sentence number in the document
  uint32_t begin = 0, end = 0;  // byte span of the sentence in the document
  float confidence = 0;
  bool negated = false;
  std::string modality, attribution, time;
  Tense tense = Tense::unknown;  // of its clause: how a bare "on Tuesday" or "in April" is read
  // When it happened: `time` normalized against the article date ("2022-04-26", "2022-04",
  // "2022-W16", "2019"; extract/text/dates.h), else the article's date, else "".
  std::string date;
  std::string pattern;  // the rule that produced it
  // The relation's class in kg's schema (extract/facts/relation_schema.h): "works_for",
  // "based_in" ... or "" when none fits; the open `relation` is kept either way.
  std::string relation_class;
};

// What one document yields.
struct DocumentFacts {
  std::string name;    // the article's id: its path as given, or the JSONL "id"
  std::string text;    // the decoded text (UTF-8) the facts' offsets point into
  std::string title;   // its first line (or the JSONL "title")
  std::string date;    // YYYY-MM-DD: the JSONL "date", kg build --date, or its dateline; or ""
  std::string source;  // the folder or collection it came from
  std::string sha256;  // of `text`
  size_t words = 0;    // tokens read
  std::vector<EntityCluster> entities;
  std::vector<Fact> facts;
  bool was_latin1 = false;
};

// Extraction options.
struct ExtractOptions {
  bool all = false;  // keep clause triples whose ends are not entities (nodes of type Concept)
  // The date (YYYY-MM-DD) of articles that give none of their own in their input (kg build
  // --date); a dateline in the text does not override it.
  std::string date;
  // A document is read this many sentences at a time: memory stays bounded however long it is
  // (a book, a transcript, a dump of many articles). Entities carry over from one window to the
  // next (extract/facts/coref_windows.h); news articles are far shorter than one window.
  size_t window_sentences = 2000;
  // Called after each window of a document that needs several: bytes read so far, and in all.
  std::function<void(size_t done, size_t total)> progress;
  // Called with each candidate pair of entities before the pair classifier decides its class
  // (`kg train relations` reads the features there); the sentence numbers are the window's.
  std::function<void(const Document& window, const PairCandidate&)> on_candidate;
};

// Sets each fact's date from its time and the document's date (call again when the date
// changes: a JSONL "date" or --date given after extraction).
void date_facts(DocumentFacts& doc);

// Appends the facts of sentence `index` of `doc` (parsed, with its entities resolved in
// `coref`, which gains places named only by a role) to `out`.
void sentence_facts(const Nominalizations& nominal, const Document& doc, Coreference& coref,
                    uint32_t index, const ExtractOptions& options, std::vector<Fact>& out);

// Appends a fact for each person's title: "Russian Foreign Minister Sergei Lavrov" -> Lavrov
// foreign_minister_of Russia.
void role_facts(const std::vector<Entity>& entities, const Document& doc, Coreference& coref,
                std::vector<Fact>& out);

// Appends a fact for each organization whose name begins with a country or its demonym:
// "U.S. Congress", "Japan Airlines", "Chilean Copper Corp." -> based_in that country.
void name_place_facts(const std::vector<Entity>& entities, const Document& doc, Coreference& coref,
                      const CorefLexicons& lexicons, const PlaceTable& places,
                      std::vector<Fact>& out);

}  // namespace kg::extract
