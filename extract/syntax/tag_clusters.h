// Unsupervised word clusters for the tagger: words are grouped by the words seen around them in
// raw text (k-means over left/right neighbour distributions), so that words never seen in the
// treebank still share features with treebank words that behave alike.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"

namespace kg::extract {

// Splits raw text naively into lowercase words, detaching punctuation at word edges.
std::vector<std::string> naive_words(const std::string& text);

// Clusters the words occurring at least `min_count` times into `k` groups; returns word ->
// cluster id in [0, k). Deterministic for a given input.
std::unordered_map<std::string, uint16_t> cluster_words(
    const std::vector<std::vector<std::string>>& sentences, int k, int min_count, int iterations);

// The tagger's and parser's word clusters: the treebank's words plus raw text files (folders are
// searched for .txt files, read in sorted order), clustered at 256 and 32 classes; returns
// lowercase word -> fine | coarse << 16. Empty without text. Throws std::runtime_error for a
// path that is neither file nor folder; reports the size on `log` (may be null).
std::unordered_map<std::string, uint32_t> build_tag_clusters(
    const std::vector<Sentence>& train, const std::vector<std::string>& text_paths,
    std::ostream* log);

}  // namespace kg::extract
