#include "extract/facts/nominal.h"

#include <algorithm>

#include "base/ascii.h"
#include "extract/resources/wordnet_reader.h"

namespace kg::extract {

namespace {

// Lexicographer files of nouns that name events: noun.act, noun.communication, noun.event,
// noun.group (a meeting as a gathering).
bool names_event(int lexfile) {
  return lexfile == 4 || lexfile == 10 || lexfile == 11 || lexfile == 14;
}

size_t common_prefix(const std::string& a, const std::string& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

Nominalizations Nominalizations::load(const std::string& wordnet_dir) {
  auto nouns = wordnet::read_data_file(wordnet_dir + "/data.noun");
  auto verbs = wordnet::read_data_file(wordnet_dir + "/data.verb");
  Nominalizations result;
  std::unordered_map<std::string, size_t> best_prefix;
  for (const auto& [offset, synset] : nouns) {
    if (!names_event(synset.lexfile)) continue;
    for (const auto& pointer : synset.pointers) {
      if (pointer.symbol != "+" || pointer.pos != 'v' || pointer.source_word == 0) continue;
      auto target = verbs.find(pointer.target);
      if (target == verbs.end() || pointer.source_word > synset.words.size() ||
          pointer.target_word == 0 || pointer.target_word > target->second.words.size())
        continue;
      std::string noun = base::ascii_lower(synset.words[pointer.source_word - 1]);
      std::string verb = base::ascii_lower(target->second.words[pointer.target_word - 1]);
      if (noun.find('_') != std::string::npos || verb.find('_') != std::string::npos) continue;
      // Of several verbs, the one spelled most like the noun: "meeting" -> "meet", not "gather".
      size_t prefix = common_prefix(noun, verb);
      if (prefix < 3) continue;
      auto [it, inserted] = best_prefix.emplace(noun, prefix);
      if (inserted || prefix > it->second || (prefix == it->second && verb < result.verbs_[noun])) {
        it->second = prefix;
        result.verbs_[noun] = verb;
      }
    }
  }
  return result;
}

std::string_view Nominalizations::verb_of(std::string_view noun) const {
  auto it = verbs_.find(std::string(noun));
  return it == verbs_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace kg::extract
