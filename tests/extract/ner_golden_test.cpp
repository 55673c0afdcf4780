// Golden test on the three sample articles: every person, place and organization is found,
// with the right type, at every occurrence and in every spelling (Kiev and Kyiv and KYIV, UN and
// United Nations), and titles in front of names become roles.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/entities/ner.h"
#include "extract/resources/paths.h"
#include "extract/text/text_encoding.h"
#include "extract/text/tokenizer.h"

namespace fs = std::filesystem;
using kg::extract::Entity;

namespace {

struct Expected {
  std::string surface;
  std::string type;
};

const std::vector<std::pair<std::string, std::vector<Expected>>> kGolden = {
    {"griffiths-not-optimistic.txt",
     {{"KYIV", "LOC"},
      {"Kiev", "LOC"},
      {"Ukraine", "LOC"},
      {"Moscow", "LOC"},
      {"Russia", "LOC"},
      {"Bucha", "LOC"},
      {"Mariupol", "LOC"},
      {"Turkey", "LOC"},
      {"Black Sea", "LOC"},
      {"AP", "ORG"},
      {"Associated Press", "ORG"},
      {"UN", "ORG"},
      {"NATO", "ORG"},
      {"Red Cross", "ORG"},
      {"UN General Assembly", "ORG"},
      {"Martin Griffiths", "PER"},
      {"Griffiths", "PER"},
      {"Denys Shmyhal", "PER"},
      {"Sergei Lavrov", "PER"},
      {"Antonio Guterres", "PER"},
      {"Dmytro Kuleba", "PER"}}},
    {"guterres-lavrov-moscow.txt",
     {{"United Nations", "ORG"},
      {"UN", "ORG"},
      {"NATO", "ORG"},
      {"Ukraine", "LOC"},
      {"Moscow", "LOC"},
      {"Russia", "LOC"},
      {"Mariupol", "LOC"},
      {"Kiev", "LOC"},
      {"Antonio Guterres", "PER"},
      {"Guterres", "PER"},
      {"Sergei Lavrov", "PER"},
      {"Lavrov", "PER"},
      {"Vladimir Putin", "PER"}}},
    {"un-ceasefire-appeal.txt",
     {{"United Nations", "ORG"},   {"UN", "ORG"},          {"UN General Assembly", "ORG"},
      {"Ukraine", "LOC"},          {"Russia", "LOC"},      {"Kyiv", "LOC"},
      {"Moscow", "LOC"},           {"Afghanistan", "LOC"}, {"Turkey", "LOC"},
      {"Mariupol", "LOC"},         {"Slovakia", "LOC"},    {"Poland", "LOC"},
      {"Hungary", "LOC"},          {"Romania", "LOC"},     {"Moldova", "LOC"},
      {"Antonio Guterres", "PER"}, {"Guterres", "PER"},    {"Martin Griffiths", "PER"},
      {"Griffiths", "PER"},        {"Abramovich", "PER"},  {"Francis", "PER"}}},
};

// Mentions the current model gets wrong, reported by the test as warnings instead of failures:
// (file, byte offset of the mention). Each one is a real error of the model, listed so that
// any other regression still fails the test; shorten the list when the model improves.
const std::vector<std::pair<std::string, size_t>> kKnownMisses = {};

bool is_known_miss(const std::string& file, size_t at) {
  for (const auto& [f, offset] : kKnownMisses)
    if (f == file && offset == at) return true;
  return false;
}

bool is_word_byte(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Byte offsets of whole-word occurrences of `surface` in `text`.
std::vector<size_t> occurrences(const std::string& text, const std::string& surface) {
  std::vector<size_t> found;
  for (size_t at = text.find(surface); at != std::string::npos; at = text.find(surface, at + 1)) {
    bool left = at == 0 || !is_word_byte(text[at - 1]);
    size_t end = at + surface.size();
    bool right = end >= text.size() || !is_word_byte(text[end]);
    if (left && right) found.push_back(at);
  }
  return found;
}

// The sample through the real pipeline front: decoding and the UD-style tokenizer.
kg::extract::Document tokenized(const std::string& name, const std::string& text) {
  kg::extract::Document doc;
  doc.name = name;
  doc.text = kg::extract::decode_text(text, name).text;
  kg::extract::tokenize(doc);
  return doc;
}

std::string model_dir() {
  return kg::extract::default_model_dir();
}

bool models_present() {
  return fs::exists(fs::path(model_dir()) / "ner.bin") &&
         fs::exists(fs::path(model_dir()) / "ner-clusters.tsv");
}

std::string read_sample(const std::string& name) {
  std::ifstream in(fs::path(KG_SOURCE_DIR) / "samples" / name, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("sample articles: every name found with its type at every occurrence") {
  if (!models_present()) {
    MESSAGE("skipped: no NER model in " << model_dir());
    return;
  }
  auto recognizer = kg::extract::EntityRecognizer::load(model_dir());
  size_t checked = 0;
  for (const auto& [file, expected] : kGolden) {
    std::string text = read_sample(file);
    REQUIRE_MESSAGE(!text.empty(), "missing sample " << file);
    auto doc = tokenized(file, text);
    std::vector<Entity> entities = recognizer.recognize(doc);
    for (const Expected& e : expected) {
      auto places = occurrences(text, e.surface);
      CHECK_MESSAGE(!places.empty(), file << ": '" << e.surface << "' not in the text");
      for (size_t at : places) {
        // Inside a longer expected name ("UN" in "UN General Assembly")? That name is checked.
        bool nested = false;
        for (const Expected& other : expected) {
          if (other.surface.size() <= e.surface.size() ||
              other.surface.find(e.surface) == std::string::npos)
            continue;
          for (size_t o : occurrences(text, other.surface))
            nested = nested || (o <= at && at + e.surface.size() <= o + other.surface.size());
        }
        if (nested) continue;
        const Entity* covering = nullptr;
        for (const Entity& ent : entities)
          if (ent.begin <= at && at + e.surface.size() <= ent.end) covering = &ent;
        INFO(file << " byte " << at << ": '" << e.surface << "' expected " << e.type);
        ++checked;
        if (is_known_miss(file, at)) {
          bool right = covering != nullptr && covering->type == e.type;
          WARN_MESSAGE(right, "known miss (now right: shorten kKnownMisses)");
          continue;
        }
        CHECK_MESSAGE(covering != nullptr, "not found");
        if (covering)
          CHECK_MESSAGE(covering->type == e.type,
                        "found as " << covering->type << " '" << covering->text << "'");
      }
    }
  }
  MESSAGE(checked << " mentions checked, " << kKnownMisses.size() << " known misses");
  CHECK(checked > 100);
}

TEST_CASE("sample articles: titles in front of names become roles") {
  if (!models_present() ||
      !fs::exists(fs::path(kg::extract::default_wordnet_dir()) / "data.noun")) {
    MESSAGE("skipped: no NER model or no WordNet");
    return;
  }
  auto recognizer = kg::extract::EntityRecognizer::load(model_dir());
  auto find = [](const std::vector<Entity>& entities, const std::string& text) -> const Entity* {
    for (const Entity& e : entities)
      if (e.text == text && !e.role.empty()) return &e;
    return nullptr;
  };
  auto griffiths =
      recognizer.recognize(tokenized("a", read_sample("griffiths-not-optimistic.txt")));
  const Entity* lavrov = find(griffiths, "Sergei Lavrov");
  REQUIRE(lavrov != nullptr);
  CHECK(lavrov->role == "foreign minister");
  CHECK(lavrov->role_of == "Russia");
  const Entity* kuleba = find(griffiths, "Dmytro Kuleba");
  REQUIRE(kuleba != nullptr);
  CHECK(kuleba->role_of == "Ukraine");
  auto moscow = recognizer.recognize(tokenized("c", read_sample("guterres-lavrov-moscow.txt")));
  const Entity* secretary = find(moscow, "Antonio Guterres");
  REQUIRE(secretary != nullptr);
  CHECK(secretary->role == "secretary-general");
  CHECK(secretary->role_of == "United Nations");
  auto appeal = recognizer.recognize(tokenized("b", read_sample("un-ceasefire-appeal.txt")));
  const Entity* martin = find(appeal, "Martin Griffiths");
  REQUIRE(martin != nullptr);
  CHECK(martin->role == "humanitarian chief");
  // "UN humanitarian chief": the recognizer keeps a two-letter owner as written; the entity's
  // role_of is the United Nations through models/aliases.tsv (checked below).
  CHECK(martin->role_of == "UN");
  const Entity* guterres = find(appeal, "Antonio Guterres");
  REQUIRE(guterres != nullptr);
  CHECK(guterres->role == "chief");
  CHECK(guterres->role_of == "United Nations");
}
