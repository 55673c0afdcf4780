// How coreference compares names: a normalized key, its words, initials ("United Nations" ->
// "un"), and the shapes of acronyms and capitalized headings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kg::extract {

// Lowercase, periods dropped, spaces collapsed, a leading "the " dropped: "The U.N." -> "un".
std::string key_of(std::string_view name);
// The space-separated words of a key.
std::vector<std::string> words_of(const std::string& key);
// "United Nations" -> "un", "European Union" -> "eu"; words in lowercase.
std::string initials(const std::string& name);
// Two to six capitals or periods: "UN", "U.S.".
bool is_acronym(const std::string& text);
// Letters, none of them lowercase: "KYIV".
bool is_all_caps(const std::string& text);

}  // namespace kg::extract
