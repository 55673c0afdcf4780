// Clause patterns on hand-made UD trees: what a linguist would read off each sentence.
#include "extract/facts/clauses.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "extract/syntax/conllu.h"

using namespace kg::extract;

namespace {

// Rows: id form lemma upos xpos head deprel, separated by spaces, one token a line.
Sentence tree(const std::string& rows) {
  std::istringstream in(rows);
  std::string conllu, line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, form, lemma, upos, xpos, head, rel;
    if (!(fields >> id >> form >> lemma >> upos >> xpos >> head >> rel)) continue;
    conllu += id + "\t" + form + "\t" + lemma + "\t" + upos + "\t" + xpos + "\t_\t" + head + "\t" +
              rel + "\t_\t_\n";
  }
  std::istringstream text(conllu + "\n");
  auto sentences = read_conllu(text, "test");
  REQUIRE(sentences.size() == 1);
  return sentences[0].sentence;
}

// "subject head | relation | object head [| qualifiers]" for each triple.
std::vector<std::string> describe(const Sentence& s) {
  std::vector<std::string> out;
  for (const auto& t : extract_clauses(s)) {
    std::string line = s.tokens[t.subject.head].form + " | " + t.relation + " | " +
                       (t.object.head >= 0 ? s.tokens[t.object.head].form : "-");
    if (t.negated) line += " | not";
    if (!t.modality.empty()) line += " | " + t.modality;
    if (!t.time.empty()) line += " | @" + t.time;
    if (t.attribution >= 0) line += " | by " + s.tokens[t.attribution].form;
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Case {
  const char* name;
  const char* rows;
  std::vector<std::string> expected;
};

}  // namespace

TEST_CASE("clause patterns") {
  const Case cases[] = {
      {"subject-verb-object with time",
       "1 Guterres Guterres PROPN NNP 2 nsubj\n2 met meet VERB VBD 0 root\n3 Lavrov Lavrov PROPN "
       "NNP 2 obj\n"
       "4 on on ADP IN 5 case\n5 Tuesday Tuesday PROPN NNP 2 obl",
       {"Guterres | meet | Lavrov | @on Tuesday"}},
      {"passive with agent",
       "1 Griffiths Griffiths PROPN NNP 3 nsubj:pass\n2 was be AUX VBD 3 aux:pass\n3 sent send "
       "VERB VBN 0 root\n"
       "4 by by ADP IN 5 case\n5 Guterres Guterres PROPN NNP 3 obl:agent",
       {"Guterres | send | Griffiths"}},
      {"passive without agent keeps the oblique",
       "1 Griffiths Griffiths PROPN NNP 3 nsubj:pass\n2 was be AUX VBD 3 aux:pass\n3 sent send "
       "VERB VBN 0 root\n"
       "4 to to ADP IN 5 case\n5 Moscow Moscow PROPN NNP 3 obl",
       {"Griffiths | be_send_to | Moscow"}},
      {"copula with of",
       "1 Moscow Moscow PROPN NNP 4 nsubj\n2 is be AUX VBZ 4 cop\n3 the the DET DT 4 det\n"
       "4 capital capital NOUN NN 0 root\n5 of of ADP IN 6 case\n6 Russia Russia PROPN NNP 4 nmod",
       {"Moscow | capital_of | Russia"}},
      {"object folded into the relation before a preposition",
       "1 Russia Russia PROPN NNP 2 nsubj\n2 launched launch VERB VBD 0 root\n3 its its PRON PRP$ "
       "4 nmod:poss\n"
       "4 offensive offensive NOUN NN 2 obj\n5 against against ADP IN 6 case\n6 Ukraine Ukraine "
       "PROPN NNP 2 obl",
       {"Russia | launch | offensive", "Russia | launch_offensive_against | Ukraine"}},
      {"a phrase on the object noun reads like one on the verb",
       "1 Griffiths Griffiths PROPN NNP 2 nsubj\n2 concluded conclude VERB VBD 0 root\n3 talks "
       "talk NOUN NNS 2 obj\n4 with with ADP IN 5 case\n5 Shmyhal Shmyhal PROPN NNP 3 nmod",
       {"Griffiths | conclude | talks", "Griffiths | conclude_talk_with | Shmyhal"}},
      {"but not a part, an amount or a comparison on the object noun",
       "1 Troops troop NOUN NNS 2 nsubj\n2 killed kill VERB VBD 0 root\n3 dozens dozen NOUN NNS 2 "
       "obj\n4 of of ADP IN 5 case\n5 civilians civilian NOUN NNS 3 nmod\n6 than than ADP IN 7 "
       "case\n7 ever ever ADV RB 3 nmod",
       {"Troops | kill | dozens"}},
      {"modality from a control adjective, subject inherited",
       "1 Guterres Guterres PROPN NNP 3 nsubj\n2 was be AUX VBD 3 cop\n3 due due ADJ JJ 0 root\n4 "
       "to to PART TO 5 mark\n"
       "5 meet meet VERB VB 3 xcomp\n6 Putin Putin PROPN NNP 5 obj",
       {"Guterres | be | due", "Guterres | meet | Putin | due"}},
      {"negation and a modal",
       "1 Russia Russia PROPN NNP 4 nsubj\n2 will will AUX MD 4 aux\n3 not not PART RB 4 advmod\n"
       "4 halt halt VERB VB 0 root\n5 operations operation NOUN NNS 4 obj",
       {"Russia | halt | operations | not | will"}},
      {"conjoined objects are separate triples",
       "1 Refugees refugee NOUN NNS 2 nsubj\n2 fled flee VERB VBD 0 root\n3 to to ADP IN 4 case\n"
       "4 Poland Poland PROPN NNP 2 obl\n5 and and CCONJ CC 6 cc\n6 Hungary Hungary PROPN NNP 4 "
       "conj",
       {"Refugees | flee_to | Hungary", "Refugees | flee_to | Poland"}},
      {"reported speech keeps the speaker",
       "1 Russia Russia PROPN NNP 2 nsubj\n2 says say VERB VBZ 0 root\n3 it it PRON PRP 5 nsubj\n"
       "4 will will AUX MD 5 aux\n5 halt halt VERB VB 2 ccomp\n6 the the DET DT 7 det\n7 operation "
       "operation NOUN NN 5 obj",
       {"Russia | say | halt", "it | halt | operation | will | by Russia"}},
      {"relative clause subject is the noun it modifies",
       "1 Griffiths Griffiths PROPN NNP 0 root\n2 , , PUNCT , 4 punct\n3 who who PRON WP 4 nsubj\n"
       "4 visited visit VERB VBD 1 acl:relcl\n5 Kyiv Kyiv PROPN NNP 4 obj",
       {"Griffiths | visit | Kyiv"}},
  };
  auto joined = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
  };
  for (const auto& c : cases) {
    std::string got = joined(describe(tree(c.rows))), want = joined(c.expected);
    CHECK_MESSAGE(got == want, std::string(c.name), "\n got:", got, "\n want:", want);
  }
}

