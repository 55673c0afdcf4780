// Hashing helpers every stage shares: FNV-1a over bytes and a 64-bit finalizer.
#pragma once

#include <cstdint>
#include <string_view>

namespace kg::base {

// FNV-1a, 64 bits: checksums of files and model payloads, keys of strings. kFnvOffsetBasis is
// the published offset basis. The checksums of kg's model files and the feature hashes of its
// tagger and parser were first written with kKgFnvBasis (the published basis missing its last
// digit); they keep it so that the committed models still load and score the same.
inline constexpr uint64_t kFnvOffsetBasis = 14695981039346656037ull;
inline constexpr uint64_t kKgFnvBasis = 1469598103934665603ull;
inline uint64_t fnv1a64(std::string_view bytes, uint64_t h = kFnvOffsetBasis) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The finalizer of MurmurHash3: spreads every input bit over the whole word.
constexpr uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace kg::base
