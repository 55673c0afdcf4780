#include "extract/facts/coref_windows.h"

#include <algorithm>

#include "extract/facts/name_key.h"

namespace kg::extract {

namespace {

void add_unique(std::vector<int>& ids, int id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

void DocumentEntities::index_key(const std::string& name, int id) {
  add_unique(by_key_[key_of(name)], id);
}

// The entity a window's cluster names: one of its names, then (a person) the one full name it is
// part of, then (an acronym) the name it abbreviates.
int DocumentEntities::find(const EntityCluster& c, const std::string& key,
                           names::Gender gender) const {
  auto same = [&](int id) {
    const EntityCluster& e = entities_[id];
    return e.type == c.type && compatible(e.gender, gender);
  };
  std::vector<std::string> keys{key};
  for (const auto& alias : c.aliases) keys.push_back(key_of(alias));
  for (const auto& k : keys) {
    auto it = by_key_.find(k);
    if (it == by_key_.end()) continue;
    for (int id : it->second)
      if (same(id)) return id;
  }
  if (c.type == "Person") return std::max(-1, person_by_part(key, gender));
  if (is_acronym(c.name)) {
    auto it = by_initials_.find(key);
    if (it != by_initials_.end())
      for (int id : it->second)
        if (entities_[id].type == c.type) return id;
  }
  return -1;
}

// The one full name of a person that ends or starts with the words of `key`; -1 if none, -2 if
// two people share them (no guess).
int DocumentEntities::person_by_part(const std::string& key, names::Gender gender) const {
  std::vector<std::string> parts = words_of(key);
  if (parts.empty()) return -1;
  int found = -1;
  auto consider = [&](const std::unordered_map<std::string, std::vector<int>>& index,
                      const std::string& word, bool suffix) {
    auto it = index.find(word);
    if (it == index.end()) return;
    for (int id : it->second) {
      const EntityCluster& e = entities_[id];
      if (!compatible(e.gender, gender)) continue;
      std::vector<std::string> full = words_of(key_of(e.name));
      if (full.size() <= parts.size()) continue;
      bool match = suffix ? std::equal(parts.rbegin(), parts.rend(), full.rbegin())
                          : std::equal(parts.begin(), parts.end(), full.begin());
      if (!match || found == -2 || found == id) continue;
      found = found >= 0 ? -2 : id;
    }
  };
  consider(by_last_, parts.back(), true);
  consider(by_first_, parts.front(), false);
  return found;
}

int DocumentEntities::add(const EntityCluster& c) {
  int id = static_cast<int>(entities_.size());
  entities_.push_back(c);
  index_key(c.name, id);
  for (const auto& alias : c.aliases) index_key(alias, id);
  if (c.type == "Person") {
    std::vector<std::string> words = words_of(key_of(c.name));
    if (words.size() >= 2) {
      by_first_[words.front()].push_back(id);
      by_last_[words.back()].push_back(id);
    }
  } else {
    std::string letters = initials(c.name);
    if (letters.size() >= 2) add_unique(by_initials_[letters], id);
  }
  return id;
}

void DocumentEntities::join(int id, const EntityCluster& c) {
  EntityCluster& e = entities_[id];
  add_name(e, c.name);
  for (const auto& alias : c.aliases) add_name(e, alias);
  index_key(c.name, id);
  for (const auto& alias : c.aliases) index_key(alias, id);
  e.mentions += c.mentions;
  if (e.gender == names::Gender::unknown) e.gender = c.gender;
  if (e.role.empty() && !c.role.empty()) {
    e.role = c.role;
    e.role_of = c.role_of;
  }
}

std::vector<int> DocumentEntities::add_window(const std::vector<EntityCluster>& clusters) {
  std::vector<int> ids;
  ids.reserve(clusters.size());
  for (const EntityCluster& c : clusters) {
    int id = find(c, key_of(c.name), c.gender);
    if (id >= 0)
      join(id, c);
    else
      id = add(c);
    ids.push_back(id);
  }
  return ids;
}

std::vector<EntityCluster> DocumentEntities::finish(std::vector<int>& final) {
  final.resize(entities_.size());
  for (size_t id = 0; id < entities_.size(); ++id) {
    final[id] = static_cast<int>(id);
    const EntityCluster& e = entities_[id];
    if (e.type != "Person" || words_of(key_of(e.name)).size() != 1) continue;
    int full = person_by_part(key_of(e.name), e.gender);
    if (full >= 0) final[id] = full;
  }
  for (size_t id = 0; id < entities_.size(); ++id) {
    if (final[id] == static_cast<int>(id)) continue;
    EntityCluster absorbed = std::move(entities_[id]);
    entities_[id].name = absorbed.name;
    entities_[id].type = absorbed.type;
    entities_[id].mentions = 0;
    join(final[id], absorbed);
  }
  return std::move(entities_);
}

}  // namespace kg::extract
