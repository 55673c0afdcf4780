// libFuzzer target: any bytes through decode_text and tokenize must neither crash nor break the
// token invariants (forms equal the text at their offsets, in order, without overlap).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "extract/document.h"
#include "extract/error.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace {

void check(const kg::extract::Document& doc) {
  uint32_t previous_end = 0;
  for (const auto& sentence : doc.sentences) {
    if (sentence.tokens.empty()) std::abort();
    for (const auto& token : sentence.tokens) {
      if (token.begin < previous_end || token.end <= token.begin || token.end > doc.text.size() ||
          token.form != std::string_view(doc.text).substr(token.begin, token.end - token.begin)) {
        std::abort();
      }
      previous_end = token.end;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kg::extract::Document raw;  // tokenize must cope with undecoded bytes too
  raw.text.assign(bytes);
  kg::extract::tokenize(raw);
  check(raw);
  try {
    kg::extract::Document doc;
    doc.text = kg::extract::decode_text(bytes, "fuzz").text;
    kg::extract::tokenize(doc);
    check(doc);
  } catch (const kg::extract::ExtractError&) {
  }
  return 0;
}
