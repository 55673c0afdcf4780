// The graph loader's input: a RapidJSON stream over bytes in memory that checks UTF-8 one block
// ahead of the reader, so that each block is checked while it is in cache for parsing anyway
// (a separate pass over a large file reads it from memory twice).
#pragma once

#include <rapidjson/rapidjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "base/utf8.h"

namespace kg::graph {

// Reads like rapidjson::MemoryStream, but ends ('\0') at the first invalid byte, which
// first_invalid() then names.
class CheckedStream {
 public:
  using Ch = char;

  CheckedStream(const char* data, size_t size)
      : begin_(data), src_(data), end_(data + size), checked_(data), first_invalid_(size) {}

  Ch Peek() const { return src_ != checked_ || extend() ? *src_ : '\0'; }
  Ch Take() { return src_ != checked_ || extend() ? *src_++ : '\0'; }
  size_t Tell() const { return static_cast<size_t>(src_ - begin_); }

  // The offset of the first byte that is not valid UTF-8 (or is NUL) in the whole input, or
  // its size: checks what the reader did not reach.
  size_t first_invalid() const {
    while (!stopped_ && checked_ != end_) extend();
    return first_invalid_;
  }

  // Never called: the reader writes only to in-situ streams.
  Ch* PutBegin() {
    RAPIDJSON_ASSERT(false);
    return nullptr;
  }
  void Put(Ch) { RAPIDJSON_ASSERT(false); }
  void Flush() { RAPIDJSON_ASSERT(false); }
  size_t PutEnd(Ch*) {
    RAPIDJSON_ASSERT(false);
    return 0;
  }

 private:
  static constexpr size_t kBlock = 64 * 1024;  // well inside the L2 cache

  // Checks the next block; false when no further byte is valid. A block never ends inside a
  // character, so each is checked on its own exactly as the whole input would be.
  bool extend() const {
    if (stopped_ || checked_ == end_) return false;
    const char* stop = checked_ + std::min<size_t>(kBlock, static_cast<size_t>(end_ - checked_));
    while (stop < end_ && (static_cast<unsigned char>(*stop) & 0xC0) == 0x80) ++stop;
    auto length = static_cast<size_t>(stop - checked_);
    size_t valid = base::find_invalid_utf8(checked_, length);
    checked_ += valid;
    if (valid != length) {
      stopped_ = true;
      first_invalid_ = static_cast<size_t>(checked_ - begin_);
    }
    return valid != 0;
  }

  const char* begin_;
  const char* src_;
  const char* end_;
  // Peek() is const for RapidJSON, yet may check the next block.
  mutable const char* checked_;  // [begin_, checked_) is valid
  mutable size_t first_invalid_;
  mutable bool stopped_ = false;
};

}  // namespace kg::graph
