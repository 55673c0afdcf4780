#include <algorithm>
#include <unordered_map>

#include "extract/facts/clauses.h"
#include "extract/facts/facts.h"

namespace kg::extract {
namespace {

constexpr float kNominalConfidence = 0.7f;

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Lowercase snake_case of letters and digits: "Foreign Minister" -> "foreign_minister".
std::string snake(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// Nouns that stand for the place named in their "of" phrase: "the city of Mariupol".
bool is_place_noun(const std::string& lemma) {
  return one_of(lemma, {"city", "capital", "town", "country", "region", "province", "village",
                        "port", "republic", "state", "nation"});
}

// Verbs that lend their object noun the event ("hold talks", "sign an agreement"): they add
// little meaning of their own, so the noun's party is theirs too.
bool is_support_verb(std::string_view lemma) {
  return one_of(lemma, {"have", "hold", "conduct", "conclude", "begin", "start", "open", "resume",
                        "continue", "end", "reach", "sign", "make", "launch", "pursue", "seek"});
}

// Verbs whose nominalization takes the other party directly: "meeting with X" -> meet X.
bool takes_party_directly(std::string_view verb) {
  return one_of(verb, {"meet", "visit", "interview", "call", "phone", "contact", "invade", "attack",
                       "bomb", "support"});
}

class SentenceFacts {
 public:
  SentenceFacts(const Nominalizations& nominal, const Document& doc, Coreference& coref,
                uint32_t index, const ExtractOptions& options, std::vector<Fact>& out)
      : nominal_(nominal),
        coref_(coref),
        si_(index),
        s_(doc.sentences[index]),
        options_(options),
        out_(out),
        children_(s_.tokens.size()) {
    for (int i = 0; i < size(); ++i) {
      int h = s_.tokens[i].head - 1;
      if (h >= 0 && h < size() && h != i) children_[h].push_back(i);
    }
  }

  void run() {
    std::vector<ClauseTriple> triples = extract_clauses(s_);
    for (const ClauseTriple& t : triples) {
      if (t.predicate >= 0 && t.subject.head >= 0 && !subject_of_.count(t.predicate))
        subject_of_[t.predicate] = t.subject.head;
      clause_fact(t);
    }
    appositions();
    nominalizations();
    noun_modifiers();
    place_modifiers();
  }

 private:
  int size() const { return static_cast<int>(s_.tokens.size()); }
  const Token& tok(int i) const { return s_.tokens[i]; }

  std::string case_of(int i) const {
    for (int c : children_[i])
      if (tok(c).deprel == "case" && tok(c).upos != "PART") return lower_lemma(tok(c));
    return "";
  }

  // The entity a phrase headed by token i refers to, or -1.
  int entity_of(int i, int depth = 0) const {
    if (i < 0 || i >= size() || depth > 3) return -1;
    int id = coref_.token_entity[si_][i];
    if (id >= 0) {
      // "UN Secretary-General Antonio Guterres" headed by "UN", the name hanging from it as
      // flat or appos: the phrase names the person, not the organization.
      if (coref_.clusters[id].type == "Person") return id;
      for (int c : children_[i]) {
        const std::string& r = tok(c).deprel;
        if (r != "flat" && r != "appos") continue;
        const int person = coref_.token_entity[si_][c];
        if (person >= 0 && person != id && coref_.clusters[person].type == "Person") return person;
      }
      return id;
    }
    const std::string lemma = lower_lemma(tok(i));
    // "UN humanitarian chief Martin Griffiths", "the Russian capital, Moscow": the name beside
    // a title or description stands for it; a person's name before an organization's.
    int found = -1;
    for (int c : children_[i]) {
      const std::string& r = tok(c).deprel;
      if (r != "appos" && r != "flat" && r != "compound" && r != "nmod:desc") continue;
      int id = coref_.token_entity[si_][c];
      if (id < 0 && r == "appos") id = entity_of(c, depth + 1);
      if (id < 0) continue;
      if (coref_.clusters[id].type == "Person") return id;
      if (r == "appos" && found < 0) found = id;
    }
    if (found >= 0) return found;
    for (int c : children_[i])
      if (is_place_noun(lemma) && tok(c).deprel == "nmod" && case_of(c) == "of")
        return entity_of(c, depth + 1);
    if (is_bare_title(i)) {
      // "Undersecretary of State Martin Griffiths" parsed with the name under "of": a title
      // written as one, with no article, names the person that follows it.
      for (int c : children_[i]) {
        if (tok(c).deprel != "nmod" || case_of(c) != "of") continue;
        int id = coref_.token_entity[si_][c];
        if (id >= 0 && coref_.clusters[id].type == "Person") return id;
      }
    }
    return -1;
  }

  // A capitalized common noun with no article or possessor: "Undersecretary", not "the wife".
  bool is_bare_title(int i) const {
    const std::string& form = tok(i).form;
    if (tok(i).upos != "NOUN" || form.empty() || form[0] < 'A' || form[0] > 'Z') return false;
    for (int c : children_[i])
      if (tok(c).deprel == "det" || tok(c).deprel == "nmod:poss") return false;
    return true;
  }

  // A word the tokenizer split at hyphens, as one: "Secretary - General" -> "Secretary-General".
  std::string hyphen_word(int i) const {
    int first = i, last = i;
    while (first >= 2 && tok(first - 1).form == "-" && !tok(first - 2).space_after &&
           !tok(first - 1).space_after)
      first -= 2;
    while (last + 2 < size() && tok(last + 1).form == "-" && !tok(last).space_after &&
           !tok(last + 1).space_after)
      last += 2;
    return span_text(s_, first, last);
  }

  std::string name_of(int id) const { return coref_.clusters[id].name; }
  std::string type_of(int id) const { return coref_.clusters[id].type; }

  Fact base_fact() const {
    Fact f;
    f.sentence = si_;
    f.begin = s_.begin;
    f.end = s_.end;
    return f;
  }

  void add(int subject, int object, std::string relation, std::string surface, float confidence,
           std::string pattern, const ClauseTriple* clause = nullptr) {
    if (subject == object || relation.empty()) return;
    Fact f = base_fact();
    f.subject = name_of(subject);
    f.subject_type = type_of(subject);
    f.object = name_of(object);
    f.object_type = type_of(object);
    f.relation = std::move(relation);
    f.surface = std::move(surface);
    f.confidence = confidence;
    f.pattern = std::move(pattern);
    if (clause) qualify(f, *clause);
    out_.push_back(std::move(f));
  }

  void qualify(Fact& f, const ClauseTriple& t) const {
    f.negated = t.negated;
    f.modality = t.modality;
    f.time = t.time;
    f.tense = t.tense;
    if (t.attribution >= 0) {
      int who = entity_of(t.attribution);
      if (who >= 0) {
        f.attribution = name_of(who);
      } else {
        ArgumentSpan span = argument_span(s_, t.attribution);
        f.attribution = span_text(s_, span.first, span.last);
      }
    }
  }

  void clause_fact(const ClauseTriple& t) {
    int subject = entity_of(t.subject.head);
    int object = t.object.head >= 0 ? entity_of(t.object.head) : -1;
    std::string relation = snake(t.relation);
    if (subject >= 0 && object >= 0) {
      add(subject, object, relation, t.surface, t.confidence, t.pattern, &t);
      return;
    }
    if (!options_.all || t.object.head < 0) return;
    // Every clause triple: noun phrases that are no entity become Concept nodes.
    Fact f = base_fact();
    auto end_of = [&](int id, const ArgumentSpan& span, std::string& name, std::string& type) {
      if (id >= 0) {
        name = name_of(id);
        type = type_of(id);
      } else {
        name = span_text(s_, span.first, span.last);
        type = "Concept";
      }
    };
    end_of(subject, t.subject, f.subject, f.subject_type);
    end_of(object, t.object, f.object, f.object_type);
    f.relation = relation;
    f.surface = t.surface;
    f.confidence = t.confidence * 0.9f;
    f.pattern = t.pattern;
    qualify(f, t);
    if (!f.subject.empty() && !f.object.empty()) out_.push_back(std::move(f));
  }

  // The entity a common noun is "of": a demonym or name modifying it ("the Russian capital",
  // "Ukraine's capital", "the capital of Russia").
  int owner_of(int noun) const {
    for (int c : children_[noun]) {
      const std::string& r = tok(c).deprel;
      // "a spokesman for IBM", "an analyst at Merrill Lynch": a post's organization.
      if (r == "amod" || r == "compound" || r == "nmod:poss" ||
          (r == "nmod" && one_of(case_of(c), {"of", "for", "at"}))) {
        int id = coref_.token_entity[si_][c];
        if (id >= 0) return id;
      }
    }
    return -1;
  }

  // "the Russian capital, Moscow" -> Moscow capital_of Russia.
  void appositions() {
    for (int i = 0; i < size(); ++i) {
      if (tok(i).deprel != "appos") continue;
      int h = tok(i).head - 1;
      if (h < 0) continue;
      for (auto [named, noun] : {std::pair{i, h}, std::pair{h, i}}) {
        int entity = coref_.token_entity[si_][named];
        if (entity < 0 || tok(noun).upos != "NOUN" || coref_.token_entity[si_][noun] >= 0) continue;
        int owner = owner_of(noun);
        if (owner < 0) continue;
        std::string word = hyphen_word(noun);
        add(entity, owner, snake(word) + "_of", word, kNominalConfidence, "apposition");
      }
    }
  }

  // "the Globe Theatre in south London", "John Smith of Boston": a name's prepositional
  // modifier naming another entity. The open label is the preposition; the class (based_in,
  // lives_in ...) is the schema's to give (relation_pairs.h).
  void noun_modifiers() {
    for (int i = 0; i < size(); ++i) {
      if (tok(i).deprel != "nmod") continue;
      const int h = tok(i).head - 1;
      if (h < 0 || h >= size()) continue;
      const std::string marker = case_of(i);
      if (!one_of(marker, {"in", "at", "of", "from", "near"})) continue;
      const int owner = entity_of(h);
      const int other = coref_.token_entity[si_][i];
      if (owner < 0 || other < 0 || owner == other) continue;
      // "the city of Mariupol" is the city itself, and a place noun's "of" its owner.
      if (is_place_noun(lower_lemma(tok(h)))) continue;
      add(owner, other, marker, marker, kNominalConfidence * 0.9f, "noun-modifier");
    }
  }

  // "the U.S. Congress", "Algeria's Ettahadi party", "Sun Hung Kai Properties, a Hong Kong
  // construction firm": a place that modifies an organization's name, or the noun in apposition
  // to it, is where the organization is based.
  void place_modifiers() {
    std::vector<std::pair<int, int>> done;
    auto place_child = [&](int noun, int org) {
      for (int c : children_[noun]) {
        if (!one_of(tok(c).deprel, {"compound", "amod", "nmod:poss"})) continue;
        int place = coref_.token_entity[si_][c];
        if (place < 0 || place == org || coref_.clusters[place].type != "Place") continue;
        if (std::find(done.begin(), done.end(), std::pair{org, place}) != done.end()) continue;
        done.emplace_back(org, place);
        add(org, place, "based_in", tok(c).form, kNominalConfidence * 0.9f, "place-modifier");
      }
    };
    for (int i = 0; i < size(); ++i) {
      int org = coref_.token_entity[si_][i];
      if (org < 0 || coref_.clusters[org].type != "Organization") continue;
      place_child(i, org);
      for (int c : children_[i])
        if (tok(c).deprel == "appos" && tok(c).upos == "NOUN" && coref_.token_entity[si_][c] < 0)
          place_child(c, org);
    }
  }

  // "made the plea at a meeting with Lavrov" -> meet; "Russia's invasion of Ukraine" -> invade.
  void nominalizations() {
    for (int n = 0; n < size(); ++n) {
      if (tok(n).upos != "NOUN" || is_place_noun(lower_lemma(tok(n)))) continue;
      std::string_view verb = nominal_.verb_of(lower_lemma(tok(n)));
      if (verb.empty()) continue;
      int agent = -1;
      for (int c : children_[n])
        if (tok(c).deprel == "nmod:poss") agent = entity_of(c);
      int governor = tok(n).head - 1;
      if (agent < 0 && governor >= 0 && one_of(tok(n).deprel, {"obj", "obl", "nsubj"})) {
        auto it = subject_of_.find(governor);
        if (it != subject_of_.end() && tok(n).deprel != "nsubj") agent = entity_of(it->second);
      }
      if (agent < 0) continue;
      // "concluded talks with X": the parser may hang "with X" on the verb instead of the noun
      // (both readings are common), so a support verb's party obliques count for its object.
      std::vector<int> parties = children_[n];
      if (tok(n).deprel == "obj" && governor >= 0 && is_support_verb(lower_lemma(tok(governor))))
        for (int c : children_[governor])
          if (tok(c).deprel == "obl" && one_of(case_of(c), {"with", "between", "against"}))
            parties.push_back(c);
      for (int c : parties) {
        if (!one_of(tok(c).deprel, {"nmod", "obl"})) continue;
        std::string marker = case_of(c);
        if (!one_of(marker, {"with", "between", "of", "against", "on", "to", "in"})) continue;
        int other = entity_of(c);
        if (other < 0) continue;
        std::string relation(verb);
        bool direct = marker == "of" ||
                      ((marker == "with" || marker == "between") && takes_party_directly(verb));
        if (!direct) relation += "_" + marker;
        add(agent, other, snake(relation), tok(n).form + " " + marker, kNominalConfidence,
            "nominalization");
      }
    }
  }

  const Nominalizations& nominal_;
  Coreference& coref_;
  uint32_t si_;
  const Sentence& s_;
  const ExtractOptions& options_;
  std::vector<Fact>& out_;
  std::vector<std::vector<int>> children_;
  std::unordered_map<int, int> subject_of_;
};

}  // namespace

void sentence_facts(const Nominalizations& nominal, const Document& doc, Coreference& coref,
                    uint32_t index, const ExtractOptions& options, std::vector<Fact>& out) {
  SentenceFacts(nominal, doc, coref, index, options, out).run();
}

namespace {

// A fact between two entities of a document read from a name alone (a title, a name's first
// words), for the whole of sentence `index`.
Fact name_fact(const Coreference& coref, int subject, int object, const Document& doc,
               uint32_t index) {
  const Sentence& s = doc.sentences[index];
  Fact f;
  f.subject = coref.clusters[subject].name;
  f.subject_type = coref.clusters[subject].type;
  f.object = coref.clusters[object].name;
  f.object_type = coref.clusters[object].type;
  f.sentence = index;
  f.begin = s.begin;
  f.end = s.end;
  return f;
}

}  // namespace

void role_facts(const std::vector<Entity>& entities, const Document& doc, Coreference& coref,
                std::vector<Fact>& out) {
  std::vector<bool> done(coref.clusters.size(), false);
  for (const Entity& e : entities) {
    if (e.role.empty() || e.role_of.empty() || e.sentence >= doc.sentences.size()) continue;
    int person = coref.token_entity[e.sentence][e.last];
    if (person < 0 || done[person]) continue;
    done[person] = true;
    std::string owner_name =
        coref.clusters[person].role_of.empty() ? e.role_of : coref.clusters[person].role_of;
    int owner = coref.place(owner_name);
    if (owner == person) continue;
    Fact f = name_fact(coref, person, owner, doc, e.sentence);
    f.relation = snake(e.role) + "_of";
    f.surface = e.role;
    f.confidence = kNominalConfidence;
    f.pattern = "title";
    out.push_back(std::move(f));
  }
}

void name_place_facts(const std::vector<Entity>& entities, const Document& doc, Coreference& coref,
                      const CorefLexicons& lexicons, const PlaceTable& places,
                      std::vector<Fact>& out) {
  // The country the first words of a name stand for: a demonym ("Russian"), a short form
  // ("U.S."), or a country's name ("Japan"); "" when none. Not a state: the table's states
  // are every country's subdivisions, and their names are often a person's ("Nelson") or
  // two letters ("AL").
  auto place_of = [&](const std::string& words) -> std::string {
    std::string place = lexicons.roles.place_of_demonym(words);
    if (place.empty()) place = words;
    place = lexicons.aliases.canonical(lexicons.roles.canonical_name(place));
    return places.is_country(place) ? place : "";
  };
  std::vector<std::pair<int, int>> done;
  for (const Entity& e : entities) {
    if (e.type != "ORG" || e.sentence >= doc.sentences.size() || e.last <= e.first) continue;
    // "American University of Beirut": a place the name gives later is the nearer one.
    if (e.text.find(" of ") != std::string::npos) continue;
    const auto& tokens = doc.sentences[e.sentence].tokens;
    if (e.last >= tokens.size()) continue;
    const int org = coref.token_entity[e.sentence][e.last];
    if (org < 0 || coref.clusters[org].type != "Organization") continue;
    // Two words first ("New Zealand"), then one; the name keeps a word of its own after them.
    std::string place, written;
    for (uint32_t n = 2; n >= 1 && place.empty(); --n) {
      if (e.first + n > e.last) continue;
      written = tokens[e.first].form;
      for (uint32_t k = 1; k < n; ++k) written += " " + tokens[e.first + k].form;
      place = place_of(written);
    }
    if (place.empty()) continue;
    const int where = coref.place(place);
    // The country as the text wrote it ("U.S.") is one of its names, unless a demonym.
    if (lexicons.roles.place_of_demonym(written).empty()) add_name(coref.clusters[where], written);
    if (where == org || std::find(done.begin(), done.end(), std::pair{org, where}) != done.end())
      continue;
    done.emplace_back(org, where);
    Fact f = name_fact(coref, org, where, doc, e.sentence);
    // "The Russian Defence Ministry": read from the parse already. Matched by the sentence's
    // bytes, since facts of earlier windows carry document-wide sentence numbers.
    const bool known = std::any_of(out.begin(), out.end(), [&](const Fact& g) {
      return g.begin == f.begin && g.subject == f.subject && g.object == f.object;
    });
    if (known) continue;
    f.relation = "based_in";
    f.surface = tokens[e.first].form;
    f.confidence = kNominalConfidence * 0.9f;
    f.pattern = "name-place";
    out.push_back(std::move(f));
  }
}

}  // namespace kg::extract
