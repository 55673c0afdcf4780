#include "extract/facts/relation_pairs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_set>

#include "base/ascii.h"
#include "extract/facts/clauses.h"
#include "extract/facts/name_key.h"
#include "extract/facts/relation_schema.h"
#include "extract/learn/hash.h"
#include "extract/learn/model_io.h"

namespace kg::extract {

namespace {

// Feature templates; the numbers are part of the model file's meaning: append, never renumber.
enum Template : uint32_t {
  kBias = 1,
  kOrder,
  kPath,
  kPathWords,
  kPathLength,
  kAncestor,
  kBetween,
  kFirstBetween,
  kLastBetween,
  kDistance,
  kBefore,
  kAfter,
  kFact,
  kFactPattern,
  kRuleClass,
  kStructure,
  kRole,
  kNoVerb,
  kGovernor,
  kBetweenPair,
  kEndWord,
  kNoFact,
  kFits,
  kMentionWord,
  kMentionLast,
};

constexpr int kMaxPath = 6;
constexpr int kMaxBetween = 10;
// A fact of the classifier's own joins ends at most this far apart in words or in arcs: what a
// noun phrase or one clause says. Far apart, news's two names are mostly two sides of a story
// (a killing, which must be spoken of, is exempt).
constexpr int kNearGap = 4;
constexpr int kNearPath = 3;

struct Mention {
  int first = 0, last = 0, head = 0;
};

class PairFeatures {
 public:
  PairFeatures(const Document& doc, const Coreference& coref, uint32_t index,
               const std::vector<Fact>& facts, const std::vector<size_t>& sentence_facts)
      : s_(doc.sentences[index]),
        coref_(coref),
        si_(index),
        facts_(facts),
        sentence_facts_(sentence_facts) {
    const auto& ids = coref.token_entity[index];
    for (int i = 0; i < size(); ++i) {
      const int id = ids[i];
      if (id < 0) continue;
      if (i > 0 && ids[i - 1] == id) {
        mentions_.back().second.last = i;
      } else {
        mentions_.push_back({id, {i, i, i}});
      }
    }
    for (auto& [id, m] : mentions_) {
      m.head = m.last;
      for (int i = m.first; i <= m.last; ++i) {
        const int h = s_.tokens[i].head - 1;
        if (h < m.first || h > m.last) {
          m.head = i;
          break;
        }
      }
    }
  }

  std::vector<PairCandidate> candidates() const {
    std::vector<int> entities;
    for (const auto& [id, m] : mentions_)
      if (std::find(entities.begin(), entities.end(), id) == entities.end()) entities.push_back(id);
    std::vector<PairCandidate> out;
    for (int a : entities)
      for (int b : entities) {
        if (a == b || !fits_some_class(a, b)) continue;
        out.push_back(candidate(a, b));
      }
    return out;
  }

 private:
  int size() const { return static_cast<int>(s_.tokens.size()); }
  const Token& tok(int i) const { return s_.tokens[i]; }
  int head(int i) const {
    const int h = s_.tokens[i].head - 1;
    return h >= 0 && h < size() && h != i ? h : -1;
  }
  std::string lemma(int i) const { return lower_lemma(tok(i)); }
  const std::string& type(int id) const { return coref_.clusters[id].type; }

  // Every pair is a candidate, whatever its types: the recognizer's types are wrong often
  // enough ("AFP" a place, "Kennedy" a place, "Drexel Burnham Lambert Inc." a person) that the
  // schema's ends are the classifier's features (kTypes), not a filter.
  bool fits_some_class(int a, int b) const { return !type(a).empty() && !type(b).empty(); }

