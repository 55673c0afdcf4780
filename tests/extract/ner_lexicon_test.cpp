// The entity recognizer's WordNet word lexicon: which capitalized words are not English words
// (likely names, even unseen ones), verb classes through inflections, the file round trip, and
// the features it adds.
#include "extract/entities/ner_lexicon.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/entities/ner_features.h"
#include "extract/entities/ner_model.h"
#include "extract/resources/paths.h"

namespace fs = std::filesystem;
using namespace kg::extract::ner;

namespace {

constexpr uint16_t verb_file_bit(int lexfile) {
  return static_cast<uint16_t>(1u << (lexfile - WordLexicon::kFirstVerbFile));
}
constexpr int kVerbContact = 35, kVerbSocial = 41, kVerbStative = 42;

WordLexicon tiny_lexicon() {
  WordLexicon lexicon;
  lexicon.add("poison", verb_file_bit(kVerbSocial) | verb_file_bit(kVerbContact),
              WordLexicon::kPersonSubject | WordLexicon::kPersonObject);
  lexicon.add("be", verb_file_bit(kVerbStative));
  lexicon.add("was", verb_file_bit(kVerbStative));
  lexicon.add("report");
  lexicon.add("peace");
  lexicon.add("keep");
  lexicon.add_person_noun("negotiator");
  return lexicon;
}

std::vector<uint64_t> features_of(const PreparedDocument& doc, size_t i) {
  std::vector<uint64_t> out;
  static_features(doc, 0, i, out);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("inflected forms and compounds are looked up through their base words") {
  WordLexicon lexicon = tiny_lexicon();
  CHECK(lexicon.is_common("Poisoned"));
  CHECK(lexicon.is_common("poisons"));
  CHECK(lexicon.is_common("REPORT"));
  CHECK(lexicon.is_common("peace-keeping"));
  CHECK_FALSE(lexicon.is_common("peace-Kowalczyk"));
  CHECK_FALSE(lexicon.is_common("Abramovich"));
  CHECK_FALSE(lexicon.is_common("-"));
  CHECK(lexicon.verb_files("poisoned") ==
        (verb_file_bit(kVerbSocial) | verb_file_bit(kVerbContact)));
  CHECK(lexicon.verb_frames("poisoning") ==
        (WordLexicon::kPersonSubject | WordLexicon::kPersonObject));
  CHECK(lexicon.verb_files("report") == 0);
  CHECK(lexicon.verb_frames("report") == 0);
  CHECK(lexicon.is_person_noun("negotiators"));
  CHECK(lexicon.is_common("negotiators"));
  CHECK_FALSE(lexicon.is_person_noun("peace"));
  CHECK(lexicon.verb_files("Abramovich") == 0);
}

TEST_CASE("the lexicon survives a write and read, and a saved model keeps it") {
  WordLexicon lexicon = tiny_lexicon();
  kg::extract::ModelWriter out("test");
  lexicon.save(out);
  auto in = kg::extract::ModelReader::from_payload("memory", out.payload());
  WordLexicon back = WordLexicon::load(in);
  CHECK(back.size() == lexicon.size());
  CHECK(back.verb_files("poisoning") == lexicon.verb_files("poisoning"));

  auto truncated = kg::extract::ModelReader::from_payload(
      "memory", out.payload().substr(0, out.payload().size() / 2));
  CHECK_THROWS_AS(WordLexicon::load(truncated), kg::extract::ModelError);

  fs::path dir = fs::temp_directory_path() / "kg-ner-lexicon-test";
  fs::create_directories(dir);
  std::ofstream(dir / kClustersFile) << "Moscow\t1\t2\t3\n";
  NerModel model;
  model.clusters_fingerprint = file_fingerprint((dir / kClustersFile).string());
  model.lexicon = lexicon;
  model.save((dir / kModelFile).string());
  NerModel loaded = NerModel::load((dir / kModelFile).string(), (dir / kClustersFile).string());
  CHECK(loaded.lexicon.size() == lexicon.size());
  CHECK(loaded.lexicon.is_common("reports"));
  fs::remove_all(dir);
}

TEST_CASE("a capitalized word that is no English word gets its own features") {
  WordLexicon lexicon = tiny_lexicon();
  Gazetteer gazetteer;
  WordClusters clusters;
  auto prepare = [&](std::vector<std::string_view> sentence, const WordLexicon* lex) {
    return prepare_document({sentence}, gazetteer, clusters, lex);
  };
  // The same context; only the first word differs: a word, or a name nobody listed.
  auto name = prepare({"Abramovich", "was", "poisoned"}, &lexicon);
  auto word = prepare({"Report", "was", "poisoned"}, &lexicon);
  CHECK(name.sentences[0][0].kind == kCapitalUnknown);
  CHECK(word.sentences[0][0].kind == kCapitalCommon);
  CHECK(name.sentences[0][2].verb_files == lexicon.verb_files("poison"));
  CHECK(name.sentences[0][2].verb_frames == lexicon.verb_frames("poison"));

  // Without the lexicon the two differ only in the word's own features (form, affixes).
  auto plain_name = prepare({"Abramovich", "was", "poisoned"}, nullptr);
  auto plain_word = prepare({"Report", "was", "poisoned"}, nullptr);
  CHECK(plain_name.sentences[0][0].kind == kNoLetter);
  CHECK(features_of(name, 0).size() > features_of(plain_name, 0).size());

  // The dictionary features of the name are shared by another unknown name in its place, and
  // not by the word: that is what lets the model generalize to names it never saw.
  auto other_name = prepare({"Kowalczyk", "was", "poisoned"}, &lexicon);
  auto dictionary_part = [](const std::vector<uint64_t>& with, const std::vector<uint64_t>& plain) {
    std::vector<uint64_t> extra;
    std::set_difference(with.begin(), with.end(), plain.begin(), plain.end(),
                        std::back_inserter(extra));
    return extra;
  };
  auto name_extra = dictionary_part(features_of(name, 0), features_of(plain_name, 0));
  auto word_extra = dictionary_part(features_of(word, 0), features_of(plain_word, 0));
  auto other_extra =
      dictionary_part(features_of(other_name, 0),
                      features_of(prepare({"Kowalczyk", "was", "poisoned"}, nullptr), 0));
  CHECK(!name_extra.empty());
  CHECK(name_extra == other_extra);
  CHECK(name_extra != word_extra);
}

TEST_CASE("WordNet: names are not words, inflected words are") {
  if (!fs::exists(fs::path(kg::extract::default_wordnet_dir()) / "index.noun")) {
    MESSAGE("skipped: no WordNet in " << kg::extract::default_wordnet_dir());
    return;
  }
  WordLexicon lexicon = WordLexicon::build(kg::extract::default_wordnet_dir());
  CHECK(lexicon.size() > 50000);
  CHECK_FALSE(lexicon.is_common("Abramovich"));
  CHECK_FALSE(lexicon.is_common("Moscow"));  // instances only: the city, the river
  CHECK(lexicon.is_common("Bush"));          // also a shrub
  CHECK(lexicon.is_common("negotiators"));
  CHECK(lexicon.is_common("children"));  // noun.exc
  CHECK((lexicon.verb_files("poisoned") & verb_file_bit(kVerbContact)) != 0);
  CHECK((lexicon.verb_files("was") & verb_file_bit(kVerbStative)) != 0);  // verb.exc
  CHECK((lexicon.verb_files("said") & verb_file_bit(32)) != 0);           // verb.communication
  // "kill with poison": Somebody ----s somebody.
  CHECK((lexicon.verb_frames("poisoned") & WordLexicon::kPersonObject) != 0);
  CHECK((lexicon.verb_frames("said") & WordLexicon::kPersonSubject) != 0);
  CHECK(lexicon.verb_frames("Moscow") == 0);
  CHECK(lexicon.is_person_noun("negotiators"));
  CHECK(lexicon.is_person_noun("mayor"));
  CHECK_FALSE(lexicon.is_person_noun("peace"));
  CHECK_FALSE(lexicon.is_person_noun("Abramovich"));
}
