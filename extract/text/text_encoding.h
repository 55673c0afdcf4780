// Turning raw file bytes into valid UTF-8 text, and reading UTF-8 code points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kg::extract {

// Text ready for the tokenizer, with a note of what was changed to get it.
struct DecodedText {
  std::string text;           // valid UTF-8, byte order mark removed
  bool was_latin1 = false;    // the bytes were read as Windows-1252 / Latin-1
  size_t repaired_bytes = 0;  // invalid bytes replaced by U+FFFD
};

// Decodes file bytes: valid UTF-8 passes unchanged (minus a BOM); bytes that are not UTF-8 but
// look like Latin-1/Windows-1252 are converted; isolated invalid bytes become U+FFFD.
// Throws ExtractError naming file_name if the bytes look binary (NUL bytes, many control chars).
DecodedText decode_text(std::string_view bytes, std::string_view file_name);

// Length of the valid UTF-8 sequence starting at s[0] (1-4), or 0 if it is not valid UTF-8
// (truncated, overlong, surrogate, above U+10FFFF). Stores the code point in *code_point.
size_t utf8_sequence(const unsigned char* s, size_t available, uint32_t* code_point);

// Appends code_point encoded as UTF-8.
void append_utf8(std::string& out, uint32_t code_point);

}  // namespace kg::extract
