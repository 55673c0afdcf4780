// Feature hashing for the models: a feature is a template id and up to three values, hashed to
// 64 bits; the models store (a fold of) that hash instead of the feature's text.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "base/hash.h"

namespace kg::extract {

using base::mix64;

// Combines a running hash with one more value.
inline uint64_t hash_combine(uint64_t seed, uint64_t v) {
  return mix64(seed ^ (v + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2)));
}
// mix64(tmpl + 1) of the first 256 template ids, so feat() looks it up on the hot paths.
inline constexpr std::array<uint64_t, 256> kTemplateHashes = [] {
  std::array<uint64_t, 256> h{};
  for (uint32_t k = 0; k < h.size(); ++k) h[k] = mix64(k + 1);
  return h;
}();
// Hash of a feature built from a template id and up to three values.
inline uint64_t feat(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  const uint64_t t = tmpl < kTemplateHashes.size() ? kTemplateHashes[tmpl] : mix64(tmpl + 1);
  return hash_combine(hash_combine(hash_combine(t, a), b), c);
}
// Hash of a string (word forms, affixes).
inline uint64_t hash_string(std::string_view s) {
  return mix64(base::fnv1a64(s, base::kKgFnvBasis));
}

}  // namespace kg::extract
