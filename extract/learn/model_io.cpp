#include "extract/learn/model_io.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>

#include "base/hash.h"

namespace kg::extract {
namespace {

constexpr char kMagic[8] = {'K', 'G', 'M', 'O', 'D', 'E', 'L', '\x1a'};
constexpr size_t kKindBytes = 16;
constexpr size_t kHeaderBytes = sizeof(kMagic) + 4 + kKindBytes + 8;  // + payload length

// FNV-1a over the payload: cheap, and enough to notice flipped or missing bytes.
uint64_t checksum(const char* data, size_t size) {
  return base::fnv1a64(std::string_view(data, size), base::kKgFnvBasis);
}

void put_le(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t get_le(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

}  // namespace

ModelWriter::ModelWriter(std::string_view kind) : kind_(kind) {
  if (kind_.size() >= kKindBytes) throw ModelError("model kind name too long: " + kind_);
}

void ModelWriter::u16(uint16_t v) {
  put_le(buf_, v, 2);
}
void ModelWriter::u32(uint32_t v) {
  put_le(buf_, v, 4);
}
void ModelWriter::u64(uint64_t v) {
  put_le(buf_, v, 8);
}
void ModelWriter::f32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  u32(bits);
}
void ModelWriter::str(std::string_view s) {
  u32(static_cast<uint32_t>(s.size()));
  buf_.append(s);
}
void ModelWriter::bytes(const void* data, size_t size) {
  buf_.append(static_cast<const char*>(data), size);
}

void ModelWriter::save(const std::string& path) const {
  std::string header(kMagic, sizeof(kMagic));
  put_le(header, kModelFormatVersion, 4);
  std::string kind = kind_;
  kind.resize(kKindBytes, '\0');
  header += kind;
  put_le(header, buf_.size(), 8);
  std::string trailer;
  put_le(trailer, checksum(buf_.data(), buf_.size()), 8);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw ModelError("cannot write model file " + path);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  out.write(trailer.data(), static_cast<std::streamsize>(trailer.size()));
  if (!out) throw ModelError("error while writing model file " + path);
}

std::string read_model_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw ModelError("cannot open model file " + path);
  const std::streamoff size = in.tellg();
  if (size < 0) throw ModelError("cannot read model file " + path);
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) throw ModelError("cannot read model file " + path);
  return bytes;
}

ModelReader::ModelReader(const std::string& path, std::string_view expected_kind)
    : ModelReader(path, read_model_bytes(path), expected_kind) {}

ModelReader ModelReader::from_payload(const std::string& path, std::string payload) {
  ModelReader in;
  in.path_ = path;
  in.buf_ = std::move(payload);
  in.end_ = in.buf_.size();
  return in;
}

ModelReader::ModelReader(const std::string& path, std::string bytes, std::string_view expected_kind)
    : path_(path), buf_(std::move(bytes)) {
  if (buf_.size() < kHeaderBytes || std::memcmp(buf_.data(), kMagic, sizeof(kMagic)) != 0)
    throw error("not a kg model file (bad magic or too short)");
  uint32_t version = static_cast<uint32_t>(get_le(buf_.data() + 8, 4));
  if (version != kModelFormatVersion)
    throw error("unsupported model format version " + std::to_string(version) + " (expected " +
                std::to_string(kModelFormatVersion) + ")");
  std::string kind(buf_.data() + 12, kKindBytes);
  kind.resize(kind.find('\0') == std::string::npos ? kKindBytes : kind.find('\0'));
  if (kind != expected_kind)
    throw error("model kind is '" + kind + "', expected '" + std::string(expected_kind) + "'");
  uint64_t length = get_le(buf_.data() + 12 + kKindBytes, 8);
  if (length > buf_.size() || buf_.size() - kHeaderBytes < length + 8)
    throw error("truncated model file (payload shorter than its header says)");
  if (buf_.size() - kHeaderBytes != length + 8)
    throw error("model file has trailing bytes after its payload");
  pos_ = kHeaderBytes;
  end_ = kHeaderBytes + length;
  if (checksum(buf_.data() + pos_, length) != get_le(buf_.data() + end_, 8))
    throw error("corrupt model file (checksum mismatch)");
}

ModelError ModelReader::error(const std::string& what) const {
  return ModelError("model file " + path_ + ": " + what);
}

const char* ModelReader::take(size_t size) {
  if (size > end_ - pos_) throw error("payload ends early (layout mismatch)");
  const char* p = buf_.data() + pos_;
  pos_ += size;
  return p;
}

uint8_t ModelReader::u8() {
  return static_cast<uint8_t>(*take(1));
}
uint16_t ModelReader::u16() {
  return static_cast<uint16_t>(get_le(take(2), 2));
}
uint32_t ModelReader::u32() {
  return static_cast<uint32_t>(get_le(take(4), 4));
}
uint64_t ModelReader::u64() {
  return get_le(take(8), 8);
}

uint32_t ModelReader::peek_u32() {
  const size_t at = pos_;
  const uint32_t value = u32();
  pos_ = at;
  return value;
}
float ModelReader::f32() {
  uint32_t bits = u32();
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}
std::string ModelReader::str() {
  uint32_t size = u32();
  const char* p = take(size);
  return std::string(p, size);
}
void ModelReader::bytes(void* out, size_t size) {
  std::memcpy(out, take(size), size);
}

void ModelReader::expect_end() const {
  if (pos_ != end_) throw error("unexpected extra payload (layout mismatch)");
}

void write_word_table(ModelWriter& out, const std::unordered_map<std::string, uint32_t>& table) {
  std::map<std::string, uint32_t> sorted(table.begin(), table.end());
  out.u32(static_cast<uint32_t>(sorted.size()));
  for (const auto& [word, value] : sorted) {
    out.str(word);
    out.u32(value);
  }
}

std::unordered_map<std::string, uint32_t> read_word_table(ModelReader& in) {
  std::unordered_map<std::string, uint32_t> table;
  uint32_t count = in.u32();
  table.reserve(std::min<uint32_t>(count, 1u << 22));  // a bad count fails below, not here
  for (uint32_t i = 0; i < count; ++i) {
    std::string word = in.str();
    table[word] = in.u32();
  }
  return table;
}

}  // namespace kg::extract
