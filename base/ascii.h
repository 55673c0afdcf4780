// ASCII-only character helpers. Case folding beyond ASCII is not needed where these are used
// (model features, keywords, word lists), and ASCII folding never changes a string's length.
#pragma once

#include <string>
#include <string_view>

namespace kg::base {

inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The string with A-Z lowered; every other byte (UTF-8 included) unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

inline bool is_ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_ascii_lower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace kg::base
