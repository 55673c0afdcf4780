// Word classes for the entity recognizer: counts kept with the classes, rare words untrusted.
#include "extract/entities/word_clusters.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using kg::extract::ner::ClusterOptions;
using kg::extract::ner::WordClusters;

TEST_CASE("word classes keep each word's count and trust only words seen often enough") {
  std::vector<std::vector<std::string>> text;
  for (int i = 0; i < 6; ++i) text.push_back({"Chelsea", "beat", "Arsenal"});
  text.push_back({"Abramovich", "beat", "Arsenal"});
  text.push_back({"Abramovich", "owns", "Chelsea"});
  ClusterOptions options;
  options.class_counts = {2, 3, 4};
  options.iterations = 2;
  options.min_count = 2;
  WordClusters clusters = WordClusters::train(text, options);
  REQUIRE(clusters.find("Abramovich") != nullptr);         // clustered: seen twice
  CHECK(clusters.find_reliable("Abramovich") == nullptr);  // but below kReliableCount
  CHECK(clusters.find_reliable("Chelsea") == clusters.find("Chelsea"));
  CHECK(clusters.find_reliable("owns") == nullptr);  // not clustered at all (seen once)

  auto path = (std::filesystem::temp_directory_path() / "kg_word_clusters_test.tsv").string();
  clusters.save(path);
  WordClusters loaded = WordClusters::load(path);
  CHECK(loaded.find_reliable("Abramovich") == nullptr);
  REQUIRE(loaded.find_reliable("Chelsea") != nullptr);
  CHECK(*loaded.find_reliable("Chelsea") == *clusters.find("Chelsea"));

  // A table written before counts were kept (four columns) trusts every word.
  std::ofstream(path) << "Abramovich\t1\t2\t3\n";
  WordClusters old = WordClusters::load(path);
  CHECK(old.find_reliable("Abramovich") != nullptr);
  std::ofstream(path) << "Abramovich\t1\t2\t3\t0\n";
  CHECK_THROWS(WordClusters::load(path));
  std::filesystem::remove(path);
}