  PairCandidate candidate(int a, int b) const {
    PairCandidate c;
    c.sentence = si_;
    c.subject = a;
    c.object = b;
    c.subject_type = type(a);
    c.object_type = type(b);
    // The closest mentions of the two: what links them is said between them.
    const Mention* ma = nullptr;
    const Mention* mb = nullptr;
    int best = std::numeric_limits<int>::max();
    for (const auto& [id, m] : mentions_) {
      if (id == a) c.subject_spans.emplace_back(tok(m.first).begin, tok(m.last).end);
      if (id == b) c.object_spans.emplace_back(tok(m.first).begin, tok(m.last).end);
    }
    for (const auto& [ida, x] : mentions_) {
      if (ida != a) continue;
      for (const auto& [idb, y] : mentions_) {
        if (idb != b) continue;
        const int gap = x.first < y.first ? y.first - x.last : x.first - y.last;
        if (gap < best) {
          best = gap;
          ma = &x;
          mb = &y;
        }
      }
    }
    c.subject_head = ma->head;
    c.object_head = mb->head;
    c.in_list = in_list(*ma, *mb);
    c.comma_pair = mb->first == ma->last + 2 && tok(ma->last + 1).form == ",";
    c.gap = std::max(0, best - 1);
    // A conjunct of the first of the two shares its place: "Baghdad and Basra in Iraq".
    const Mention& first = ma->first < mb->first ? *ma : *mb;
    const Mention& second = ma->first < mb->first ? *mb : *ma;
    for (const auto& [id, m] : mentions_)
      if (id != a && id != b && type(id) == "Place" && m.first > first.last &&
          m.last < second.first && !in_list(first, m))
        c.place_between = true;
    features(a, b, *ma, *mb, c);
    return c;
  }

  bool in_list(const Mention& ma, const Mention& mb) const {
    const int x = ma.head, y = mb.head;
    if ((head(x) == y && tok(x).deprel == "conj") || (head(y) == x && tok(y).deprel == "conj"))
      return true;
    if (head(x) >= 0 && head(x) == head(y) && tok(x).deprel == "conj" && tok(y).deprel == "conj")
      return true;
    const Mention& left = ma.first < mb.first ? ma : mb;
    const Mention& right = ma.first < mb.first ? mb : ma;
    int commas = 0;
    bool verb = false;
    for (int i = left.last + 1; i < right.first; ++i) {
      const std::string& form = tok(i).form;
      // A semicolon, or a fixture or a result: "Watford v Fulham", "Bristol City 2-1 Milton
      // Keynes".
      if (form == ";" || form == "v" || form == "vs" || form == "v." || form == "vs.") return true;
      if (tok(i).upos == "NUM" && form.find('-') != std::string::npos) return true;
      if (form == ",") ++commas;
      if (tok(i).upos == "VERB" || tok(i).upos == "AUX") verb = true;
    }
    return commas >= 3 && !verb;
  }

