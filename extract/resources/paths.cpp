#include "extract/resources/paths.h"

#include <cstdlib>

namespace kg::extract {
namespace {

std::string from_env(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value && *value ? value : fallback;
}

}  // namespace

std::string default_model_dir() {
  return from_env("KG_MODELS", KG_MODEL_DIR);
}

std::string default_wordnet_dir() {
  return from_env("KG_WORDNET", KG_WORDNET_DIR);
}

std::string default_iso_codes_dir() {
  return "/usr/share/iso-codes/json";
}

}  // namespace kg::extract
