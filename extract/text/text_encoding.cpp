#include "extract/text/text_encoding.h"

#include <string>

#include "base/utf8.h"
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

// UTF-16 text with its byte order mark (what Windows editors save as "Unicode") as UTF-8;
// unpaired surrogates become U+FFFD, and an odd last byte is dropped.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian, size_t* repaired) {
  std::string out;
  out.reserve(bytes.size());
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  auto unit = [&](size_t i) -> uint32_t {
    return little_endian ? data[i] | (data[i + 1] << 8) : (data[i] << 8) | data[i + 1];
  };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 &&
        unit(i + 2) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = kReplacement;
      ++*repaired;
    }
    base::append_utf8(out, cp);
  }
  return out;
}

}  // namespace

DecodedText decode_text(std::string_view bytes, std::string_view file_name) {
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    // UTF-16: its NUL bytes are half of ASCII characters, not a sign of binary data. The text
    // decoded is then checked as any other.
    size_t repaired = 0;
    DecodedText result =
        decode_text(utf16_to_utf8(bytes.substr(2), bytes[0] == '\xFF', &repaired), file_name);
    result.repaired_bytes += repaired;
    return result;
  }
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
    size_t length = base::utf8_sequence(data + i, bytes.size() - i, &cp);
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
        base::append_utf8(result.text, cp);
      } else {
        base::append_utf8(result.text, c);
      }
    }
    return result;
  }
  for (size_t i = 0; i < bytes.size();) {
    uint32_t cp;
    size_t length = base::utf8_sequence(data + i, bytes.size() - i, &cp);
    if (length == 0) {
      base::append_utf8(result.text, kReplacement);
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
