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

// Line and column (both from 1, the column counted in characters) of byte `offset` of `text`,
// for error messages.
struct TextPosition {
  size_t line = 1, column = 1;
};
TextPosition position_of(std::string_view text, size_t offset);

}  // namespace kg::base
