// CoNLL-2003 column files and the chunks conlleval reads off IOB tags.
#include "extract/entities/ner_conll.h"

#include <doctest/doctest.h>

#include <sstream>

#include "extract/entities/ner_labels.h"
#include "extract/entities/ner_train.h"

using kg::extract::Chunk;
using kg::extract::chunks_from_tags;

TEST_CASE("IOB1 chunks: I- opens a chunk, B- separates two adjacent chunks of one type") {
  auto chunks = chunks_from_tags({"I-ORG", "O", "I-MISC", "O", "I-PER", "I-PER", "B-PER", "I-LOC"});
  REQUIRE(chunks.size() == 5);
  CHECK(chunks[0] == Chunk{0, 0, "ORG"});
  CHECK(chunks[1] == Chunk{2, 2, "MISC"});
  CHECK(chunks[2] == Chunk{4, 5, "PER"});
  CHECK(chunks[3] == Chunk{6, 6, "PER"});
  CHECK(chunks[4] == Chunk{7, 7, "LOC"});
}

TEST_CASE("IOB2 and BILOU tags give the same chunks") {
  auto iob2 = chunks_from_tags({"B-PER", "I-PER", "O", "B-LOC", "B-LOC"});
  auto bilou = chunks_from_tags({"B-PER", "L-PER", "O", "U-LOC", "U-LOC"});
  CHECK(iob2 == bilou);
  CHECK(iob2.size() == 3);
}

TEST_CASE("malformed CoNLL input is an error with the line number") {
  std::istringstream in("EU NNP I-ORG\nrejects O\n");
  CHECK_THROWS_WITH(kg::extract::parse_conll(in, "bad.conll"), doctest::Contains("bad.conll:2"));
}

TEST_CASE("gold labels become BILOU and back to the same chunks") {
  std::vector<kg::extract::ConllLine> sentence = {
      {"Peter", {"I-PER"}}, {"Blackburn", {"I-PER"}}, {"in", {"O"}}, {"Brussels", {"I-LOC"}}};
  auto labels = kg::extract::ner::gold_labels(sentence);
  auto tags = kg::extract::ner::labels_to_iob2(labels);
  CHECK(tags == std::vector<std::string>{"B-PER", "I-PER", "O", "B-LOC"});
}
