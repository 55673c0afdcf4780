#include "extract/facts/name_key.h"

#include <algorithm>

#include "base/ascii.h"

namespace kg::extract {

std::string key_of(std::string_view name) {
  std::string key;
  bool space = false;
  for (char c : name) {
    if (c == '.') continue;
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += base::ascii_lower(c);
  }
  if (key.rfind("the ", 0) == 0) key.erase(0, 4);
  return key;
}

std::vector<std::string> words_of(const std::string& key) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::string initials(const std::string& name) {
  std::string out;
  bool at_start = true;
  for (char c : name) {
    if (c == ' ' || c == '-') {
      at_start = true;
    } else if (at_start) {
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      at_start = false;
    }
  }
  return out;
}

bool is_acronym(const std::string& text) {
  if (text.size() < 2 || text.size() > 6) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || c == '.'; });
}

bool is_all_caps(const std::string& text) {
  bool letters = false;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    letters |= c >= 'A' && c <= 'Z';
  }
  return letters;
}

}  // namespace kg::extract
