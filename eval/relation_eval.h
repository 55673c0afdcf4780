// Scoring typed relations between entities against CoNLL04 (Roth & Yih 2004), end to end: the
// system reads the sentence text and names its entities; the scorer finds the gold entity each
// name stands for (loosely, see match_mention), then compares entity pairs and relation classes.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace kg::eval {

// One CoNLL04 sentence: tokens, entity spans (in order of appearance, as the relations index
// them) and relations head -> tail.
struct RelationSentence {
  struct Mention {
    int first = 0, last = 0;  // token span, inclusive
    std::string type;         // Peop, Org, Loc, Other
    std::string text;         // the span's tokens joined by spaces
  };
  struct Relation {
    int head = 0, tail = 0;  // indexes into mentions
    std::string cls;         // kg's class: works_for, based_in, located_in, lives_in, killed
  };
  std::vector<std::string> tokens;
  std::vector<Mention> mentions;
  std::vector<Relation> relations;
  // The text the system reads: the tokens joined by single spaces.
  std::string text() const;
};

// Reads a CoNLL04 JSON file (SpERT's layout: tokens, BILOU tags, relations); throws EvalError.
std::vector<RelationSentence> read_conll04(const std::string& path);
// kg's class for a CoNLL04 relation type (Work_For -> works_for); "" for an unknown type.
std::string conll04_class(const std::string& type);
// The classes CoNLL04 annotates; system relations of other classes are not scored as classed.
const std::array<const char*, 5>& conll04_classes();

// One relation the system found: each end by every name the system knows it by (its canonical
// name first, then aliases), its class ("" for an open relation with none).
struct SystemRelation {
  std::vector<std::string> subject, object;
  std::string cls;
};

// The gold mentions a system name stands for. Names are compared as lowercase words of letters
// and digits ("N.J." -> "nj"); a name matches a mention whose words equal its own, or, failing
// any such, one whose words contain its own as a contiguous run or are contained in it ("Lincoln"
// and "President Lincoln", "John Smith" and "Smith"). Empty when nothing matches.
std::vector<int> match_mention(const RelationSentence& gold, const std::vector<std::string>& names);

struct PRF {
  size_t gold = 0, system = 0, matched_gold = 0, matched_system = 0;
  double precision() const { return system ? double(matched_system) / system : 0; }
  double recall() const { return gold ? double(matched_gold) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void add(const PRF& o) {
    gold += o.gold;
    system += o.system;
    matched_gold += o.matched_gold;
    matched_system += o.matched_system;
  }
};

struct RelationScores {
  PRF any;      // pairs the system relates by any relation, open or classed; direction ignored
  PRF classed;  // pairs related by a CoNLL04 class (any of the five); direction ignored
  PRF typed;    // the class right and the direction head -> tail
  std::array<PRF, 5> by_class;  // typed, per class in conll04_classes() order
  size_t sentences = 0;
  void add(const RelationScores& o);
};

// Scores one sentence. kg's born_in and leader_of count as lives_in, as CoNLL04 annotates them.
// System relations are sets: the same (ends, class) counts once, and so does the same pair for
// `any` and `classed`. A relation whose ends match no gold mention is a false positive (an entity
// the gold does not have, or a name the system got wrong).
RelationScores score_relations(const RelationSentence& gold,
                               const std::vector<SystemRelation>& system);

}  // namespace kg::eval
