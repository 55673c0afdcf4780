#include "extract/facts/coref.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "base/ascii.h"
#include "base/split.h"
#include "extract/facts/name_key.h"

namespace kg::extract {

namespace {

bool is_male_or_female_pronoun(const std::string& lemma) {
  return lemma == "he" || lemma == "him" || lemma == "his" || lemma == "she" || lemma == "her" ||
         lemma == "hers" || lemma == "himself" || lemma == "herself";
}

// The entity right before `e` when `e` stands alone in brackets after it, in the same sentence
// and of the same type: "the Associated Press (AP)", "Medecins Sans Frontieres (MSF)".
const Entity* defined_by_brackets(const Document& doc, const std::vector<Entity>& entities,
                                  const Entity& e) {
  const auto& tokens = doc.sentences[e.sentence].tokens;
  if (e.first < 2 || e.last + 1 >= tokens.size()) return nullptr;
  if (tokens[e.first - 1].form != "(" || tokens[e.last + 1].form != ")") return nullptr;
  for (const Entity& before : entities)
    if (before.sentence == e.sentence && before.last + 2 == e.first && before.type == e.type)
      return &before;
  return nullptr;
}

names::Gender pronoun_gender(const std::string& lower) {
  if (lower == "she" || lower == "her" || lower == "hers" || lower == "herself")
    return names::Gender::female;
  return names::Gender::male;
}

struct Builder {
  const Document& doc;
  const ner::RoleLexicon& lexicon;
  const AliasTable& aliases;
  const names::FirstNames& first_names;
  Coreference result;
  std::unordered_map<std::string, int> by_key;  // normalized name or alias -> cluster
  // Where each cluster was last mentioned, for recency.
  std::vector<std::pair<int, int>> last_seen;

  int add_cluster(const std::string& name, const std::string& type) {
    result.clusters.push_back({name, type, {}, "", "", 0, names::Gender::unknown});
    last_seen.emplace_back(-1, -1);
    int id = static_cast<int>(result.clusters.size()) - 1;
    by_key.emplace(key_of(name), id);
    return id;
  }

  void add_alias(int id, const std::string& name) {
    by_key.emplace(key_of(name), id);
    add_name(result.clusters[id], name);
  }

  // A person's short name joins the one full name in the document that ends or starts with it.
  // A gender-marked name only joins a person who may have that gender.
  int person_by_part(const std::string& key, names::Gender gender) {
    std::vector<std::string> parts = words_of(key);
    int found = -1;
    for (int id = 0; id < static_cast<int>(result.clusters.size()); ++id) {
      const EntityCluster& c = result.clusters[id];
      if (c.type != "Person" || !compatible(c.gender, gender)) continue;
      std::vector<std::string> full = words_of(key_of(c.name));
      if (full.size() <= parts.size()) continue;
      bool suffix = std::equal(parts.rbegin(), parts.rend(), full.rbegin());
      bool prefix = std::equal(parts.begin(), parts.end(), full.begin());
      if (!suffix && !prefix) continue;
      if (found >= 0 && found != id) return -2;  // two people share it: do not guess
      found = id;
    }
    return found;
  }

  int cluster_for(const Entity& e) {
    std::string type = graph_type(e.type);
    // An award or an event the recognizer read as an organization or a place ("the Oscars",
    // "the Brit Awards", "the Six Nations Championship"): nobody works for it, nor is it based.
    if ((type == "Organization" || type == "Place") && lexicon.names_event(e.text)) type = "Other";
    std::string name = aliases.canonical(e.text);
    if (type != "Person") {
      // WordNet's first name for the synset, when it is a name ("UN" -> "United Nations"), not
      // a common noun ("General Assembly" -> "legislature").
      std::string wordnet = lexicon.canonical_name(name);
      if (!wordnet.empty() && wordnet[0] >= 'A' && wordnet[0] <= 'Z')
        name = aliases.canonical(wordnet);
    }
    std::string key = key_of(name);
    names::Gender gender =
        type == "Person" ? person_gender(name, e.honorific, first_names) : names::Gender::unknown;
    auto it = by_key.find(key);
    if (it != by_key.end() && compatible(result.clusters[it->second].gender, gender)) {
      add_alias(it->second, name);
      add_alias(it->second, e.text);
      return join(it->second, e, gender);
    }
    if (type == "Person") {
      int id = person_by_part(key, gender);
      if (id >= 0) {
        add_alias(id, e.text);
        return join(id, e, gender);
      }
    }
    if (is_acronym(e.text)) {
      for (int id = 0; id < static_cast<int>(result.clusters.size()); ++id) {
        if (initials(result.clusters[id].name) == key_of(e.text) &&
            result.clusters[id].type != "Person") {
          add_alias(id, e.text);
          return id;
        }
      }
    }
    int id = add_cluster(name, type);
    if (name != e.text) add_alias(id, e.text);
    return join(id, e, gender);
  }

