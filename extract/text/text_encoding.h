// Turning raw file bytes into valid UTF-8 text (decoding single characters: base/utf8.h).
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

}  // namespace kg::extract