namespace {

// "relation | arg1 | arg2 ..." for each n-ary tuple, sorted.
std::vector<std::string> describe_nary(const Sentence& s) {
  std::vector<std::string> out;
  for (const auto& t : extract_nary(s)) {
    std::string line = t.relation;
    for (const auto& a : t.args) line += " | " + a;
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("n-ary tuples in the Open IE benchmarks' style") {
  const Case cases[] = {
      {"a fronted oblique stays an argument; the first oblique after the verb joins the relation",
       "1 In in ADP IN 2 case\n2 2005 2005 NUM CD 5 obl\n3 , , PUNCT , 5 punct\n4 Bond Bond PROPN "
       "NNP 5 nsubj\n"
       "5 apologized apologize VERB VBD 0 root\n6 to to ADP IN 7 case\n7 Graves Graves PROPN NNP 5 "
       "obl",
       {"apologized to | Bond | Graves | In 2005"}},
      {"arguments keep their relative clauses; the clause has its own tuple",
       "1 He he PRON PRP 2 nsubj\n2 found find VERB VBD 0 root\n3 an a DET DT 4 det\n4 opening "
       "opening NOUN NN 2 obj\n"
       "5 that that PRON WDT 6 nsubj\n6 led lead VERB VBD 4 acl:relcl\n7 to to ADP IN 9 case\n8 a "
       "a DET DT 9 det\n"
       "9 mine mine NOUN NN 6 obl",
       {"found | He | an opening that led to a mine", "led to | an opening | a mine"}},
      {"passive: auxiliaries and negation in the relation, the agent an argument",
       "1 Jesus Jesus PROPN NNP 4 nsubj:pass\n2 is be AUX VBZ 4 aux:pass\n3 not not PART RB 4 "
       "advmod\n"
       "4 accepted accept VERB VBN 0 root\n5 as as ADP IN 7 case\n6 the the DET DT 7 det\n7 son "
       "son NOUN NN 4 obl\n"
       "8 by by ADP IN 9 case\n9 Muslims Muslim PROPN NNPS 4 obl:agent",
       {"is not accepted as | Jesus | the son | by Muslims"}},
      {"an adverbial clause is an argument and a clause of its own",
       "1 Rodan Rodan PROPN NNP 2 nsubj\n2 taught teach VERB VBD 0 root\n3 at at ADP IN 4 case\n"
       "4 Yale Yale PROPN NNP 2 obl\n5 until until SCONJ IN 7 mark\n6 he he PRON PRP 7 nsubj\n"
       "7 switched switch VERB VBD 2 advcl\n8 to to ADP IN 9 case\n9 Merck Merck PROPN NNP 7 obl",
       {"switched to | he | Merck", "taught at | Rodan | Yale | until he switched to Merck"}},
      {"an adverb before the verb joins the relation",
       "1 Muslims Muslim PROPN NNPS 3 nsubj\n2 strictly strictly ADV RB 3 advmod\n3 maintain "
       "maintain VERB VBP 0 root\n"
       "4 it it PRON PRP 3 obj",
       {"strictly maintain | Muslims | it"}},
      {"a subject whose clause holds the predicate stops before the predicate's words",
       "1 Jaguar Jaguar PROPN NNP 2 compound\n2 shares share NOUN NNS 0 root\n3 closed close VERB "
       "VBD 2 acl\n"
       "4 at at ADP IN 6 case\n5 869 869 NUM CD 6 nummod\n6 pence penny NOUN NNS 3 obl\n7 , , "
       "PUNCT , 9 punct\n"
       "8 on on ADP IN 9 case\n9 turnover turnover NOUN NN 2 nmod",
       {"be on | Jaguar shares | turnover", "closed at | Jaguar shares | 869 pence"}},
      {"a word tagged as a noun but given a subject heads a clause",
       "1 Declining decline VERB VBG 2 amod\n2 issues issue NOUN NNS 3 nsubj\n3 outnumbered "
       "outnumber NOUN NN 0 root\n"
       "4 advancers advancer NOUN NNS 3 obj",
       {"outnumbered | Declining issues | advancers"}},
      {"the verb an infinitive depends on leads its relation",
       "1 Nissan Nissan PROPN NNP 2 nsubj\n2 allowed allow VERB VBD 0 root\n3 employees employee "
       "NOUN NNS 2 obj\n"
       "4 to to PART TO 5 mark\n5 dress dress VERB VB 2 xcomp\n6 casually casually ADV RB 5 advmod",
       {"allowed to dress | employees", "allowed | Nissan | employees"}},
      {"a copula's prepositional complement lends the preposition to the relation",
       "1 Guterres Guterres PROPN NNP 4 nsubj\n2 is be AUX VBZ 4 cop\n3 in in ADP IN 4 case\n"
       "4 Moscow Moscow PROPN NNP 0 root",
       {"is in | Guterres | Moscow"}},
      {"an apposition says what its noun is",
       "1 They they PRON PRP 2 nsubj\n2 met meet VERB VBD 0 root\n3 Gottesman Gottesman PROPN NNP "
       "2 obj\n"
       "4 , , PUNCT , 6 punct\n5 an a DET DT 6 det\n6 analyst analyst NOUN NN 3 appos",
       {"be | Gottesman | an analyst", "met | They | Gottesman , an analyst"}},
      {"possessives, locative modifiers and adjectives inside a noun phrase",
       "1 The the DET DT 2 det\n2 company company NOUN NN 5 nmod:poss\n3 's 's PART POS 2 case\n"
       "4 new new ADJ JJ 5 amod\n5 hall hall NOUN NN 8 nsubj\n6 in in ADP IN 7 case\n7 Paris Paris "
       "PROPN NNP 5 nmod\n"
       "8 opened open VERB VBD 0 root",
       {"be in | The company 's new hall | Paris", "be | hall in Paris | new",
        "has | The company | new hall in Paris", "opened | The company 's new hall in Paris"}},
  };
  auto joined = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += "\n  " + l;
    return out;
  };
  for (const auto& c : cases) {
    std::string got = joined(describe_nary(tree(c.rows))), want = joined(c.expected);
    CHECK_MESSAGE(got == want, std::string(c.name), "\n got:", got, "\n want:", want);
  }
}

TEST_CASE("n-ary confidence ranks clauses above noun-phrase facts") {
  Sentence s = tree(
      "1 They they PRON PRP 2 nsubj\n2 met meet VERB VBD 0 root\n3 Gottesman Gottesman PROPN NNP 2 "
      "obj\n"
      "4 , , PUNCT , 6 punct\n5 an a DET DT 6 det\n6 analyst analyst NOUN NN 3 appos");
  float clause = 0, apposition = 0;
  for (const auto& t : extract_nary(s)) (t.relation == "met" ? clause : apposition) = t.confidence;
  CHECK(clause > apposition);
  CHECK(apposition > 0.0f);
}
