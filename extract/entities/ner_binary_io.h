// Little helpers for the NER model's binary format: raw values and length-prefixed strings,
// with every read checked so that a truncated or corrupt file is an error, never a crash.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace kg::extract::ner {

// Writes a trivially copyable value as its bytes (the model is little-endian only).
template <typename T>
void write_pod(std::ostream& out, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

// Reads a value written by write_pod; throws on a short read.
template <typename T>
T read_pod(std::istream& in) {
  T value{};
  in.read(reinterpret_cast<char*>(&value), sizeof(T));
  if (in.gcount() != static_cast<std::streamsize>(sizeof(T)))
    throw std::runtime_error("unexpected end of model data");
  return value;
}

// Writes a string as a 32-bit length and its bytes.
inline void write_string(std::ostream& out, const std::string& s) {
  write_pod(out, static_cast<uint32_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

// Reads a string written by write_string; rejects absurd lengths.
inline std::string read_string(std::istream& in, uint32_t max_length = 1 << 20) {
  uint32_t n = read_pod<uint32_t>(in);
  if (n > max_length) throw std::runtime_error("string too long in model data");
  std::string s(n, '\0');
  in.read(s.data(), n);
  if (in.gcount() != static_cast<std::streamsize>(n))
    throw std::runtime_error("unexpected end of model data");
  return s;
}

}  // namespace kg::extract::ner
