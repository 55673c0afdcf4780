// Which places can lie in which. The located_in class states containment, and in news two
// countries named close together are neighbours, rivals or hosts ("France beat Wales in Paris"),
// never one inside the other; a country is not inside its capital either. A small reviewed
// table (models/places.tsv) says which names are countries, parts of a country or regions.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kg::extract {

class PlaceTable {
 public:
  // Reads "name<TAB>kind[<TAB>container|container...]" lines (kind: country, state, part,
  // region; a state or a part names its containers).
  // Throws std::runtime_error "path:line: what" on a malformed line or a missing file.
  void load(const std::string& path);

  // Whether `inner` may lie in `outer`: false only where the table knows better, when `inner` is
  // a country (it lies only in a region), a state or a part of a country (only in its
  // containers or a region) or a region (only in a region). Names the table lacks (cities) may
  // lie anywhere. Names are compared without case or dots ("N.J." is "NJ").
  bool may_lie_in(std::string_view inner, std::string_view outer) const;

  // Whether the table names a country, a state or a part of a country (not a region).
  bool knows(std::string_view name) const;
  // Whether the table names a country or a part of one that is all but a country (England).
  bool is_country(std::string_view name) const;

  size_t size() const { return places_.size(); }

 private:
  enum class Kind { country, state, part, region };
  struct Place {
    Kind kind;
    std::vector<std::string> containers;  // lowercased
  };
  std::unordered_map<std::string, Place> places_;  // by lowercased name
  const Place* find(std::string_view name) const;  // nullptr when the table lacks it
};

}  // namespace kg::extract