  // The mention's gender and honorific form ("Mr Blair", an alias) go to its cluster.
  int join(int id, const Entity& e, names::Gender gender) {
    EntityCluster& c = result.clusters[id];
    if (c.gender == names::Gender::unknown) c.gender = gender;
    if (!e.honorific.empty()) {
      std::string written = e.honorific + " " + e.text;
      if (std::find(c.aliases.begin(), c.aliases.end(), written) == c.aliases.end())
        c.aliases.push_back(written);
    }
    return id;
  }

  int token_entity_at(const Entity& e) const { return result.token_entity[e.sentence][e.last]; }

  void mark(int sentence, int first, int last, int id) {
    auto& row = result.token_entity[sentence];
    for (int i = first; i <= last && i < static_cast<int>(row.size()); ++i) row[i] = id;
    last_seen[id] = {sentence, last};
  }

  // Later full names absorb earlier short ones: "Guterres ... Antonio Guterres".
  void merge_short_names() {
    std::vector<int> target(result.clusters.size());
    for (size_t id = 0; id < target.size(); ++id) target[id] = static_cast<int>(id);
    for (size_t id = 0; id < result.clusters.size(); ++id) {
      const EntityCluster& c = result.clusters[id];
      if (c.type != "Person" || words_of(key_of(c.name)).size() != 1) continue;
      int full = person_by_part(key_of(c.name), c.gender);
      if (full >= 0 && full != static_cast<int>(id)) target[id] = full;
    }
    for (size_t id = 0; id < target.size(); ++id) {
      if (target[id] == static_cast<int>(id)) continue;
      add_alias(target[id], result.clusters[id].name);
      result.clusters[target[id]].mentions += result.clusters[id].mentions;
      result.clusters[id].mentions = 0;
    }
    for (auto& row : result.token_entity)
      for (int& id : row)
        if (id >= 0) id = target[id];
  }
};

}  // namespace

void AliasTable::load(const std::string& path) {
  base::for_each_data_line(path, "alias file", [&](const std::string& line, int number) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 >= line.size())
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": expected \"name<TAB>canonical name\"");
    canonical_[key_of(line.substr(0, tab))] = line.substr(tab + 1);
  });
}

std::string AliasTable::canonical(const std::string& name) const {
  auto it = canonical_.find(key_of(name));
  return it == canonical_.end() ? name : it->second;
}

NameTables NameTables::load(const std::string& model_dir,
                            const std::vector<std::string>& alias_files) {
  NameTables tables;
  std::string builtin = model_dir + "/aliases.tsv";
  if (std::filesystem::exists(builtin)) tables.aliases.load(builtin);
  for (const auto& file : alias_files) tables.aliases.load(file);
  std::string first_names = model_dir + "/first-names.tsv";
  if (std::filesystem::exists(first_names)) tables.first_names.load(first_names);
  std::string places = model_dir + "/places.tsv";
  if (std::filesystem::exists(places)) tables.places.load(places);
  return tables;
}

bool AliasTable::has(const std::string& name) const {
  return canonical_.count(key_of(name)) > 0;
}

std::string graph_type(const std::string& ner_type) {
  if (ner_type == "PER") return "Person";
  if (ner_type == "LOC") return "Place";
  if (ner_type == "ORG") return "Organization";
  return "Other";
}

void add_name(EntityCluster& c, const std::string& name) {
  if (key_of(name) == key_of(c.name)) {
    // "KYIV, Ukraine (AP)" then "Kyiv": the name takes the ordinary spelling.
    if (is_all_caps(c.name) && !is_all_caps(name)) c.name = name;
    return;
  }
  if (std::find(c.aliases.begin(), c.aliases.end(), name) == c.aliases.end())
    c.aliases.push_back(name);
}

int Coreference::place(const std::string& name) {
  std::string key = key_of(name);
  for (size_t id = 0; id < clusters.size(); ++id)
    if (key_of(clusters[id].name) == key) return static_cast<int>(id);
  for (size_t id = 0; id < clusters.size(); ++id)
    for (const auto& alias : clusters[id].aliases)
      if (key_of(alias) == key) return static_cast<int>(id);
  clusters.push_back({name, "Place", {}, "", "", 0});
  return static_cast<int>(clusters.size()) - 1;
}

names::Gender person_gender(const std::string& name, const std::string& honorific,
                            const names::FirstNames& first_names) {
  if (!honorific.empty()) {
    if (auto gender = names::honorific_gender(honorific)) return *gender;
  }
  size_t space = name.find(' ');
  if (space == std::string::npos) return names::Gender::unknown;
  return first_names.gender(std::string_view(name).substr(0, space));
}

