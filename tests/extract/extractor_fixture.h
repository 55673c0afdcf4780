// What the tests that run the whole extraction share: the loaded models, and an entity looked
// up by any of its names.
#pragma once

#include <algorithm>
#include <string>

#include "extract/extractor.h"
#include "extract/resources/paths.h"

namespace kg::test {

inline const extract::Extractor& extractor() {
  static const extract::Extractor loaded =
      extract::Extractor::load(extract::default_model_dir(), extract::default_wordnet_dir());
  return loaded;
}

// The entity of `facts` whose name or alias is `name`; nullptr if none.
inline const extract::EntityCluster* entity(const extract::DocumentFacts& facts,
                                            const std::string& name) {
  for (const auto& e : facts.entities) {
    if (e.mentions == 0) continue;
    if (e.name == name || std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end())
      return &e;
  }
  return nullptr;
}

}  // namespace kg::test
