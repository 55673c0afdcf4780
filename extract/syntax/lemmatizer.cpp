#include "extract/syntax/lemmatizer.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "base/ascii.h"
#include "extract/learn/model_io.h"
#include "extract/resources/wordnet_reader.h"

namespace kg::extract {
namespace {

const char* const kClassNames[] = {"noun", "verb", "adj", "adv"};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct SuffixRule {
  const char* suffix;
  const char* ending;
};
// WordNet's morphy detachment rules, in the order we prefer their candidates.
const std::vector<SuffixRule> kNounRules = {{"s", ""},      {"ses", "s"},   {"xes", "x"},
                                            {"zes", "z"},   {"ches", "ch"}, {"shes", "sh"},
                                            {"men", "man"}, {"ies", "y"}};
const std::vector<SuffixRule> kVerbRules = {{"ies", "y"}, {"s", ""},  {"es", "e"},  {"es", ""},
                                            {"ed", "e"},  {"ed", ""}, {"ing", "e"}, {"ing", ""}};
const std::vector<SuffixRule> kAdjRules = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

std::string key_of(const std::string& form, const std::string& xpos) {
  return form + '\t' + xpos;
}

}  // namespace

Lemmatizer::Lemmatizer(const std::string& wordnet_dir) {
  for (int wc = 0; wc < kNumClasses; ++wc) {
    wordnet::IndexFile index = wordnet::read_index_file(wordnet_dir + "/index." + kClassNames[wc]);
    index_text_[wc] = index.text;
    index_[wc].reserve(index.lines.size());
    for (std::string_view line : index.lines) index_[wc].insert(wordnet::index_lemma(line));
    for (auto& [inflected, base] :
         wordnet::read_exceptions(wordnet_dir + "/" + kClassNames[wc] + ".exc"))
      exceptions_[wc].emplace(std::move(inflected), std::move(base));
  }
}

std::string Lemmatizer::morphy(const std::string& word, WordClass wc,
                               const std::string& xpos) const {
  auto exc = exceptions_[wc].find(word);
  if (exc != exceptions_[wc].end()) return exc->second;
  const std::vector<SuffixRule>& rules = wc == kNoun   ? kNounRules
                                         : wc == kVerb ? kVerbRules
                                                       : kAdjRules;
  if (wc == kAdv) return word;
  std::string fallback;
  for (const SuffixRule& r : rules) {
    if (!ends_with(word, r.suffix)) continue;
    std::string stem = word.substr(0, word.size() - std::string(r.suffix).size());
    std::string candidate = stem + r.ending;
    if (index_[wc].count(candidate)) return candidate;
    // stopped -> stopp -> stop, running -> runn -> run
    if (*r.ending == '\0' && stem.size() >= 3 && stem.back() == stem[stem.size() - 2] &&
        index_[wc].count(stem.substr(0, stem.size() - 1)))
      return stem.substr(0, stem.size() - 1);
    if (fallback.empty()) fallback = candidate;
  }
  if (index_[wc].count(word)) return word;
  // Unknown word: undo the inflection its tag implies with the most regular rule.
  if (xpos == "NNS" || xpos == "VBZ") {
    if (ends_with(word, "ies")) return word.substr(0, word.size() - 3) + "y";
    if (ends_with(word, "sses") || ends_with(word, "xes") || ends_with(word, "ches") ||
        ends_with(word, "shes"))
      return word.substr(0, word.size() - 2);
    if (ends_with(word, "s") && !ends_with(word, "ss")) return word.substr(0, word.size() - 1);
    return word;
  }
  if (xpos == "VBD" || xpos == "VBN") {
    if (ends_with(word, "ied")) return word.substr(0, word.size() - 3) + "y";
    if (ends_with(word, "ed")) return word.substr(0, word.size() - 2);
    return word;
  }
  if (xpos == "VBG" && ends_with(word, "ing")) return word.substr(0, word.size() - 3);
  return word;
}

std::string Lemmatizer::rule_lemma(const std::string& form, const std::string& xpos) const {
  if (xpos == "NNP") return form;
  if (xpos == "NNPS") {
    if (ends_with(form, "s") && !ends_with(form, "ss")) return form.substr(0, form.size() - 1);
    return form;
  }
  std::string lower = base::ascii_lower(form);
  if (xpos == "NNS") return morphy(lower, kNoun, xpos);
  if (xpos == "VBZ" || xpos == "VBD" || xpos == "VBN" || xpos == "VBG" || xpos == "VBP" ||
      xpos == "VB")
    return morphy(lower, kVerb, xpos);
  if (xpos == "JJR" || xpos == "JJS") return morphy(lower, kAdj, xpos);
  if (xpos == "RBR" || xpos == "RBS") return morphy(lower, kAdv, xpos);
  return lower;
}

std::string Lemmatizer::lemma(const std::string& form, const std::string& xpos) const {
  auto exact = table_.find(key_of(form, xpos));
  if (exact != table_.end()) return exact->second;
  std::string lower = base::ascii_lower(form);
  if (lower != form) {
    auto folded = table_.find(key_of(lower, xpos));
    if (folded != table_.end()) return folded->second;
  }
  return rule_lemma(form, xpos);
}

void Lemmatizer::lemmatize(Sentence& sentence) const {
  for (Token& t : sentence.tokens) t.lemma = lemma(t.form, t.xpos);
}

void Lemmatizer::train(const std::vector<Sentence>& sentences) {
  std::map<std::string, std::map<std::string, int>> counts;
  for (const Sentence& s : sentences)
    for (const Token& t : s.tokens) {
      if (t.lemma.empty()) continue;
      ++counts[key_of(t.form, t.xpos)][t.lemma];
      // Case-folded entries serve capitalised variants never seen in training (sentence starts).
      std::string lower = base::ascii_lower(t.form);
      if (t.xpos != "NNP" && t.xpos != "NNPS" && base::ascii_lower(t.lemma) == t.lemma)
        ++counts[key_of(lower, t.xpos)][t.lemma];
    }
  table_.clear();
  for (const auto& [key, lemmas] : counts) {
    std::string best;
    int best_count = 0;
    for (const auto& [lemma, n] : lemmas)
      if (n > best_count) best = lemma, best_count = n;
    size_t tab = key.find('\t');
    if (rule_lemma(key.substr(0, tab), key.substr(tab + 1)) != best) table_[key] = best;
  }
}

void Lemmatizer::save(const std::string& path) const {
  ModelWriter out("lemmatizer");
  std::map<std::string, std::string> sorted(table_.begin(), table_.end());
  out.u32(static_cast<uint32_t>(sorted.size()));
  for (const auto& [key, lemma] : sorted) {
    out.str(key);
    out.str(lemma);
  }
  out.save(path);
}

void Lemmatizer::load(const std::string& path) {
  ModelReader in(path, "lemmatizer");
  uint32_t n = in.u32();
  table_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    std::string key = in.str();
    if (key.find('\t') == std::string::npos) throw in.error("bad lemma table key");
    table_[key] = in.str();
  }
  in.expect_end();
}

}  // namespace kg::extract
