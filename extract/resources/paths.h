// Where kg finds its models and the system's lexical resources, unless told otherwise.
#pragma once

#include <string>

namespace kg::extract {

// $KG_MODELS if set, else the models/ folder of the source tree (KG_MODEL_DIR at build time).
std::string default_model_dir();
// $KG_WORDNET if set, else Debian's WordNet dict folder (KG_WORDNET_DIR at build time).
std::string default_wordnet_dir();
// Debian's iso-codes JSON folder (country, subdivision and language names).
std::string default_iso_codes_dir();

}  // namespace kg::extract
