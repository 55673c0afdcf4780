#include "eval/conllu_eval.h"

#include <doctest/doctest.h>

#include <sstream>

#include "extract/syntax/conllu.h"

using kg::eval::score_conllu;
using kg::extract::read_conllu;

namespace {

const char* kGold =
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n";

// Two tag errors (do: VERB/VB, know lemma), one head error (n't), one label error (.),
// one subtype-only label difference (I: nsubj:pass).
const char* kPredicted =
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj:pass\t_\t_\n"
    "2\tdo\tdo\tVERB\tVB\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n"
    "4\tknow\tknew\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tdep\t_\t_\n"
    "\n";

}  // namespace

TEST_CASE("eval-conllu metrics on a hand-made pair") {
  std::istringstream gold_in(kGold), pred_in(kPredicted);
  auto gold = read_conllu(gold_in, "gold");
  auto pred = read_conllu(pred_in, "pred");
  REQUIRE(gold.size() == 1);
  CHECK(gold[0].sentence.tokens.size() == 5);  // the multiword line is not a word
  auto s = score_conllu(gold, pred);
  CHECK(s.words == 5);
  CHECK(s.upos == 4);
  CHECK(s.xpos == 4);
  CHECK(s.lemma == 4);
  CHECK(s.head == 4);
  CHECK(s.labeled == 2);  // I (subtype differs) and . (dep) are wrong, n't has the wrong head
  auto universal = score_conllu(gold, pred, true);
  CHECK(universal.labeled == 3);
}

TEST_CASE("CoNLL-U round trip keeps comments and multiword lines") {
  std::istringstream in(kGold);
  auto sentences = read_conllu(in, "gold");
  std::ostringstream out;
  kg::extract::write_conllu(out, sentences);
  CHECK(out.str() == kGold);
}

TEST_CASE("mismatched or malformed CoNLL-U is an error, not a crash") {
  std::istringstream gold_in(kGold), short_in("1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n\n");
  auto gold = read_conllu(gold_in, "gold");
  auto other = read_conllu(short_in, "short");
  CHECK_THROWS_AS(score_conllu(gold, other), std::runtime_error);
  std::istringstream bad("1\tI\tI\n");
  CHECK_THROWS_AS(read_conllu(bad, "bad"), std::runtime_error);
  std::istringstream bad_head("1\tI\tI\tPRON\tPRP\t_\t9\troot\t_\t_\n\n");
  CHECK_THROWS_AS(read_conllu(bad_head, "bad"), std::runtime_error);
}
