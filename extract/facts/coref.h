// Coreference within one document: names, short names, acronyms, pronouns and descriptions
// ("the UN chief") grouped into entities.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document.h"
#include "extract/entities/names.h"
#include "extract/entities/ner.h"
#include "extract/entities/ner_roles.h"
#include "extract/facts/places.h"

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
  bool has(const std::string& name) const;

 private:
  std::unordered_map<std::string, std::string> canonical_;  // normalized name -> canonical
};

// The name tables coreference and cross-document resolution read: the alias table
// (models/aliases.tsv, then the user's files), first names (models/first-names.tsv) and the
// kinds of places (models/places.tsv), each read when present. Throws std::runtime_error
// "path:line: what" on a malformed line.
struct NameTables {
  AliasTable aliases;
  names::FirstNames first_names;
  PlaceTable places;  // models/places.tsv: which places can lie in which
  static NameTables load(const std::string& model_dir,
                         const std::vector<std::string>& alias_files = {});
};

// One entity of a document: all its mentions resolved to one name.
struct EntityCluster {
  std::string name;                  // canonical: the fullest name used
  std::string type;                  // Person, Place, Organization or Other
  std::vector<std::string> aliases;  // the other names the document uses
  std::string role, role_of;         // "foreign minister", "Russia" (persons)
  uint32_t mentions = 0;
  names::Gender gender = names::Gender::unknown;  // from an honorific or the first name
};

// Another name of an entity: an alias, or its own name in ordinary spelling when the entity was
// first named in capitals ("KYIV" -> "Kyiv").
void add_name(EntityCluster& c, const std::string& name);

// The entities of a document and, for every token, the entity it refers to.
struct Coreference {
  std::vector<EntityCluster> clusters;
  std::vector<std::vector<int>> token_entity;  // [sentence][token] -> cluster index or -1
  // The cluster for a place name (added if the document has none): for roles and demonyms.
  int place(const std::string& name);
};

// What coreference reads besides the document: roles and demonyms (WordNet), the alias table,
// and first names with their gender (empty if models/first-names.tsv is missing).
struct CorefLexicons {
  const ner::RoleLexicon& roles;
  const AliasTable& aliases;
  const names::FirstNames& first_names;
};

// Groups the recognized entities of `doc` and resolves pronouns and descriptions to them.
// Names join when one is part of the other ("Tony Blair", "Blair", "Mr Blair"), by initials
// ("UN"), by a definition in brackets ("the Associated Press (AP)"), or by the alias table; a
// gender-marked honorific never joins a person of the other gender ("Mrs Blair", "Tony Blair").
Coreference resolve_coreference(const Document& doc, const std::vector<Entity>& entities,
                                const CorefLexicons& lexicons);

// The gender a person's name marks: its honorific if any, else its first name when the name has
// two words or more.
names::Gender person_gender(const std::string& name, const std::string& honorific,
                            const names::FirstNames& first_names);

// Whether two genders can be one person's.
inline bool compatible(names::Gender a, names::Gender b) {
  return a == names::Gender::unknown || b == names::Gender::unknown || a == b;
}

// kg's type name for a CoNLL type: PER -> Person, LOC -> Place, ORG -> Organization, else Other.
std::string graph_type(const std::string& ner_type);

}  // namespace kg::extract
