// Name lists for the entity recognizer, derived from Debian's WordNet and iso-codes packages:
// instance names by WordNet lexicographer file (person, location, group), country and
// subdivision names, language names, demonyms, given names and surnames, organization words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/learn/model_io.h"

namespace kg::extract::ner {

// Gazetteer categories, one bit each.
enum GazetteerCategory : int {
  kGazPerson = 0,   // WordNet instances in noun.person
  kGazLocation,     // WordNet instances in noun.location
  kGazGroup,        // WordNet instances in noun.group (organizations, peoples)
  kGazOtherName,    // other WordNet instances (events, works, ...)
  kGazCountry,      // ISO 3166-1 names
  kGazSubdivision,  // ISO 3166-2 names
  kGazLanguage,     // ISO 639 language names
  kGazDemonym,      // WordNet adjectives pertaining to a place ("Russian")
  kGazGivenName,    // first words of WordNet person names
  kGazSurname,      // last words of WordNet person names
  kGazOrgWord,      // last words of several WordNet group names ("Party", "Bank")
  kGazRoleWord,     // hyponyms of leader, official, head... ("minister", "chief")
  kGazCount
};

// Short printable names of the categories, used in feature strings.
const char* gazetteer_category_name(int category);

// Multi-token name lists with longest-match lookup; keys are lowercased, space-joined tokens.
class Gazetteer {
 public:
  // Builds the lists from WordNet dict files and iso-codes JSON files; throws if unreadable.
  static Gazetteer build(const std::string& wordnet_dir, const std::string& iso_codes_dir);

  // Adds a name (tokens separated by single spaces, any case) to a category.
  void add(std::string_view name, int category);

  // For each token, the categories of the longest match covering it, as (category, BILOU
  // position) pairs packed as category * 4 + position.
  std::vector<std::vector<uint8_t>> match(const std::vector<std::string_view>& forms) const;

  size_t size() const { return entries_.size(); }
  void save(ModelWriter& out) const { write_word_table(out, entries_); }
  static Gazetteer load(ModelReader& in);

 private:
  static constexpr uint32_t kPrefixBit = 1u << 31;  // a longer entry starts with this key
  static constexpr size_t kMaxTokens = 8;
  std::unordered_map<std::string, uint32_t> entries_;
};

}  // namespace kg::extract::ner