  void features(int a, int b, const Mention& ma, const Mention& mb, PairCandidate& c) const {
    std::vector<uint64_t>& f = c.features;
    const uint64_t types = hash_string(type(a) + ">" + type(b));
    const bool forward = ma.first < mb.first;
    const uint64_t order = forward ? 1 : 2;
    const Mention& left = forward ? ma : mb;
    const Mention& right = forward ? mb : ma;
    f.push_back(feat(kBias, types));
    // Which classes the schema's ends allow, so that a pair of unusual types is not ruled out.
    for (size_t k = 1; k < kPairClasses.size(); ++k)
      if (class_fits(kPairClasses[k], type(a), type(b))) f.push_back(feat(kFits, k));
    f.push_back(feat(kOrder, types, order));

    // Words between the two mentions, and around them.
    const int between = right.first - left.last - 1;
    bool verb_between = false;
    std::vector<std::string> words;
    for (int i = left.last + 1; i < right.first; ++i) {
      if (tok(i).upos == "VERB" || tok(i).upos == "AUX") verb_between = true;
      if (between <= kMaxBetween) words.push_back(lemma(i));
    }
    f.push_back(feat(kDistance, types, order, std::min(between, kMaxBetween + 1)));
    if (!verb_between) f.push_back(feat(kNoVerb, types, order));
    for (size_t k = 0; k < words.size(); ++k) {
      f.push_back(feat(kBetween, types, order, hash_string(words[k])));
      if (k + 1 < words.size())
        f.push_back(feat(kBetweenPair, order, hash_string(words[k]), hash_string(words[k + 1])));
    }
    if (!words.empty()) {
      f.push_back(feat(kFirstBetween, types, order, hash_string(words.front())));
      f.push_back(feat(kLastBetween, types, order, hash_string(words.back())));
    }
    const uint64_t none = hash_string("<none>");
    f.push_back(
        feat(kBefore, order, 1, left.first > 0 ? hash_string(lemma(left.first - 1)) : none));
    f.push_back(
        feat(kBefore, order, 2, left.first > 1 ? hash_string(lemma(left.first - 2)) : none));
    f.push_back(feat(kAfter, order, 1,
                     right.last + 1 < size() ? hash_string(lemma(right.last + 1)) : none));
    // The names' own words say what the recognizer's type may not: "District", "Inc.",
    // "University", "Party".
    for (int end : {1, 2}) {
      const Mention& m = end == 1 ? ma : mb;
      for (int i = m.first; i <= m.last; ++i)
        f.push_back(feat(kMentionWord, end, hash_string(base::ascii_lower(tok(i).form))));
      f.push_back(feat(kMentionLast, end, hash_string(base::ascii_lower(tok(m.last).form)), types));
    }
    f.push_back(feat(kEndWord, 1, hash_string(lemma(ma.head)), types));
    f.push_back(feat(kEndWord, 2, hash_string(lemma(mb.head)), types));

    // The dependency path between the heads, without and with the words on it.
    c.path_length = path_features(ma.head, mb.head, types, f, c.ancestor);
    for (int end : {0, 1}) {
      const int h = end == 0 ? ma.head : mb.head;
      const int g = head(h);
      f.push_back(
          feat(kGovernor, end, hash_string(tok(h).deprel), g >= 0 ? hash_string(lemma(g)) : none));
    }

    // Structure inside noun phrases.
    auto structure = [&](std::string_view what) {
      f.push_back(feat(kStructure, types, hash_string(what)));
    };
    if (head(ma.head) == mb.head) structure("a-under-b:" + tok(ma.head).deprel);
    if (head(mb.head) == ma.head) structure("b-under-a:" + tok(mb.head).deprel);
    if (head(ma.head) >= 0 && head(ma.head) == head(mb.head))
      structure("siblings:" + tok(ma.head).deprel + ":" + tok(mb.head).deprel);
    if (between == 1 && tok(left.last + 1).form == ",") {
      structure(forward ? "comma-ab" : "comma-ba");
      // A dateline: "LYON, France (AP) -": the place, its country, then the agency or a dash.
      const bool starts = left.first == 0;
      const bool agency = right.last + 1 < size() &&
                          (tok(right.last + 1).form == "(" || tok(right.last + 1).form == "--" ||
                           tok(right.last + 1).form == "-" || tok(right.last + 1).form == "_");
      if (starts && agency) structure(forward ? "dateline-ab" : "dateline-ba");
      if (right.last + 1 < size() && tok(right.last + 1).form == ",") structure("comma-closed");
    }
    for (int end : {0, 1}) {
      const Mention& m = end == 0 ? ma : mb;
      if (m.last + 1 < size() && (tok(m.last + 1).form == "'s" || tok(m.last + 1).form == "'"))
        structure(end == 0 ? "a-possessive" : "b-possessive");
      if (m.last + 2 < size() && tok(m.last + 1).form == "-" && lemma(m.last + 2) == "based")
        structure(end == 0 ? "a-based" : "b-based");
    }

    // A person's title that names the other end ("IBM spokesman John Smith").
    const EntityCluster& ca = coref_.clusters[a];
    if (!ca.role.empty() && !ca.role_of.empty() &&
        key_of(ca.role_of) == key_of(coref_.clusters[b].name)) {
      const std::string& role = ca.role;
      const size_t space = role.rfind(' ');
      f.push_back(feat(kRole, types,
                       hash_string(space == std::string::npos ? role : role.substr(space + 1))));
      f.push_back(feat(kRole, types, 0));
    }

    // What the rules already read between the two.
    bool any_fact = false;
    for (size_t k : sentence_facts_) {
      const Fact& fact = facts_[k];
      uint64_t direction = 0;
      if (fact.subject == ca.name && fact.object == coref_.clusters[b].name)
        direction = 1;
      else if (fact.subject == coref_.clusters[b].name && fact.object == ca.name)
        direction = 2;
      if (direction == 0) continue;
      any_fact = true;
      f.push_back(feat(kFact, types, direction, hash_string(fact.relation)));
      f.push_back(feat(kFactPattern, types, direction, hash_string(fact.pattern)));
      const std::string rule = direction == 1
                                   ? rule_class(fact.relation, fact.subject_type, fact.object_type)
                                   : rule_class(fact.relation, fact.object_type, fact.subject_type);
      f.push_back(feat(kRuleClass, types, direction, hash_string(rule)));
    }
    if (!any_fact) f.push_back(feat(kNoFact, types));
  }

