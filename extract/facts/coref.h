// Coreference within one document: names, short names, acronyms, pronouns and descriptions
// ("the UN chief") grouped into entities.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/entities/ner.h"
#include "extract/entities/ner_roles.h"

namespace kg::extract {

// Other names for entities, from a TSV file of "name<TAB>canonical name" lines:
// spellings ("Kiev" -> "Kyiv") that no rule can know.
class AliasTable {
 public:
  // Reads the file; throws std::runtime_error "path:line: what" on a malformed line.
  void load(const std::string& path);
  // The canonical name for `name`, or `name` itself.
  std::string canonical(const std::string& name) const;
  size_t size() const { return canonical_.size(); }

 private:
  std::unordered_map<std::string, std::string> canonical_;  // normalized name -> canonical
};

// One entity of a document: all its mentions resolved to one name.
struct EntityCluster {
  std::string name;                  // canonical: the fullest name used
  std::string type;                  // Person, Place, Organization or Other
  std::vector<std::string> aliases;  // the other names the document uses
  std::string role, role_of;         // "foreign minister", "Russia" (persons)
  uint32_t mentions = 0;
};

// The entities of a document and, for every token, the entity it refers to.
struct Coreference {
  std::vector<EntityCluster> clusters;
  std::vector<std::vector<int>> token_entity;  // [sentence][token] -> cluster index or -1
  // The cluster for a place name (added if the document has none): for roles and demonyms.
  int place(const std::string& name);
};

// Groups the recognized entities of `doc` and resolves pronouns and descriptions to them.
Coreference resolve_coreference(const Document& doc, const std::vector<Entity>& entities,
                                const ner::RoleLexicon& lexicon, const AliasTable& aliases);

// kg's type name for a CoNLL type: PER -> Person, LOC -> Place, ORG -> Organization, else Other.
std::string graph_type(const std::string& ner_type);

}  // namespace kg::extract
