#include "extract/text/tokenizer_rules.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

namespace kg::extract {
namespace {

using WordSet = std::unordered_set<std::string_view>;

// Lowercases ASCII letters of word into buffer; false if word is longer than the buffer.
template <size_t N>
bool lowercase(std::string_view word, char (&buffer)[N], std::string_view* out) {
  if (word.size() > N) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  *out = std::string_view(buffer, word.size());
  return true;
}

bool is_ascii_letter(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

// Abbreviations that are followed by more of the same sentence: titles, months, weekdays
// before dates, and reference words before numbers.
const WordSet& internal_abbreviations() {
  static const WordSet words = {
      "mr",   "mrs",  "ms",  "dr",   "drs",  "ps",     "prof", "gen",    "sen",  "rep", "reps",
      "gov",  "lt",   "col", "capt", "cpt",  "maj",    "sgt",  "adm",    "cmdr", "rev", "hon",
      "pres", "supt", "st",  "ft",   "mt",   "messrs", "jan",  "feb",    "mar",  "apr", "jun",
      "jul",  "aug",  "sep", "sept", "oct",  "nov",    "dec",  "vs",     "v",    "no",  "nos",
      "vol",  "vols", "fig", "figs", "p",    "pp",     "cf",   "approx", "ca",   "est", "dept",
      "univ", "blvd", "rd",  "hwy",  "ext",  "tel",    "attn", "ref",    "eg",   "ie",  "viz",
      "lb",   "lbs",  "oz",  "sec",  "gov't"};
  return words;
}

// Abbreviations that often close a sentence as well ("on Fri, Sat, or Sun.").
const WordSet& ambiguous_abbreviations() {
  static const WordSet words = {
      "etc", "inc", "corp", "co",   "ltd",  "llc", "plc",  "jr",    "sr",   "bros", "al",
      "yrs", "yr",  "hrs",  "hr",   "mins", "min", "esq",  "assn",  "misc", "dist", "intl",
      "ave", "mon", "tue",  "tues", "wed",  "thu", "thur", "thurs", "fri",  "sat",  "sun"};
  return words;
}

// Abbreviations that are also English words ("no", "sun", "est"): abbreviations only when
// capitalized, as in "Sun. 12 March".
const WordSet& capitalized_only_abbreviations() {
  static const WordSet words = {"no",   "nos",  "sun",  "sat",  "mar",  "wed",  "sec", "min",
                                "est",  "ref",  "fig",  "figs", "vol",  "ca",   "co",  "p",
                                "pp",   "v",    "rep",  "reps", "gen",  "col",  "st",  "dec",
                                "mon",  "hon",  "rev",  "pres", "ft",   "mt",   "hr",  "yr",
                                "dist", "misc", "capt", "jan",  "sept", "mins", "hrs", "yrs"};
  return words;
}

}  // namespace

AbbreviationKind abbreviation_kind(std::string_view word, bool internal_period,
                                   bool number_follows) {
  if (word.empty()) return AbbreviationKind::kNone;
  if (internal_period) {
    // Acronyms with periods: every piece one or two letters ("U.S", "e.g", "a.m", "Ph.D").
    size_t piece = 0;
    for (char c : word) {
      if (c == '.') {
        if (piece == 0) return AbbreviationKind::kNone;
        piece = 0;
      } else if (is_ascii_letter(c) && piece < 2) {
        ++piece;
      } else {
        return AbbreviationKind::kNone;
      }
    }
    if (piece == 0) return AbbreviationKind::kNone;
    char buffer[8];
    std::string_view lower;
    if (lowercase(word, buffer, &lower) &&
        (lower == "e.g" || lower == "i.e" || lower == "a.k.a" || lower == "p.s")) {
      return AbbreviationKind::kInternal;
    }
    return AbbreviationKind::kAmbiguous;
  }
  // Initials: "J." in "J. K. Rowling", but a sentence may end with "Plan B."
  if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') return AbbreviationKind::kAmbiguous;
  char buffer[8];
  std::string_view lower;
  if (!lowercase(word, buffer, &lower)) return AbbreviationKind::kNone;
  bool capitalized = word[0] >= 'A' && word[0] <= 'Z';
  if (!capitalized && capitalized_only_abbreviations().count(lower)) return AbbreviationKind::kNone;
  // "No. 5" but not "I said No. Then".
  if ((lower == "no" || lower == "nos") && !number_follows) return AbbreviationKind::kNone;
  if (internal_abbreviations().count(lower)) return AbbreviationKind::kInternal;
  if (ambiguous_abbreviations().count(lower)) return AbbreviationKind::kAmbiguous;
  return AbbreviationKind::kNone;
}

bool is_hyphen_prefix(std::string_view segment) {
  static const WordSet prefixes = {
      "e",     "non",   "mid",   "pre",   "anti",  "re",     "post",   "co",    "pro",
      "multi", "ex",    "sub",   "semi",  "cross", "neo",    "psycho", "socio", "counter",
      "intra", "inter", "micro", "macro", "ultra", "pseudo", "trans",  "over"};
  char buffer[8];
  std::string_view lower;
  return lowercase(segment, buffer, &lower) && prefixes.count(lower) > 0;
}

size_t informal_contraction_split(std::string_view word) {
  struct Contraction {
    std::string_view word;
    size_t split;
  };
  static constexpr Contraction kContractions[] = {
      {"dont", 2},     {"doesnt", 4}, {"didnt", 3}, {"isnt", 2},  {"wasnt", 3},   {"arent", 3},
      {"werent", 4},   {"havent", 4}, {"hasnt", 3}, {"hadnt", 3}, {"wouldnt", 5}, {"couldnt", 5},
      {"shouldnt", 6}, {"cant", 2},   {"wont", 2},  {"aint", 2},  {"cannot", 3},  {"gonna", 3},
      {"wanna", 3},    {"gotta", 3},  {"outta", 3}, {"thats", 4}, {"whats", 4},   {"theres", 5},
      {"ive", 1},      {"youre", 3},  {"im", 1}};
  char buffer[8];
  std::string_view lower;
  if (!lowercase(word, buffer, &lower)) return 0;
  for (const auto& c : kContractions) {
    if (c.word == lower) return c.split;
  }
  return 0;
}

bool is_verb_context_after_its(std::string_view word) {
  static const WordSet words = {
      "not",    "a",      "an",         "the",        "really",    "simply",    "very",  "like",
      "in",     "now",    "definitely", "for",        "also",      "only",      "all",   "getting",
      "been",   "just",   "still",      "so",         "too",       "going",     "gonna", "ok",
      "okay",   "always", "probably",   "about",      "at",        "because",   "what",  "that",
      "my",     "your",   "this",       "actually",   "pretty",    "no",        "never", "nothing",
      "called", "from",   "between",    "easy",       "important", "necessary", "hard",  "good",
      "great",  "nice",   "fine",       "amazing",    "worth",     "kinda",     "sooo",  "soo",
      "quite",  "almost", "better",     "best",       "time",      "true",      "funny", "cool",
      "hot",    "cold",   "raining",    "ridiculous", "crazy",     "sad",       "bad",   "awesome"};
  return words.count(word) > 0;
}

bool is_sentence_starter(std::string_view word) {
  static const WordSet starters = {
      "the",     "a",         "an",       "he",     "she",     "it",     "they",  "we",
      "i",       "you",       "but",      "and",    "in",      "on",     "this",  "that",
      "these",   "those",     "there",    "his",    "her",     "their",  "our",   "my",
      "its",     "as",        "at",       "for",    "if",      "when",   "while", "after",
      "however", "meanwhile", "so",       "yet",    "also",    "what",   "why",   "how",
      "who",     "where",     "some",     "many",   "most",    "one",    "all",   "not",
      "then",    "since",     "although", "though", "because", "even",   "still", "only",
      "both",    "each",      "every",    "last",   "next",    "now",    "today", "yesterday",
      "please",  "thanks",    "thank",    "let",    "is",      "are",    "was",   "do",
      "did",     "does",      "can",      "will",   "would",   "should", "could", "have",
      "has",     "had",       "mr",       "mrs",    "ms",      "dr",     "no",    "yes",
      "after",   "before",    "with"};
  char buffer[12];
  std::string_view lower;
  return lowercase(word, buffer, &lower) && starters.count(lower) > 0;
}

}  // namespace kg::extract