Coreference resolve_coreference(const Document& doc, const std::vector<Entity>& entities,
                                const CorefLexicons& lexicons) {
  const ner::RoleLexicon& lexicon = lexicons.roles;
  const AliasTable& aliases = lexicons.aliases;
  Builder b{doc, lexicon, aliases, lexicons.first_names, {}, {}, {}};
  for (const auto& s : doc.sentences) b.result.token_entity.emplace_back(s.tokens.size(), -1);

  // Names. Demonyms (MISC "Russian") stand for their place.
  for (const Entity& e : entities) {
    if (e.sentence >= doc.sentences.size()) continue;
    int id;
    std::string place = e.type == "MISC" ? lexicon.place_of_demonym(e.text) : "";
    if (!place.empty()) {
      id = b.cluster_for(
          Entity{e.sentence, e.first, e.last, "LOC", aliases.canonical(place), 0, 0, "", "", ""});
    } else if (const Entity* defined = defined_by_brackets(doc, entities, e)) {
      // "the Associated Press (AP)": the bracketed name is another name for the one before.
      id = b.token_entity_at(*defined);
      if (id < 0) id = b.cluster_for(e);
      b.add_alias(id, e.text);
      ++b.result.clusters[id].mentions;
    } else {
      id = b.cluster_for(e);
      ++b.result.clusters[id].mentions;
    }
    EntityCluster& c = b.result.clusters[id];
    if (c.role.empty() && !e.role.empty()) {
      c.role = e.role;
      c.role_of = e.role_of.empty() ? "" : aliases.canonical(lexicon.canonical_name(e.role_of));
    }
    b.mark(static_cast<int>(e.sentence), static_cast<int>(e.first), static_cast<int>(e.last), id);
    // The words of a title in front of a name stand for the person: "President" in "Russian
    // President Vladimir Putin" (the parser may make the title the head).
    if (!e.role.empty()) {
      std::string role = " " + base::ascii_lower(e.role) + " ";
      for (char& c : role)
        if (c == '-') c = ' ';
      auto& row = b.result.token_entity[e.sentence];
      const auto& tokens = doc.sentences[e.sentence].tokens;
      for (int k = static_cast<int>(e.first) - 1; k >= 0 && row[k] < 0; --k) {
        std::string word = base::ascii_lower(tokens[k].form);
        if (word != "-" && role.find(" " + word + " ") == std::string::npos) break;
        row[k] = id;
      }
    }
  }
  b.merge_short_names();

  // Pronouns and descriptions, in reading order, to the most recent compatible entity.
  std::vector<std::pair<int, int>> seen(b.result.clusters.size(), {-1, -1});
  auto recent = [&](auto accept) {
    int best = -1;
    for (size_t id = 0; id < seen.size(); ++id)
      if (seen[id].first >= 0 && accept(b.result.clusters[id]) &&
          (best < 0 || seen[id] > seen[best]))
        best = static_cast<int>(id);
    return best;
  };
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    auto& row = b.result.token_entity[si];
    // Subjects of the previous sentence were seen "later" than its other mentions.
    for (size_t ti = 0; ti < s.tokens.size(); ++ti) {
      const Token& t = s.tokens[ti];
      std::string lemma = base::ascii_lower(t.lemma.empty() ? t.form : t.lemma);
      if (row[ti] < 0 && t.upos == "PRON" && is_male_or_female_pronoun(base::ascii_lower(t.form))) {
        names::Gender gender = pronoun_gender(base::ascii_lower(t.form));
        row[ti] = recent([&](const EntityCluster& c) {
          return c.type == "Person" && compatible(c.gender, gender);
        });
      } else if (row[ti] < 0 && t.upos == "PRON" && base::ascii_lower(t.form) == "its") {
        row[ti] = recent([](const EntityCluster& c) { return c.type == "Organization"; });
      } else if (row[ti] < 0 && t.upos == "NOUN" && lexicon.is_role(lemma)) {
        // "the UN chief", "the Russian foreign minister": a person with that role or of that
        // place or organization.
        bool definite = false;
        std::vector<int> modifiers;
        for (size_t k = 0; k < s.tokens.size(); ++k) {
          if (s.tokens[k].head != static_cast<int>(ti) + 1) continue;
          if (base::ascii_lower(s.tokens[k].form) == "the") definite = true;
          if (row[k] >= 0) modifiers.push_back(row[k]);
        }
        if (definite) {
          row[ti] = recent([&](const EntityCluster& c) {
            if (c.type != "Person" || c.role.empty()) return false;
            for (int m : modifiers)
              if (key_of(b.result.clusters[m].name) == key_of(c.role_of)) return true;
            return modifiers.empty() && c.role.find(lemma) != std::string::npos;
          });
        }
      }
      if (row[ti] >= 0) {
        bool subject = t.deprel.rfind("nsubj", 0) == 0;
        // Subjects stay salient a little longer than other mentions.
        seen[row[ti]] = {static_cast<int>(si) + (subject ? 1 : 0), static_cast<int>(ti)};
      }
    }
  }
  return b.result;
}

}  // namespace kg::extract
