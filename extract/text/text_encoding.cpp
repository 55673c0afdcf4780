#include "extract/text/text_encoding.h"

#include <string>

#include "extract/error.h"

namespace kg::extract {
namespace {

// Windows-1252 code points of bytes 0x80-0x9F; 0 marks the five undefined bytes.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

constexpr uint32_t kReplacement = 0xFFFD;

// Control characters that never occur in text files (tab, newlines, form feed are fine).
bool is_binary_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F;
}

// Throws if the bytes look like binary data rather than text.
void reject_binary(std::string_view bytes, std::string_view file_name) {
  size_t controls = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      throw ExtractError(std::string(file_name) + ": binary data, not text (NUL byte at offset " +
                         std::to_string(i) + ")");
    }
    if (is_binary_control(c)) ++controls;
  }
  // A stray escape or bell in a text file is tolerated; many of them mean binary data.
  if (controls > 2 + bytes.size() / 100) {
    throw ExtractError(std::string(file_name) + ": binary data, not text (" +
                       std::to_string(controls) + " control characters in " +
                       std::to_string(bytes.size()) + " bytes)");
  }
}

}  // namespace

size_t utf8_sequence(const unsigned char* s, size_t available, uint32_t* code_point) {
  if (available == 0) return 0;
  unsigned char c = s[0];
  if (c < 0x80) {
    *code_point = c;
    return 1;
  }
  size_t length;
  uint32_t cp;
  uint32_t minimum;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2, cp = c & 0x1F, minimum = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3, cp = c & 0x0F, minimum = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4, cp = c & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (available < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return length;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

DecodedText decode_text(std::string_view bytes, std::string_view file_name) {
  reject_binary(bytes, file_name);
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t valid_multibyte = 0;
  size_t invalid = 0;
  for (size_t i = 0; i < bytes.size();) {
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    uint32_t cp;
    size_t length = utf8_sequence(data + i, bytes.size() - i, &cp);
    if (length == 0) {
      ++invalid;
      ++i;
    } else {
      ++valid_multibyte;
      i += length;
    }
  }

  DecodedText result;
  if (invalid == 0) {
    result.text.assign(bytes);
    return result;
  }
  result.text.reserve(bytes.size() + bytes.size() / 8);
  // Latin-1 text has no valid UTF-8 sequences, or only a few accidental ones; UTF-8 text with
  // a few damaged bytes has many more valid sequences than invalid bytes.
  if (invalid > valid_multibyte) {
    result.was_latin1 = true;
    for (unsigned char c : bytes) {
      if (c < 0x80) {
        result.text.push_back(static_cast<char>(c));
      } else if (c < 0xA0) {
        uint32_t cp = kCp1252High[c - 0x80];
        if (cp == 0) {
          cp = kReplacement;
          ++result.repaired_bytes;
        }
        append_utf8(result.text, cp);
      } else {
        append_utf8(result.text, c);
      }
    }
    return result;
  }
  for (size_t i = 0; i < bytes.size();) {
    uint32_t cp;
    size_t length = utf8_sequence(data + i, bytes.size() - i, &cp);
    if (length == 0) {
      append_utf8(result.text, kReplacement);
      ++result.repaired_bytes;
      ++i;
    } else {
      result.text.append(bytes.substr(i, length));
      i += length;
    }
  }
  return result;
}

}  // namespace kg::extract
