// The NER model's building blocks and file format: BILOU constraints, the word splitter, and a
// loader that rejects truncated, altered or mismatched files.
#include "extract/entities/ner_model.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "extract/entities/ner.h"

namespace fs = std::filesystem;
using namespace kg::extract::ner;

namespace {

// Writes a tiny but complete model directory and returns its path.
fs::path write_tiny_model(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("kg-ner-test-" + name);
  fs::create_directories(dir);
  {
    std::ofstream clusters(dir / kClustersFile);
    clusters << "Moscow\t1\t2\t3\nsaid\t0\t5\t9\n";
  }
  NerModel model;
  model.clusters_fingerprint = file_fingerprint((dir / kClustersFile).string());
  model.gazetteer.add("Moscow", kGazLocation);
  // One feature each, weight 2.5 for U-LOC, as training would freeze it (wide, as the
  // recognizer's tables are).
  auto one_weight = [](uint64_t feature) {
    kg::extract::WeightSum sum;
    sum[feature].emplace_back(static_cast<uint8_t>(make_label(1, kU)), 2.5f);
    return kg::extract::FrozenWeights::from_sum(sum, kNumLabels, 0.0f, /*wide=*/true);
  };
  model.stage_one = one_weight(hash_bytes(1, "x"));
  model.stage_two = one_weight(hash_bytes(2, "y"));
  model.save((dir / kModelFile).string());
  return dir;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

}  // namespace

TEST_CASE("BILOU transitions") {
  int b_per = make_label(0, kB), l_per = make_label(0, kL), u_loc = make_label(1, kU);
  CHECK(label_allowed(-1, b_per, false));
  CHECK_FALSE(label_allowed(-1, b_per, true));   // cannot open at the last token
  CHECK_FALSE(label_allowed(-1, l_per, false));  // cannot close what was not opened
  CHECK(label_allowed(b_per, l_per, true));
  CHECK_FALSE(label_allowed(b_per, u_loc, false));              // an open chunk must continue
  CHECK_FALSE(label_allowed(b_per, make_label(1, kL), false));  // ... with the same type
  CHECK(label_name(u_loc) == "U-LOC");
}

TEST_CASE("the word splitter keeps abbreviations and splits quotes and possessives") {
  std::string text =
      "\xE2\x80\x9CThe U.S. said Russia\xE2\x80\x99s war,\xE2\x80\x9D Guterres said.";
  std::vector<std::string> words;
  for (auto [b, e] : split_words(text)) words.push_back(text.substr(b, e - b));
  CHECK(words == std::vector<std::string>{"\xE2\x80\x9C", "The", "U.S.", "said", "Russia",
                                          "\xE2\x80\x99s", "war", ",", "\xE2\x80\x9D", "Guterres",
                                          "said", "."});
}

TEST_CASE("a saved model loads back and scores the same") {
  fs::path dir = write_tiny_model("roundtrip");
  NerModel model = NerModel::load((dir / kModelFile).string(), (dir / kClustersFile).string());
  CHECK(model.stage_one.num_features() == 1);
  CHECK(model.stage_one.wide());
  CHECK(model.clusters.find("Moscow") != nullptr);
  float scores[kNumLabels] = {};
  model.stage_one.score({hash_bytes(1, "x")}, scores);
  CHECK(scores[make_label(1, kU)] == doctest::Approx(2.5f).epsilon(0.001));
  auto marks = model.gazetteer.match({"in", "Moscow"});
  CHECK(marks[0].empty());
  REQUIRE(marks[1].size() == 1);
  CHECK(marks[1][0] == kGazLocation * 4 + 3);
  fs::remove_all(dir);
}

TEST_CASE("the loader rejects corrupt, truncated and mismatched files") {
  fs::path dir = write_tiny_model("corrupt");
  std::string model = (dir / kModelFile).string(), clusters = (dir / kClustersFile).string();
  std::string good = read_bytes(model);

  SUBCASE("a flipped byte") {
    std::string bad = good;
    bad[bad.size() / 2] ^= 0x5A;
    write_bytes(model, bad);
    CHECK_THROWS_WITH(NerModel::load(model, clusters), doctest::Contains("corrupt"));
  }
  SUBCASE("a truncated file") {
    write_bytes(model, good.substr(0, good.size() - 7));
    CHECK_THROWS_AS(NerModel::load(model, clusters), std::runtime_error);
  }
  SUBCASE("not a model at all") {
    write_bytes(model, "hello world, this is not a model file at all");
    CHECK_THROWS_WITH(NerModel::load(model, clusters), doctest::Contains("not a kg model file"));
  }
  SUBCASE("an empty file") {
    write_bytes(model, "");
    CHECK_THROWS_AS(NerModel::load(model, clusters), std::runtime_error);
  }
  SUBCASE("a cluster table other than the one trained with") {
    write_bytes(clusters, "Moscow\t1\t2\t4\n");
    CHECK_THROWS_WITH(NerModel::load(model, clusters), doctest::Contains("not the cluster table"));
  }
  SUBCASE("a missing directory") {
    CHECK_THROWS_AS(kg::extract::EntityRecognizer::load((dir / "nowhere").string()),
                    std::runtime_error);
  }
  fs::remove_all(dir);
}

TEST_CASE("a recognizer that was never loaded refuses to run instead of crashing") {
  kg::extract::EntityRecognizer recognizer;
  CHECK_THROWS_AS(recognizer.recognize(kg::extract::Document{}), std::logic_error);
}

TEST_CASE("the tiny model labels a document through both stages without errors") {
  fs::path dir = write_tiny_model("label");
  NerModel model = NerModel::load((dir / kModelFile).string(), (dir / kClustersFile).string());
  auto labels = model.label({{"He", "flew", "to", "Moscow", "."}, {}, {"Moscow", "said"}});
  REQUIRE(labels.size() == 3);
  CHECK(labels[0].size() == 5);
  CHECK(labels[1].empty());
  for (const auto& sentence : labels) {
    int prev = -1;
    for (size_t i = 0; i < sentence.size(); ++i) {
      CHECK(label_allowed(prev, sentence[i], i + 1 == sentence.size()));
      prev = sentence[i];
    }
  }
  fs::remove_all(dir);
}
