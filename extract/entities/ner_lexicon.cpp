#include "extract/entities/ner_lexicon.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "base/ascii.h"
#include "extract/entities/ner_gazetteer.h"
#include "extract/resources/wordnet_reader.h"

namespace kg::extract::ner {
namespace {

// Single-word lemmas of an index.* file with their synset offsets (most frequent first).
std::vector<std::pair<std::string, std::vector<uint32_t>>> single_words(const std::string& path) {
  std::vector<std::pair<std::string, std::vector<uint32_t>>> out;
  for (std::string_view line : wordnet::read_index_file(path).lines) {
    std::string_view lemma = wordnet::index_lemma(line);
    if (lemma.find('_') == std::string_view::npos)
      out.emplace_back(std::string(lemma), wordnet::index_offsets(line));
  }
  if (out.empty()) throw std::runtime_error("no lemmas in WordNet file " + path);
  return out;
}

// WordNet's detachment rules (morphy) for nouns and verbs, all applied at once: a wrong
// candidate rarely exists as a word. The adjective rules (-er, -est) are left out because they
// would turn names into words ("Peter" -> "pet", "Turner" -> "turn").
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kSuffixRules = {{
    {"s", ""},
    {"ses", "s"},
    {"xes", "x"},
    {"zes", "z"},
    {"ches", "ch"},
    {"shes", "sh"},
    {"men", "man"},
    {"ies", "y"},
    {"es", "e"},
    {"es", ""},
    {"ed", "e"},
    {"ed", ""},
    {"ing", "e"},
    {"ing", ""},
}};

// VerbFrame bits of one of WordNet's 35 generic sentence frames.
uint8_t frame_bits(int frame) {
  static constexpr int kThingSubjects[] = {1, 4, 5, 6, 10, 11, 12, 35};
  static constexpr int kPersonSubjects[] = {2,  7,  8,  9,  13, 14, 15, 16, 17, 18, 19, 20, 21,
                                            22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33};
  static constexpr int kPersonObjects[] = {9, 10, 12, 14, 15, 16, 17, 18, 19, 20, 24, 25, 27, 30};
  auto has = [frame](const auto& list) {
    return std::find(std::begin(list), std::end(list), frame) != std::end(list);
  };
  uint8_t bits = 0;
  if (has(kPersonSubjects)) bits |= WordLexicon::kPersonSubject;
  if (has(kThingSubjects)) bits |= WordLexicon::kThingSubject;
  if (has(kPersonObjects)) bits |= WordLexicon::kPersonObject;
  return bits;
}

}  // namespace

WordLexicon WordLexicon::build(const std::string& wordnet_dir) {
  WordLexicon lexicon;
  auto nouns = wordnet::read_data_file(wordnet_dir + "/data.noun");
  auto verbs = wordnet::read_data_file(wordnet_dir + "/data.verb");
  // A noun is an ordinary word if one of its senses is not an instance (a named thing):
  // "lincoln" is only the president and a city, "bush" is also a shrub.
  for (const auto& [lemma, offsets] : single_words(wordnet_dir + "/index.noun")) {
    bool common = std::any_of(offsets.begin(), offsets.end(), [&](uint32_t offset) {
      auto it = nouns.find(offset);
      return it != nouns.end() &&
             std::none_of(it->second.pointers.begin(), it->second.pointers.end(),
                          [](const wordnet::Pointer& p) { return p.symbol == "@i"; });
    });
    if (common) lexicon.add(lemma);
    auto first = offsets.empty() ? nouns.end() : nouns.find(offsets.front());
    if (common && first != nouns.end() && first->second.lexfile == 18)  // noun.person
      lexicon.add_person_noun(lemma);
  }
  for (const char* file : {"/index.adj", "/index.adv"})
    for (const auto& [lemma, offsets] : single_words(wordnet_dir + file)) lexicon.add(lemma);
  // Verb classes of the two most frequent senses ("poison": verb.social, verb.contact).
  for (const auto& [lemma, offsets] : single_words(wordnet_dir + "/index.verb")) {
    uint16_t files = 0;
    uint8_t frames = 0;
    for (size_t s = 0; s < offsets.size() && s < 2; ++s) {
      auto it = verbs.find(offsets[s]);
      if (it == verbs.end()) continue;
      int k = it->second.lexfile - kFirstVerbFile;
      if (k >= 0 && k < kVerbFiles) files |= static_cast<uint16_t>(1u << k);
      for (uint8_t frame : it->second.frames) frames |= frame_bits(frame);
    }
    lexicon.add(lemma, files, frames);
  }
  // Irregular forms take the flags of their base form ("was" -> "be", "children" -> "child").
  for (const char* file : {"/noun.exc", "/verb.exc", "/adj.exc", "/adv.exc"}) {
    for (const auto& [form, base] : wordnet::read_exceptions(wordnet_dir + file)) {
      auto it = lexicon.entries_.find(base);
      if (it != lexicon.entries_.end() && form.find('_') == std::string::npos)
        lexicon.entries_[form] |= it->second;
    }
  }
  return lexicon;
}

void WordLexicon::add(std::string_view word, uint16_t verb_files, uint8_t verb_frames) {
  entries_[base::ascii_lower(word)] |=
      kCommonBit | verb_files | uint32_t{verb_frames} << kFrameShift;
}

uint32_t WordLexicon::flags(std::string_view lower) const {
  uint32_t found = 0;
  thread_local std::string key;  // reused: this runs for every token the recognizer reads
  key.assign(lower);
  auto it = entries_.find(key);
  if (it != entries_.end()) found |= it->second;
  for (const auto& [suffix, replacement] : kSuffixRules) {
    if (lower.size() <= suffix.size() + 1 || !lower.ends_with(suffix)) continue;
    key.assign(lower.substr(0, lower.size() - suffix.size()));
    key += replacement;
    it = entries_.find(key);
    if (it != entries_.end()) found |= it->second;
  }
  return found;
}

WordLexicon::Entry WordLexicon::look_up_lower(std::string_view lower) const {
  const uint32_t bits = flags(lower);
  Entry entry;
  entry.common = bits & kCommonBit;
  if (!entry.common && lower.find('-') != std::string_view::npos) {
    // "peace-keeping", "well-known": ordinary if every part is.
    size_t parts = 0;
    bool all = true;
    for (size_t begin = 0; begin <= lower.size() && all;) {
      size_t end = std::min(lower.find('-', begin), lower.size());
      if (end > begin) {
        all = flags(lower.substr(begin, end - begin)) & kCommonBit;
        ++parts;
      }
      begin = end + 1;
    }
    entry.common = all && parts > 0;
  }
  entry.verb_files = static_cast<uint16_t>(bits & ((1u << kVerbFiles) - 1));
  entry.verb_frames = static_cast<uint8_t>(bits >> kFrameShift & 7);
  entry.person_noun = bits & kPersonNounBit;
  return entry;
}

bool WordLexicon::is_common(std::string_view word) const {
  return look_up_lower(base::ascii_lower(word)).common;
}

uint16_t WordLexicon::verb_files(std::string_view word) const {
  return look_up_lower(base::ascii_lower(word)).verb_files;
}

void WordLexicon::add_person_noun(std::string_view word) {
  entries_[base::ascii_lower(word)] |= kCommonBit | kPersonNounBit;
}

bool WordLexicon::is_person_noun(std::string_view word) const {
  return look_up_lower(base::ascii_lower(word)).person_noun;
}

uint8_t WordLexicon::verb_frames(std::string_view word) const {
  return look_up_lower(base::ascii_lower(word)).verb_frames;
}

WordLexicon WordLexicon::load(ModelReader& in) {
  WordLexicon lexicon;
  lexicon.entries_ = read_word_table(in);
  return lexicon;
}

}  // namespace kg::extract::ner
