#include "extract/learn/model_io.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "extract/syntax/tagger.h"

using kg::extract::ModelError;
using kg::extract::ModelReader;
using kg::extract::ModelWriter;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("kg_model_io_" + name)).string();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_all(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string error_of(const std::string& path, const std::string& kind) {
  try {
    ModelReader reader(path, kind);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

// A sentence of (form, XPOS) pairs; UPOS follows from the XPOS (DT, NN, else a verb).
kg::extract::Sentence sentence(std::initializer_list<std::pair<const char*, const char*>> words) {
  kg::extract::Sentence s;
  for (auto [form, tag] : words) {
    kg::extract::Token t;
    t.form = form;
    t.xpos = tag;
    t.upos = std::string(tag) == "DT" ? "DET" : std::string(tag) == "NN" ? "NOUN" : "VERB";
    s.tokens.push_back(t);
  }
  return s;
}

// The training sentences of the multi-model tagger tests: "runs" and "end" are nouns or verbs.
std::vector<kg::extract::Sentence> six_tagged_sentences() {
  return {sentence({{"the", "DT"}, {"dog", "NN"}, {"runs", "VBZ"}}),
          sentence({{"a", "DT"}, {"cat", "NN"}, {"sleeps", "VBZ"}}),
          sentence({{"the", "DT"}, {"runs", "NN"}, {"end", "VBZ"}}),
          sentence({{"a", "DT"}, {"dog", "NN"}, {"sleeps", "VBZ"}}),
          sentence({{"the", "DT"}, {"cat", "NN"}, {"runs", "VBZ"}}),
          sentence({{"a", "DT"}, {"end", "NN"}, {"runs", "VBZ"}})};
}

// `tagger` tags its training sentences right, and `loaded` (read back from its file) the same.
void check_learned_and_loaded(const kg::extract::Tagger& tagger, const kg::extract::Tagger& loaded,
                              const std::vector<kg::extract::Sentence>& train) {
  for (const auto& gold : train) {
    kg::extract::Sentence in_memory = gold, from_file = gold;
    tagger.tag(in_memory);
    loaded.tag(from_file);
    for (size_t i = 0; i < gold.tokens.size(); ++i) {
      CHECK(in_memory.tokens[i].xpos == gold.tokens[i].xpos);
      CHECK(from_file.tokens[i].xpos == in_memory.tokens[i].xpos);
    }
  }
}

// Trains the tagger of `options` twice into `path` and its one-pass, left-to-right core once:
// the two files must be identical and longer than the core's (their extra weights follow it),
// and the tagger must know `train` and tag the same once loaded. Returns the core file's size.
size_t check_extended_tagger(const std::vector<kg::extract::Sentence>& train,
                             const kg::extract::TaggerOptions& options, const std::string& path) {
  kg::extract::TaggerOptions core = options;
  core.passes = 1;
  core.bidirectional = false;
  const std::string core_path = path + ".core", again = path + ".again";
  kg::extract::Tagger::train(train, {}, {}, core, nullptr).save(core_path);
  auto tagger = kg::extract::Tagger::train(train, {}, {}, options, nullptr);
  tagger.save(path);
  kg::extract::Tagger::train(train, {}, {}, options, nullptr).save(again);
  CHECK(read_all(path) == read_all(again));
  const size_t core_size = read_all(core_path).size();
  CHECK(read_all(path).size() > core_size);
  check_learned_and_loaded(tagger, kg::extract::Tagger::load(path), train);
  for (const auto& p : {core_path, again}) std::filesystem::remove(p);
  return core_size;
}

}  // namespace

TEST_CASE("model files round-trip their payload") {
  std::string path = temp_path("roundtrip.bin");
  ModelWriter out("test");
  out.u8(7);
  out.u16(65000);
  out.u32(4000000000u);
  out.u64(1ull << 40);
  out.f32(-1.5f);
  out.str("héllo");
  out.save(path);
  ModelReader in(path, "test");
  CHECK(in.u8() == 7);
  CHECK(in.u16() == 65000);
  CHECK(in.u32() == 4000000000u);
  CHECK(in.u64() == (1ull << 40));
  CHECK(in.f32() == -1.5f);
  CHECK(in.str() == "héllo");
  CHECK_NOTHROW(in.expect_end());
  CHECK_THROWS_AS(in.u8(), ModelError);
  std::filesystem::remove(path);
}

TEST_CASE("damaged model files are rejected with a clear error") {
  std::string path = temp_path("damaged.bin");
  ModelWriter out("test");
  for (int i = 0; i < 100; ++i) out.u32(static_cast<uint32_t>(i * 7919));
  out.save(path);
  const std::string good = read_all(path);

  write_all(path, good.substr(0, good.size() - 10));
  CHECK(error_of(path, "test").find("truncated") != std::string::npos);

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x20;
  write_all(path, flipped);
  CHECK(error_of(path, "test").find("checksum") != std::string::npos);

  write_all(path, "not a model at all");
  CHECK(error_of(path, "test").find("bad magic") != std::string::npos);

  write_all(path, good);
  CHECK(error_of(path, "parser").find("expected 'parser'") != std::string::npos);
  CHECK(error_of(temp_path("missing.bin"), "test").find("cannot open") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("a truncated tagger model fails to load instead of tagging garbage") {
  std::vector<kg::extract::Sentence> train = {
      sentence({{"the", "DT"}, {"dog", "NN"}, {"runs", "VBZ"}}),
      sentence({{"a", "DT"}, {"cat", "NN"}, {"sleeps", "VBZ"}})};
  kg::extract::TaggerOptions options;
  options.epochs = 3;
  auto tagger = kg::extract::Tagger::train(train, {}, {}, options, nullptr);
  std::string path = temp_path("tagger.bin");
  tagger.save(path);
  auto loaded = kg::extract::Tagger::load(path);
  kg::extract::Sentence s = sentence({{"the", ""}, {"cat", ""}, {"runs", ""}});
  loaded.tag(s);
  CHECK(s.tokens[0].xpos == "DT");
  CHECK(s.tokens[1].upos == "NOUN");

  std::string bytes = read_all(path);
  write_all(path, bytes.substr(0, bytes.size() / 2));
  CHECK_THROWS_AS(kg::extract::Tagger::load(path), ModelError);
  std::filesystem::remove(path);
}

TEST_CASE("a tagger ensemble is deterministic and survives saving") {
  std::vector<kg::extract::Sentence> train = {
      sentence({{"the", "DT"}, {"dog", "NN"}, {"runs", "VBZ"}}),
      sentence({{"a", "DT"}, {"cat", "NN"}, {"sleeps", "VBZ"}}),
      sentence({{"the", "DT"}, {"runs", "NN"}, {"end", "VBZ"}})};
  kg::extract::TaggerOptions options;
  options.epochs = 3;
  options.ensemble = 3;
  std::string first = temp_path("ensemble1.bin"), second = temp_path("ensemble2.bin");
  kg::extract::Tagger::train(train, {}, {}, options, nullptr).save(first);
  kg::extract::Tagger::train(train, {}, {}, options, nullptr).save(second);
  CHECK(read_all(first) == read_all(second));
  auto loaded = kg::extract::Tagger::load(first);
  kg::extract::Sentence s = sentence({{"a", ""}, {"dog", ""}, {"sleeps", ""}});
  loaded.tag(s);
  CHECK(s.tokens[0].xpos == "DT");
  CHECK(s.tokens[1].upos == "NOUN");
  CHECK(s.tokens[2].xpos == "VBZ");
  std::filesystem::remove(first);
  std::filesystem::remove(second);
}

TEST_CASE(
    "a two-pass tagger is deterministic, stores its second pass and tags the same once loaded") {
  kg::extract::TaggerOptions options;
  options.epochs = 3;
  options.passes = 2;
  std::string path = temp_path("pass2.bin");
  check_extended_tagger(six_tagged_sentences(), options, path);
  std::filesystem::remove(path);
}

TEST_CASE("a bidirectional tagger is deterministic, stores its right-to-left weights and loads") {
  std::vector<kg::extract::Sentence> train = six_tagged_sentences();
  kg::extract::TaggerOptions options;
  options.epochs = 3;
  options.bidirectional = true;
  std::string path = temp_path("both.bin");
  const size_t one_way_size = check_extended_tagger(train, options, path);
  // Cut inside the right-to-left section: refused, not read as a left-to-right-only model.
  write_all(path, read_all(path).substr(0, one_way_size + 64));
  CHECK_THROWS_AS(kg::extract::Tagger::load(path), ModelError);
  options.passes = 2;
  CHECK_THROWS_AS(kg::extract::Tagger::train(train, {}, {}, options, nullptr),
                  std::invalid_argument);
  std::filesystem::remove(path);
}
