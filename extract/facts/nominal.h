// Event nouns and the verbs they name, from WordNet's derivational links:
// "meeting" -> "meet", "talks" -> "talk", "invasion" -> "invade", "visit" -> "visit".
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace kg::extract {

class Nominalizations {
 public:
  // Reads data.noun and data.verb from `wordnet_dir`; throws std::runtime_error if absent.
  static Nominalizations load(const std::string& wordnet_dir);
  // The verb an event noun (lowercase lemma) names, or "" when it names none.
  std::string_view verb_of(std::string_view noun) const;
  size_t size() const { return verbs_.size(); }

 private:
  std::unordered_map<std::string, std::string> verbs_;
};

}  // namespace kg::extract
