// Character classes the tokenizer needs, read straight from UTF-8 bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/utf8.h"

namespace kg::extract {

// What a character is to the tokenizer.
enum class CharClass : uint8_t { kSpace, kLetter, kDigit, kPunct };

// One decoded character: code point, byte length, class.
struct Char {
  uint32_t cp = 0;
  uint32_t length = 1;
  CharClass cls = CharClass::kPunct;
};

// Class of a non-ASCII code point: a few space and punctuation blocks, everything else a letter
// (so words in any script stay whole).
inline CharClass classify_non_ascii(uint32_t cp) {
  if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
      cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF) {
    return CharClass::kSpace;
  }
  if (cp < 0xA0) return CharClass::kPunct;  // C1 controls
  if (cp <= 0xBF) {
    bool letter_like = cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 ||
                       cp == 0xBA || (cp >= 0xBC && cp <= 0xBE);
    return letter_like ? CharClass::kLetter : CharClass::kPunct;
  }
  if (cp == 0xD7 || cp == 0xF7) return CharClass::kPunct;
  if ((cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20CF) ||
      (cp >= 0x2100 && cp <= 0x214F) || (cp >= 0x2190 && cp <= 0x2BFF) ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
      (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFFFD || (cp >= 0x1F000 && cp <= 0x1FAFF)) {
    return CharClass::kPunct;
  }
  return CharClass::kLetter;
}

// Class of an ASCII byte.
inline CharClass classify_ascii(unsigned char c) {
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharClass::kLetter;
  if (c <= ' ' || c == 0x7F) return CharClass::kSpace;  // controls count as space
  return CharClass::kPunct;
}

// The character starting at text[pos]; an invalid byte is a one-byte U+FFFD punctuation mark.
inline Char char_at(std::string_view text, size_t pos) {
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return Char{c, 1, classify_ascii(c)};
  Char ch;
  size_t length = base::utf8_sequence(reinterpret_cast<const unsigned char*>(text.data()) + pos,
                                      text.size() - pos, &ch.cp);
  if (length == 0) return Char{0xFFFD, 1, CharClass::kPunct};
  ch.length = static_cast<uint32_t>(length);
  ch.cls = classify_non_ascii(ch.cp);
  return ch;
}

// True for letters and digits.
inline bool is_alnum(const Char& c) {
  return c.cls == CharClass::kLetter || c.cls == CharClass::kDigit;
}

// True for ASCII digits.
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Byte length of the apostrophe (' or U+2019) at text[pos], 0 if there is none.
inline size_t apostrophe_length(std::string_view text, size_t pos) {
  if (text[pos] == '\'') return 1;
  if (text.substr(pos, 3) == "\xE2\x80\x99") return 3;
  return 0;
}

}  // namespace kg::extract
