// Versioned binary model files: a fixed header (magic, format version, model kind), a payload of
// little-endian integers, floats and strings, and a trailing checksum so that truncated or
// corrupted files are rejected with a clear message instead of producing garbage.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kg::extract {

// A model file that cannot be read: missing, truncated, corrupt, or of the wrong kind/version.
struct ModelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Current version of the model file format; bump when the layout changes.
inline constexpr uint32_t kModelFormatVersion = 1;

// Accumulates a model payload in memory and writes it with header and checksum.
class ModelWriter {
 public:
  // `kind` names the model ("tagger", "parser", ...); at most 15 bytes.
  explicit ModelWriter(std::string_view kind);
  void u8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void u16(uint16_t v);
  void u32(uint32_t v);
  void u64(uint64_t v);
  void f32(float v);
  void str(std::string_view s);
  void bytes(const void* data, size_t size);
  // Writes the file; throws ModelError if it cannot be written.
  void save(const std::string& path) const;
  size_t size() const { return buf_.size(); }
  // The payload written so far (tests read it back with ModelReader::from_payload).
  const std::string& payload() const { return buf_; }

 private:
  std::string kind_;
  std::string buf_;
};

// Reads a whole model file, checks header and checksum, then hands out the payload in order.
class ModelReader {
 public:
  // Throws ModelError with the path in the message when the file is unusable.
  ModelReader(const std::string& path, std::string_view expected_kind);
  // The same over a file's bytes already read (`path` names it in errors).
  ModelReader(const std::string& path, std::string bytes, std::string_view expected_kind);
  // A bare payload with no header or checksum: the body of an older file layout whose own
  // header the caller has checked. `path` names it in errors.
  static ModelReader from_payload(const std::string& path, std::string payload);
  uint8_t u8();
  uint16_t u16();
  uint32_t u32();
  uint64_t u64();
  float f32();
  std::string str();
  void bytes(void* out, size_t size);
  // Throws unless the whole payload was consumed (catches layout mismatches).
  void expect_end() const;
  // Whether the payload is consumed (optional trailing sections added in later releases).
  bool at_end() const { return pos_ == end_; }
  // The next u32 without consuming it (throws like u32() if the payload ends first).
  uint32_t peek_u32();
  // Builds a ModelError mentioning the file.
  ModelError error(const std::string& what) const;

 private:
  ModelReader() = default;
  const char* take(size_t size);
  std::string path_;
  std::string buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
};

// The bytes of a whole file; throws ModelError naming the path if it cannot be read.
std::string read_model_bytes(const std::string& path);

// Writes a word -> number table, sorted so that the file's bytes do not depend on hashing.
void write_word_table(ModelWriter& out, const std::unordered_map<std::string, uint32_t>& table);
// Reads a table written by write_word_table.
std::unordered_map<std::string, uint32_t> read_word_table(ModelReader& in);

}  // namespace kg::extract
