#include "extract/entities/ner_gazetteer.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "base/ascii.h"
#include "extract/entities/ner_roles.h"
#include "extract/resources/wordnet_reader.h"

namespace kg::extract::ner {
namespace {

constexpr int kNounPerson = 18, kNounLocation = 15, kNounGroup = 14;

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Categories that name proper nouns and must be capitalized in text to match.
constexpr uint32_t kCaseFreeMask = (1u << kGazRoleWord) | (1u << kGazOrgWord);

rapidjson::Document read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(buffer.str().c_str());
  if (doc.HasParseError() || !doc.IsObject()) throw std::runtime_error("bad JSON in " + path);
  return doc;
}

// Adds the given string members of every object in the file's top-level array.
void add_iso_names(Gazetteer& gaz, const std::string& path, const char* array_name,
                   const std::vector<const char*>& members, int category) {
  rapidjson::Document doc = read_json(path);
  if (!doc.HasMember(array_name) || !doc[array_name].IsArray())
    throw std::runtime_error(path + " lacks the array " + array_name);
  for (const auto& entry : doc[array_name].GetArray()) {
    for (const char* m : members) {
      if (!entry.HasMember(m) || !entry[m].IsString()) continue;
      std::string name = entry[m].GetString();
      // "Korea, Republic of" and "Bolivia (Plurinational State of)" are not running-text names.
      if (name.find(',') != std::string::npos) continue;
      size_t paren = name.find(" (");
      if (paren != std::string::npos) name.resize(paren);
      gaz.add(name, category);
    }
  }
}

}  // namespace

const char* gazetteer_category_name(int category) {
  static const char* kNames[kGazCount] = {"per", "loc", "grp", "oth", "cty",  "sub",
                                          "lng", "dem", "giv", "sur", "orgw", "role"};
  return category >= 0 && category < kGazCount ? kNames[category] : "?";
}

void Gazetteer::add(std::string_view name, int category) {
  std::vector<std::string> tokens = split_spaces(name);
  if (tokens.empty() || tokens.size() > kMaxTokens) return;
  std::string key;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i) key += ' ';
    key += base::ascii_lower(tokens[i]);
    if (i + 1 < tokens.size()) entries_[key] |= kPrefixBit;
  }
  entries_[key] |= 1u << category;
}

Gazetteer Gazetteer::build(const std::string& wordnet_dir, const std::string& iso_codes_dir) {
  Gazetteer gaz;
  auto nouns = wordnet::read_data_file(wordnet_dir + "/data.noun");
  auto adjectives = wordnet::read_data_file(wordnet_dir + "/data.adj");
  std::map<std::string, int> given, surnames, org_words;
  for (const auto& [offset, synset] : nouns) {
    bool instance = std::any_of(synset.pointers.begin(), synset.pointers.end(),
                                [](const wordnet::Pointer& p) { return p.symbol == "@i"; });
    if (!instance) continue;
    int category = synset.lexfile == kNounPerson     ? kGazPerson
                   : synset.lexfile == kNounLocation ? kGazLocation
                   : synset.lexfile == kNounGroup    ? kGazGroup
                                                     : kGazOtherName;
    for (const std::string& word : synset.words) {
      std::string name = wordnet::lemma_text(word);
      if (!has_upper(name)) continue;
      gaz.add(name, category);
      std::vector<std::string> tokens = split_spaces(name);
      if (category == kGazPerson && tokens.size() >= 2) {
        ++given[tokens.front()];
        ++surnames[tokens.back()];
      }
      if (category == kGazGroup && tokens.size() >= 2) ++org_words[tokens.back()];
    }
  }
  for (const auto& [word, n] : given)
    if (has_upper(word) && word.size() > 2 && word.back() != '.') gaz.add(word, kGazGivenName);
  for (const auto& [word, n] : surnames)
    if (has_upper(word) && word.size() > 1) gaz.add(word, kGazSurname);
  for (const auto& [word, n] : org_words)
    if (n >= 3) gaz.add(word, kGazOrgWord);
  // Demonyms: capitalized adjectives with a pertainym pointing at a location or group noun.
  for (const auto& [offset, synset] : adjectives) {
    for (const wordnet::Pointer& p : synset.pointers) {
      if (p.symbol != "\\" || p.pos != 'n') continue;
      auto target = nouns.find(p.target);
      if (target == nouns.end() ||
          (target->second.lexfile != kNounLocation && target->second.lexfile != kNounGroup))
        continue;
      for (size_t w = 0; w < synset.words.size(); ++w) {
        if (p.source_word != 0 && p.source_word != w + 1) continue;
        std::string name = wordnet::lemma_text(synset.words[w]);
        if (has_upper(name)) gaz.add(name, kGazDemonym);
      }
    }
  }
  for (const std::string& role : derive_role_words(nouns)) gaz.add(role, kGazRoleWord);
  add_iso_names(gaz, iso_codes_dir + "/iso_3166-1.json", "3166-1",
                {"name", "common_name", "official_name"}, kGazCountry);
  add_iso_names(gaz, iso_codes_dir + "/iso_3166-2.json", "3166-2", {"name"}, kGazSubdivision);
  add_iso_names(gaz, iso_codes_dir + "/iso_639-2.json", "639-2", {"name"}, kGazLanguage);
  return gaz;
}

std::vector<std::vector<uint8_t>> Gazetteer::match(
    const std::vector<std::string_view>& forms) const {
  std::vector<std::vector<uint8_t>> marks(forms.size());
  // longest[c][i]: length of the longest match of category c starting at token i.
  std::vector<std::array<uint8_t, kGazCount>> longest(forms.size());
  std::string key;
  for (size_t i = 0; i < forms.size(); ++i) {
    longest[i].fill(0);
    key.clear();
    bool first_upper = has_upper(forms[i]);
    for (size_t n = 1; n <= kMaxTokens && i + n <= forms.size(); ++n) {
      if (n > 1) key += ' ';
      for (char c : forms[i + n - 1]) key += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
      auto it = entries_.find(key);
      if (it == entries_.end()) break;
      uint32_t mask = it->second & ~kPrefixBit;
      if (!(first_upper && has_upper(forms[i + n - 1]))) mask &= kCaseFreeMask;
      for (int c = 0; c < kGazCount; ++c)
        if (mask & (1u << c)) longest[i][c] = static_cast<uint8_t>(n);
      if (!(it->second & kPrefixBit)) break;
    }
  }
  for (int c = 0; c < kGazCount; ++c) {
    for (size_t i = 0; i < forms.size();) {
      size_t n = longest[i][c];
      if (n == 0) {
        ++i;
        continue;
      }
      for (size_t k = 0; k < n; ++k) {
        int pos = n == 1 ? 3 : k == 0 ? 0 : k + 1 == n ? 2 : 1;  // U, B, L, I
        marks[i + k].push_back(static_cast<uint8_t>(c * 4 + pos));
      }
      i += n;
    }
  }
  return marks;
}

Gazetteer Gazetteer::load(ModelReader& in) {
  Gazetteer gaz;
  gaz.entries_ = read_word_table(in);
  return gaz;
}

}  // namespace kg::extract::ner
