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

namespace {

// The lemmas one of whose first two noun senses is a contest (a tournament, a final, the
// Olympics, a Grand Prix, a championship) or one of whose first three is an award (an Oscar, a
// prize, a medal) other than an academic degree ("BA", "associate" name firms too). Not a sport
// ("UK Athletics" governs one), and a social event at large is not enough: a ballet and a film
// are also companies' last words.
std::unordered_set<std::string> event_words(
    const std::unordered_map<uint32_t, wordnet::Synset>& nouns, const std::string& wordnet_dir) {
  uint32_t contest = 0, award = 0, degree = 0, sport = 0;
  for (const auto& [offset, synset] : nouns) {
    if (synset.words.empty()) continue;
    if (synset.words.front() == "contest") contest = offset;
    if (synset.words.size() > 1 && synset.words[0] == "sport" && synset.words[1] == "athletics")
      sport = offset;
    for (const std::string& word : synset.words) {
      if (word == "accolade") award = offset;
      if (word == "academic_degree") degree = offset;
    }
  }
  std::unordered_set<std::string> out;
  if (!contest || !award || !degree || !sport) return out;
  // The nearest root above each synset under one: down the hyponyms of each root, the inner
  // roots first (a degree is an award; it is marked a degree and the award's walk stops there).
  std::unordered_map<uint32_t, uint32_t> root_of;
  for (uint32_t root : {degree, sport, award, contest}) {
    std::vector<uint32_t> stack{root};
    root_of.emplace(root, root);
    while (!stack.empty()) {
      auto synset = nouns.find(stack.back());
      stack.pop_back();
      if (synset == nouns.end()) continue;
      for (const wordnet::Pointer& p : synset->second.pointers)
        if ((p.symbol == "~" || p.symbol == "~i") && p.pos == 'n' &&
            root_of.emplace(p.target, root).second)
          stack.push_back(p.target);
    }
  }
  const auto root = [&](uint32_t offset) {
    auto it = root_of.find(offset);
    return it == root_of.end() ? 0u : it->second;
  };
  const wordnet::IndexFile index = wordnet::read_index_file(wordnet_dir + "/index.noun");
  for (const auto& [offset, r] : root_of) {
    if (r != contest && r != award) continue;
    for (const std::string& word : nouns.at(offset).words) {
      const std::string lemma = base::ascii_lower(word);
      if (out.count(lemma)) continue;
      const std::vector<uint32_t> senses = wordnet::senses_of(index, lemma);
      if (senses.empty() || root(senses[0]) == sport) continue;  // "athletics" is first a sport
      bool event = false;
      for (size_t k = 0; k < senses.size() && k < 3; ++k) {
        const uint32_t at = root(senses[k]);
        event = event || (at == contest && k < 2) || at == award;
      }
      if (event) out.insert(lemma);
    }
  }
  return out;
}

}  // namespace

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
  const wordnet::IndexFile adjective_index = wordnet::read_index_file(wordnet_dir + "/index.adj");
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
          const auto senses =
              wordnet::senses_of(adjective_index, base::ascii_lower(synset.words[w]));
          if (!senses.empty() && senses.front() != offset) continue;
          lex.demonyms_.emplace(base::ascii_lower(synset.words[w]), place);
        }
      }
    }
  lex.events_ = event_words(nouns, wordnet_dir);
  return lex;
}

bool RoleLexicon::names_event(const std::string& name) const {
  std::string key = base::ascii_lower(name);
  for (char& c : key)
    if (c == ' ') c = '_';
  if (events_.count(key)) return true;
  const size_t space = key.rfind('_');
  const std::string last = space == std::string::npos ? key : key.substr(space + 1);
  if (last.empty()) return false;
  if (events_.count(last)) return true;
  return last.size() > 3 && last.back() == 's' && events_.count(last.substr(0, last.size() - 1));
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
