// Titles and roles in front of person names ("Russian Foreign Minister Sergei Lavrov"), with the
// word lists derived from WordNet: hyponyms of leader, official, head..., demonyms and aliases.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/resources/wordnet_reader.h"

namespace kg::extract::ner {

// Lowercased lemmas of every noun.person synset under the role roots (leader, official, head,
// administrator, diplomat, representative, spokesperson, executive, politician, chief...).
std::vector<std::string> derive_role_words(
    const std::unordered_map<uint32_t, wordnet::Synset>& nouns);

// What a role phrase needs: role words, demonym -> place, alias -> canonical name.
class RoleLexicon {
 public:
  // Reads data.noun and data.adj from `wordnet_dir`; throws std::runtime_error if absent.
  static RoleLexicon build(const std::string& wordnet_dir);

  // Whether the lowercased, space-separated phrase is a role ("foreign minister", "chief").
  bool is_role(const std::string& phrase) const { return roles_.count(phrase) > 0; }
  // "Russian" -> "Russia"; empty if the word is no demonym.
  std::string place_of_demonym(const std::string& word) const;
  // "UN" -> "United Nations", "Kiev" -> the synset's first name; the input if unknown.
  std::string canonical_name(const std::string& name) const;
  // Whether a name names a contest or an award, not an organization or a place: the name or
  // its last word (singular) is a word one of whose first senses is a contest ("Olympics",
  // "tournament", "final", "Grand Prix", "championship") or an award ("Oscar", "Awards",
  // "Prize"; not an academic degree).
  bool names_event(const std::string& name) const;
  bool empty() const { return roles_.empty(); }

 private:
  std::unordered_set<std::string> roles_;
  std::unordered_map<std::string, std::string> demonyms_;  // lowercased demonym -> place
  std::unordered_map<std::string, std::string> aliases_;   // lowercased name -> canonical
  std::unordered_set<std::string> events_;  // lowercased lemmas, underscores for spaces
};

}  // namespace kg::extract::ner
