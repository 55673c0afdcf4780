#include "extract/entities/ner_roles.h"

#include <algorithm>
#include <deque>

#include "base/ascii.h"
#include "extract/entities/ner_gazetteer.h"

namespace kg::extract::ner {
namespace {

constexpr int kNounPerson = 18, kNounLocation = 15, kNounGroup = 14;

// Roles normalize hyphens and underscores to spaces so "Secretary-General" meets
// WordNet's "Secretary_General".
std::string role_key(const std::string& text) {
  std::string key = base::ascii_lower(text);
  for (char& c : key)
    if (c == '_' || c == '-') c = ' ';
  return key;
}

// Whether a synset's lesser word names it wherever it is written: a capitalized word ("USA",
// "Holland"), not a common noun ("paradise", "nirvana": a band's name in news), and not two
// letters, which are US states' postal codes ("ID", "LA", "OK", "ME") or initials of many
// things ("DS", "MI"). The few two-letter names that are always the same (UK, US, EU, UN) are
// in models/aliases.tsv.
bool is_name_alias(const std::string& word) {
  if (word.empty() || !base::is_ascii_upper(word[0])) return false;
  size_t letters = 0;
  for (char c : word) letters += c != '.';
  return letters > 2;
}

}  // namespace

std::vector<std::string> derive_role_words(
    const std::unordered_map<uint32_t, wordnet::Synset>& nouns) {
  static const std::unordered_set<std::string> kRoots = {
      "leader",       "head",       "official",   "administrator", "diplomat", "representative",
      "spokesperson", "executive",  "politician", "chief",         "lawgiver", "military_officer",
      "envoy",        "negotiator", "ruler"};
  std::deque<uint32_t> queue;
  std::unordered_set<uint32_t> seen;
  for (const auto& [offset, synset] : nouns) {
    if (synset.lexfile != kNounPerson) continue;
    for (const std::string& word : synset.words) {
      if (kRoots.count(word)) {
        queue.push_back(offset);
        seen.insert(offset);
        break;
      }
    }
  }
  std::vector<std::string> roles;
  while (!queue.empty()) {
    auto it = nouns.find(queue.front());
    queue.pop_front();
    if (it == nouns.end()) continue;
    for (const std::string& word : it->second.words) roles.push_back(role_key(word));
    for (const wordnet::Pointer& p : it->second.pointers) {
      if (p.symbol == "~" && p.pos == 'n' && seen.insert(p.target).second)
        queue.push_back(p.target);
    }
  }
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles;
}

RoleLexicon RoleLexicon::build(const std::string& wordnet_dir) {
  RoleLexicon lex;
  auto nouns = wordnet::read_data_file(wordnet_dir + "/data.noun");
  auto adjectives = wordnet::read_data_file(wordnet_dir + "/data.adj");
  for (const std::string& role : derive_role_words(nouns)) lex.roles_.insert(role);
  // A word that heads one synset and is a lesser name in another ("China" heads the People's
  // Republic, and is a name of Taiwan too) stands for the synset it heads; failing that, a
  // place's name for the place ("USA" is the United States before the United States Army).
  // Heads first, then places' other words, then groups'; the first entry of a word stays. A
  // head alone in its synset counts too: "Europe" the nations is a synset of one word, and
  // is a lesser name of the European Union.
  auto add_aliases = [&](bool heads, int lexfile) {
    for (const auto& [offset, synset] : nouns) {
      if (synset.lexfile != lexfile || synset.words.size() < (heads ? 1u : 2u)) continue;
      std::string canonical = wordnet::lemma_text(synset.words.front());
      for (size_t w = heads ? 0 : 1; w < (heads ? 1 : synset.words.size()); ++w) {
        const std::string word = wordnet::lemma_text(synset.words[w]);
        if (!heads && !is_name_alias(word)) continue;
        lex.aliases_.emplace(base::ascii_lower(word), canonical);
      }
    }
  };
  add_aliases(true, kNounLocation);
  add_aliases(true, kNounGroup);
  add_aliases(false, kNounLocation);
  add_aliases(false, kNounGroup);
  // The same for demonyms: "Chinese" heads the adjective of China, and is a lesser word of
  // Taiwan's ("Taiwanese, Chinese, Formosan"). Only a word whose most frequent sense is the
  // place's: "Olympic" is first of the Olympic Games, and only then of Olympia in Greece.
  std::unordered_map<std::string, uint32_t> first_sense;
  for (std::string_view line : wordnet::read_index_file(wordnet_dir + "/index.adj").lines) {
    std::vector<uint32_t> senses = wordnet::index_offsets(line);
    if (!senses.empty()) first_sense.emplace(wordnet::index_lemma(line), senses.front());
  }
  for (bool heads : {true, false})
    for (const auto& [offset, synset] : adjectives) {
      for (const wordnet::Pointer& p : synset.pointers) {
        if (p.symbol != "\\" || p.pos != 'n') continue;
        auto target = nouns.find(p.target);
        if (target == nouns.end() || target->second.lexfile != kNounLocation) continue;
        const auto& names = target->second.words;
        size_t t = p.target_word ? p.target_word - 1 : 0;
        if (t >= names.size()) t = 0;
        for (size_t w = 0; w < synset.words.size(); ++w) {
          if (p.source_word != 0 && p.source_word != w + 1) continue;
          if ((w == 0) != heads) continue;
          // A demonym names a place: "Russian", "British"; "regional" (region) and "rural"
          // (country) pertain to common nouns.
          const std::string place = wordnet::lemma_text(names[t]);
          if (synset.words[w].empty() || !base::is_ascii_upper(synset.words[w][0]) ||
              place.empty() || !base::is_ascii_upper(place[0]))
            continue;
          auto first = first_sense.find(base::ascii_lower(synset.words[w]));
          if (first != first_sense.end() && first->second != offset) continue;
          lex.demonyms_.emplace(base::ascii_lower(synset.words[w]), place);
        }
      }
    }
  return lex;
}

std::string RoleLexicon::place_of_demonym(const std::string& word) const {
  auto it = demonyms_.find(base::ascii_lower(word));
  return it == demonyms_.end() ? std::string() : it->second;
}

std::string RoleLexicon::canonical_name(const std::string& name) const {
  auto it = aliases_.find(base::ascii_lower(name));
  return it == aliases_.end() ? name : it->second;
}

}  // namespace kg::extract::ner
