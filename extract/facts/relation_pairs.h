// Typed relations between the entities of a sentence, learned where the rules run out: every
// ordered pair of entities of a sentence is a candidate; an averaged perceptron over the pair's
// features (dependency path, words between and around, the names' own words, types and the
// classes the schema allows for them, the facts the rules already read between them,
// apposition, title, possessive, "-based", "City, State" and dateline structure) picks its class
// or none (relation_schema.h). A class goes onto the facts that already join the pair; a pair no
// fact joins gets a fact of its own, labelled by its class (pattern "pair-classifier").
// Training is apart (relation_pairs_train.h); `kg train relations` runs it on CoNLL04.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "extract/document.h"
#include "extract/facts/coref.h"
#include "extract/facts/facts.h"
#include "extract/facts/places.h"
#include "extract/learn/frozen_weights.h"

namespace kg::extract {

// One candidate pair of one sentence.
struct PairCandidate {
  uint32_t sentence = 0;
  int subject = -1, object = -1;  // entity clusters
  std::string subject_type, object_type;
  // Byte spans (in the document) of each end's mentions in the sentence, for training labels.
  std::vector<std::pair<uint32_t, uint32_t>> subject_spans, object_spans;
  int subject_head = -1, object_head = -1;  // the tokens the features were read from
  // The two stand in a list ("Samoa, France, Italy", a team sheet's "Jones, Hiley; Sawyer"):
  // conjuncts, or a semicolon or three commas between them and no verb. CoNLL04 has few
  // lists, so its classifier does not learn what news's line-ups and results say.
  bool in_list = false;
  // The two are written "X, Y", the subject first: a list's two items, or a city and its
  // state ("Rockville, Md.").
  bool comma_pair = false;
  // Another place is named between the two ("Basra in Iraq, Kabul"), not as a conjunct of
  // either: the nearer place is the one a place lies in; a farther one it lies in only
  // through it (infer_containment).
  bool place_between = false;
  int gap = 0;           // tokens between the two mentions
  int path_length = 99;  // dependency arcs between their heads
  int ancestor = -1;     // the token where their paths to the root meet (-1: none)
  std::vector<uint64_t> features;
};

// The pair classifier's weights and decision rule; read-only once loaded.
class RelationModel {
 public:
  static constexpr const char* kFile = "relations.bin";
  // Throws ModelError naming the file when it cannot be used.
  static RelationModel load(const std::string& path);
  void save(const std::string& path) const;

  // The class (index into kPairClasses, 0 for none) of a candidate and its margin over the next.
  std::pair<int, float> classify(const PairCandidate& candidate) const;
  // A fact's confidence from a margin: 0.5 at no margin, up to 0.9.
  float confidence(float margin) const;

  FrozenWeights weights;
  float none_bias = 0;     // added to none's score: tuned on dev for typed F1
  float margin_scale = 1;  // a typical margin of a right decision on dev
};

// The candidates of sentence `index`: each ordered pair of entities mentioned in it, read from
// their closest mentions. `facts` holds the facts read so far (by the rules); those of this
// sentence are at the indexes `sentence_facts`.
std::vector<PairCandidate> pair_candidates(const Document& doc, const Coreference& coref,
                                           uint32_t index, const std::vector<Fact>& facts,
                                           const std::vector<size_t>& sentence_facts);

// Gives the facts of sentence `index` (their indexes in `facts`: `sentence_facts`) their
// classes: the rules' class of their open label, then, with a model, the classifier's decision
// for each pair (which may add a fact for a pair no rule related). Calls `on_candidate`, when
// set, for each candidate before it is classified (training reads them there).
void classify_relations(const RelationModel* model, const PlaceTable* places, const Document& doc,
                        const Coreference& coref, uint32_t index, std::vector<Fact>& facts,
                        const std::vector<size_t>& sentence_facts,
                        const std::function<void(const PairCandidate&)>& on_candidate);

}  // namespace kg::extract
