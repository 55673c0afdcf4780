// Coreference across the windows of a long document. A document longer than one window
// (ExtractOptions::window_sentences) is read a window at a time so that memory stays bounded;
// each window's entities are resolved alone (resolve_coreference), then joined here with the
// entities of the windows before it by the rules coreference follows within a window: the same
// name or alias (and type), an acronym of a name, and a person's short name ("Blair", "Mr Blair")
// that one full name of the document ends or starts with. Every step looks names up in hash
// tables, so a document of any length takes time linear in its entities.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "extract/facts/coref.h"

namespace kg::extract {

class DocumentEntities {
 public:
  // Joins one window's clusters to the document's entities; returns the entity each became.
  std::vector<int> add_window(const std::vector<EntityCluster>& clusters);
  // Absorbs short person names into the one full name that has them ("Blair" first, "Tony
  // Blair" in a later window) and returns the entities; `final[id]` is where entity `id` went.
  std::vector<EntityCluster> finish(std::vector<int>& final);

 private:
  int find(const EntityCluster& c, const std::string& key, names::Gender gender) const;
  int person_by_part(const std::string& key, names::Gender gender) const;
  void index_key(const std::string& name, int id);
  int add(const EntityCluster& c);
  void join(int id, const EntityCluster& c);

  std::vector<EntityCluster> entities_;
  std::unordered_map<std::string, std::vector<int>> by_key_;       // name or alias key -> ids
  std::unordered_map<std::string, std::vector<int>> by_first_;     // full names' first word
  std::unordered_map<std::string, std::vector<int>> by_last_;      // full names' last word
  std::unordered_map<std::string, std::vector<int>> by_initials_;  // non-person names
};

}  // namespace kg::extract
