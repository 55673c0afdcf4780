// UTF-8: decoding and encoding one code point, and finding the first byte that is not valid
// UTF-8 (overlong forms, surrogates and code points above U+10FFFF count as invalid).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kg::base {

// Length of the valid UTF-8 sequence starting at s[0] (1-4), or 0 if it is not valid UTF-8
// (truncated, overlong, surrogate, above U+10FFFF). Stores the code point in *code_point.
size_t utf8_sequence(const unsigned char* s, size_t available, uint32_t* code_point);

// Appends code_point encoded as UTF-8.
void append_utf8(std::string& out, uint32_t code_point);

// The offset of the first byte that is not part of valid UTF-8, or a NUL byte; `size` if none.
// Eight ASCII bytes at a time: much cheaper than decoding every character (graph files are
// checked whole before they are parsed).
size_t find_invalid_utf8(const char* data, size_t size);

// The number of code points of valid UTF-8 (the characters a terminal shows, one column each
// for the scripts kg meets): continuation bytes do not count.
inline size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
// Whether byte `c` starts a character (is not a continuation byte).
inline bool starts_character(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}
// The byte offset of code point `index` of `s`, or s.size() past its end.
size_t utf8_offset(std::string_view s, size_t index);

// Line and column (both from 1, the column counted in characters) of byte `offset` of `text`,
// for error messages.
struct TextPosition {
  size_t line = 1, column = 1;
};
TextPosition position_of(std::string_view text, size_t offset);

}  // namespace kg::base