  // Returns the path's length in arcs (99 when the two are in different trees).
  int path_features(int ha, int hb, uint64_t types, std::vector<uint64_t>& f,
                    int& ancestor_out) const {
    std::vector<int> up_a, up_b;
    for (int x = ha; x >= 0 && up_a.size() < 64; x = head(x)) up_a.push_back(x);
    for (int x = hb; x >= 0 && up_b.size() < 64; x = head(x)) up_b.push_back(x);
    size_t ia = 0, ib = up_b.size();
    for (; ia < up_a.size(); ++ia) {
      auto it = std::find(up_b.begin(), up_b.end(), up_a[ia]);
      if (it != up_b.end()) {
        ib = static_cast<size_t>(it - up_b.begin());
        break;
      }
    }
    if (ia == up_a.size()) {
      f.push_back(feat(kPathLength, types, 99));
      return 99;
    }
    const int length = static_cast<int>(ia + ib);
    f.push_back(feat(kPathLength, types, std::min(length, kMaxPath + 1)));
    const int ancestor = up_a[ia];
    ancestor_out = ancestor;
    f.push_back(
        feat(kAncestor, types, hash_string(lemma(ancestor)), hash_string(tok(ancestor).upos)));
    if (length > kMaxPath) return length;
    std::string path, words;
    for (size_t k = 0; k < ia; ++k) {
      path += tok(up_a[k]).deprel + "<";
      words += tok(up_a[k]).deprel + "<";
      if (k + 1 < ia || up_a[k + 1] != ha) words += lemma(up_a[k + 1]) + " ";
    }
    path += "^";
    for (size_t k = ib; k-- > 0;) {
      path += ">" + tok(up_b[k]).deprel;
      words += ">" + tok(up_b[k]).deprel;
      if (k > 0) words += " " + lemma(up_b[k]);
    }
    f.push_back(feat(kPath, types, hash_string(path)));
    f.push_back(feat(kPathWords, types, hash_string(words)));
    f.push_back(feat(kPathWords, 0, hash_string(words)));
    return length;
  }

  const Sentence& s_;
  const Coreference& coref_;
  uint32_t si_;
  const std::vector<Fact>& facts_;
  const std::vector<size_t>& sentence_facts_;
  std::vector<std::pair<int, Mention>> mentions_;  // entity, mention; in sentence order
};

bool is_pair_class(std::string_view cls) {
  return std::find(kPairClasses.begin() + 1, kPairClasses.end(), cls) != kPairClasses.end();
}

}  // namespace

RelationModel RelationModel::load(const std::string& path) {
  ModelReader in(path, "relations");
  RelationModel model;
  model.none_bias = in.f32();
  model.margin_scale = in.f32();
  model.weights = FrozenWeights::load(in);
  in.expect_end();
  if (model.weights.num_classes() != static_cast<int>(kPairClasses.size()))
    throw in.error("expected " + std::to_string(kPairClasses.size()) + " classes");
  return model;
}

void RelationModel::save(const std::string& path) const {
  ModelWriter out("relations");
  out.f32(none_bias);
  out.f32(margin_scale);
  weights.save(out);
  out.save(path);
}

std::pair<int, float> RelationModel::classify(const PairCandidate& candidate) const {
  std::array<float, kPairClasses.size()> scores{};
  weights.score(candidate.features, scores.data());
  scores[0] += none_bias;
  int best = 0;
  float second = -std::numeric_limits<float>::infinity();
  for (int k = 1; k < static_cast<int>(scores.size()); ++k) {
    if (scores[k] > scores[best]) {
      second = scores[best];
      best = k;
    } else {
      second = std::max(second, scores[k]);
    }
  }
  if (best != 0) second = std::max(second, scores[0]);
  return {best, scores[best] - second};
}

float RelationModel::confidence(float margin) const {
  const float x = margin_scale > 0 ? margin / margin_scale : 1.0f;
  return 0.5f + 0.4f * std::min(1.0f, std::max(0.0f, x));
}

std::vector<PairCandidate> pair_candidates(const Document& doc, const Coreference& coref,
                                           uint32_t index, const std::vector<Fact>& facts,
                                           const std::vector<size_t>& sentence_facts) {
  return PairFeatures(doc, coref, index, facts, sentence_facts).candidates();
}

namespace {

// What a reader draws from places inside places in one sentence: "Ferraro, of Bethany, Conn."
// lives in Bethany and so in Connecticut; "the Savannah River Plant, in Aiken, S.C." is in South
// Carolina too. X -[lives_in / based_in / located_in]-> B and B -[located_in]-> C give X -> C,
// once (no chains of inferences), at the lower confidence of the two.
void infer_containment(std::vector<Fact>& facts, const std::vector<size_t>& sentence) {
  auto contains = [](const Fact& f) {
    return f.relation_class == "lives_in" || f.relation_class == "based_in" ||
           f.relation_class == "located_in";
  };
  std::vector<Fact> inferred;
  for (size_t i : sentence) {
    const Fact& x = facts[i];
    if (!contains(x) || x.negated) continue;
    for (size_t j : sentence) {
      const Fact& b = facts[j];
      if (b.relation_class != "located_in" || b.negated || b.subject != x.object ||
          b.object == x.subject)
        continue;
      bool known = false;
      for (size_t k : sentence)
        known = known || (facts[k].subject == x.subject && facts[k].object == b.object &&
                          facts[k].relation_class == x.relation_class);
      for (const Fact& f : inferred)
        known = known || (f.subject == x.subject && f.object == b.object);
      if (known) continue;
      Fact f = x;
      f.object = b.object;
      f.object_type = b.object_type;
      f.relation = x.relation_class;
      f.surface.clear();
      f.confidence = std::min(x.confidence, b.confidence);
      f.pattern = "containment";
      inferred.push_back(std::move(f));
    }
  }
  for (auto& f : inferred) facts.push_back(std::move(f));
}

// Verbs that say nothing of their own about how two ends relate: a copula, a saying, a job.
bool is_light_verb(std::string_view verb) {
  static const std::unordered_set<std::string_view> kLightVerbs = {
      "be", "say", "speak", "add", "comment", "write", "serve", "work", "act", "become", "remain"};
  return kLightVerbs.count(verb) > 0;
}

// Whether `relation` (an open label, or a verb's lemma) is the class's own verb ("killing
// Kennedy"), whatever types the recognizer gave the ends.
bool states_class(const std::string& relation, const std::string& cls) {
  static const std::pair<std::string_view, std::pair<const char*, const char*>> kEnds[] = {
      {"works_for", {"Person", "Organization"}},
      {"based_in", {"Organization", "Place"}},
      {"located_in", {"Place", "Place"}},
      {"lives_in", {"Person", "Place"}},
      {"killed", {"Person", "Person"}}};
  for (const auto& [name, ends] : kEnds)
    if (name == cls) return rule_class(relation, ends.first, ends.second) == cls;
  return false;
}

// Whether a rule's fact can carry the classifier's class: a noun phrase's ("Smith, a spokesman
// for IBM", "John Smith of Boston") or a clause's whose verb is light or a saying ("said Kyle
// Cooper, at Citigroup"); a clause with a verb of its own ("faced", "won", "hosted a dinner
// at") states that verb, and the pair gets no class from the classifier.
bool carries_class(const Fact& f, const std::string& cls) {
  static const std::unordered_set<std::string_view> kClausePatterns = {
      "svo",     "iobj",        "passive-agent", "passive-oblique",
      "oblique", "object-nmod", "nominalization"};
  if (!kClausePatterns.count(f.pattern)) return true;
  const std::string_view verb = std::string_view(f.relation).substr(0, f.relation.find('_'));
  if (f.pattern != "nominalization" && is_light_verb(verb)) return true;  // not "her work on"
  return states_class(f.relation, cls);
}

// Whether the two ends of a candidate meet at a verb of its own, as its arguments or theirs
// ("Pachter told the Reuters news agency", "she lost to Dementieva in Filderstadt"): the
// clause states that verb, not a class, as it does for a rule's fact (carries_class).
bool joined_by_own_verb(const Sentence& s, const PairCandidate& c, const std::string& cls) {
  const int a = c.ancestor;
  if (a < 0 || a == c.subject_head || a == c.object_head) return false;
  const Token& t = s.tokens[a];
  if (t.upos != "VERB") return false;
  // One end is the verb's object, or names it ("the Reuters news agency", "the BBC's World
  // Business Report"): the verb is done to that end; an end the verb reaches through a
  // preposition may still be a job or a home.
  const auto is_object = [&](int h) {
    const int n = static_cast<int>(s.tokens.size());
    for (int x = h, steps = 0; x >= 0 && x < n && steps < 4; ++steps) {
      const std::string& rel = s.tokens[x].deprel;
      const int up = s.tokens[x].head - 1;  // heads are 1-based
      if (up == a) return rel == "obj" || rel == "iobj";
      x = up;
      if (rel != "compound" && rel != "flat" && rel != "nmod:poss") return false;
    }
    return false;
  };
  if (!is_object(c.subject_head) && !is_object(c.object_head)) return false;
  const std::string verb = lower_lemma(t);
  return !is_light_verb(verb) && !states_class(verb, cls);
}

void classify_pairs(const RelationModel* model, const PlaceTable* places, const Document& doc,
                    const Coreference& coref, uint32_t index, std::vector<Fact>& facts,
                    const std::vector<size_t>& sentence_facts,
                    const std::function<void(const PairCandidate&)>& on_candidate) {
  // A place in a place only where the table of places allows it (extract/facts/places.h).
  auto possible = [&](const std::string& cls, const std::string& inner, const std::string& outer) {
    return cls != "located_in" || !places || places->may_lie_in(inner, outer);
  };
  for (size_t k : sentence_facts) {
    Fact& f = facts[k];
    f.relation_class = rule_class(f.relation, f.subject_type, f.object_type);
    if (!possible(f.relation_class, f.subject, f.object)) f.relation_class.clear();
  }
  if (!model && !on_candidate) return;
  const std::vector<PairCandidate> candidates =
      pair_candidates(doc, coref, index, facts, sentence_facts);
  if (on_candidate)
    for (const auto& c : candidates) on_candidate(c);
  if (!model) return;
  struct Decision {
    int subject, object, cls;
    float margin;
  };
  std::vector<Decision> decisions;
  for (const auto& c : candidates) {
    auto [cls, margin] = model->classify(c);
    decisions.push_back({c.subject, c.object, cls, margin});
  }
  // One class per pair of entities: of two directions both related, the surer.
  for (auto& d : decisions)
    for (const auto& e : decisions)
      if (d.cls != 0 && e.cls != 0 && d.subject == e.object && d.object == e.subject &&
          (e.margin > d.margin || (e.margin == d.margin && e.subject < d.subject)))
        d.cls = 0;
  const Sentence& s = doc.sentences[index];
  // A killing the classifier reads where no rule did must at least be spoken of: in news, two
  // people named side by side are far more often rivals, team-mates or co-stars.
  bool kill_word = false;
  // A table set as a sentence ("T Bowe (Ulster), K Campbell (Ulster), G Dempsey (Leinster)"):
  // names and commas, and at most a verb per six commas (a team sheet ends "Others to be
  // added"). Its pairs are rows, not relations a sentence states.
  int verbs = 0, commas = 0;
  for (const Token& t : s.tokens) {
    if (rule_class(lower_lemma(t), "Person", "Person") == "killed") kill_word = true;
    verbs += t.upos == "VERB" || t.upos == "AUX";
    commas += t.form == "," || t.form == ";";
  }
  const bool table = commas >= 3 && commas >= 6 * verbs;
  for (size_t k = 0; k < decisions.size(); ++k) {
    const Decision& d = decisions[k];
    const PairCandidate& candidate = candidates[k];
    const EntityCluster& a = coref.clusters[d.subject];
    const EntityCluster& b = coref.clusters[d.object];
    const std::string cls(kPairClasses[d.cls]);
    bool joined = false;
    const Fact* reverse = nullptr;
    for (size_t k : sentence_facts) {
      Fact& f = facts[k];
      if (f.subject == b.name && f.object == a.name) reverse = &f;
      if (f.subject != a.name || f.object != b.name) continue;
      // A verb of its own is the relation: "Jones faced France" is not where he lives, nor is
      // "Powell won the Oscar" a job.
      if (d.cls != 0 && f.relation_class.empty() && !carries_class(f, cls)) {
        joined = true;
        continue;
      }
      // The classifier decides the classes it knows, with these exceptions:
      // - the rules' other classes (born_in, leader_of) stand;
      // - a killing must be spoken of ("Guterres met Lavrov" makes no one a killer);
      // - a pattern that names its class ("Germany's DaimlerChrysler": based_in) keeps it
      //   unless the classifier reads another that fits the ends' types;
      // - where the classifier places an end, the class is the one for the end's type: a person
      //   lives there, an organization is based there, a place lies there ("Wipro, India's
      //   third-biggest software firm" is based_in, not lives_in).
      const bool named = f.relation == f.relation_class;
      const bool decides =
          (f.relation_class.empty() || is_pair_class(f.relation_class)) &&
          (cls != "killed" || kill_word) && possible(cls, f.subject, f.object) &&
          (!named || (!cls.empty() && class_fits(cls, f.subject_type, f.object_type)));
      if (decides) f.relation_class = placed_class(cls, f.subject_type, f.object_type);
      joined = true;
    }
    if (joined || d.cls == 0) continue;
    // A fact of its own only where the classifier is on firm ground: named ends of the types
    // the schema gives the class (not a film or an event, type Other), not a list, and a
    // killing only where a word says so.
    // A place in a place from the classifier alone only when the two are close ("Trenton,
    // N.J.", "Bethany in Connecticut") and no other place between them: far apart, two places
    // in news are mostly two countries of one story.
    // "Rockville, Md." parses as a list of two, but a place the table does not know (a town)
    // before one it knows (a state, a country) is the town and where it lies.
    const bool city_state = candidate.comma_pair && places && places->knows(b.name) &&
                            !places->knows(a.name) && (cls == "located_in" || cls == "lives_in");
    if (a.type == "Other" || b.type == "Other" || (candidate.in_list && !city_state) || table ||
        (cls == "killed" && !kill_word) ||
        (cls == "located_in" && (candidate.gap > 3 || candidate.place_between)) ||
        (cls != "killed" && joined_by_own_verb(s, candidate, cls)) ||
        !possible(cls, a.name, b.name) || !class_fits(cls, a.type, b.type) ||
        (cls != "killed" && candidate.gap > kNearGap && candidate.path_length > kNearPath))
      continue;
    Fact f;
    f.subject = a.name;
    f.subject_type = a.type;
    f.object = b.name;
    f.object_type = b.type;
    f.relation = cls;
    f.relation_class = cls;
    f.sentence = index;
    f.begin = s.begin;
    f.end = s.end;
    f.confidence = model->confidence(d.margin);
    f.pattern = "pair-classifier";
    if (reverse) {  // "IBM hired Smith": what the sentence says of that clause holds here too
      f.negated = reverse->negated;
      f.modality = reverse->modality;
      f.attribution = reverse->attribution;
      f.time = reverse->time;
      f.tense = reverse->tense;
    }
    facts.push_back(std::move(f));
  }
}

}  // namespace

void classify_relations(const RelationModel* model, const PlaceTable* places, const Document& doc,
                        const Coreference& coref, uint32_t index, std::vector<Fact>& facts,
                        const std::vector<size_t>& sentence_facts,
                        const std::function<void(const PairCandidate&)>& on_candidate) {
  const size_t first_new = facts.size();
  classify_pairs(model, places, doc, coref, index, facts, sentence_facts, on_candidate);
  std::vector<size_t> sentence = sentence_facts;
  for (size_t k = first_new; k < facts.size(); ++k) sentence.push_back(k);
  infer_containment(facts, sentence);
}

}  // namespace kg::extract
