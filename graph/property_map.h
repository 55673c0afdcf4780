// The property map of a relation, allocated only when it has a property: most extracted
// relations have none, and an empty std::vector still costs 24 bytes in each of them.
#pragma once

#include <memory>

#include "graph/value.h"

namespace kg::graph {

// A Map behind a pointer: reads like a const Map, writes through map_set or assignment.
class PropertyMap {
 public:
  PropertyMap() = default;
  PropertyMap(Map map) { *this = std::move(map); }
  PropertyMap(const PropertyMap& other) { *this = other.get(); }
  PropertyMap(PropertyMap&&) noexcept = default;
  PropertyMap& operator=(const PropertyMap& other) {
    if (this != &other) *this = other.get();
    return *this;
  }
  PropertyMap& operator=(PropertyMap&&) noexcept = default;
  PropertyMap& operator=(Map map) {
    if (map.empty())
      map_.reset();
    else
      map_ = std::make_unique<Map>(std::move(map));
    return *this;
  }

  // The map itself (an empty one when nothing is set).
  const Map& get() const { return map_ ? *map_ : empty_map(); }
  operator const Map&() const { return get(); }
  // The map for changing in place; allocates it on first use.
  Map& mutable_map() {
    if (!map_) map_ = std::make_unique<Map>();
    return *map_;
  }

  Map::const_iterator begin() const { return get().begin(); }
  Map::const_iterator end() const { return get().end(); }
  size_t size() const { return map_ ? map_->size() : 0; }
  bool empty() const { return !map_ || map_->empty(); }
  void clear() { map_.reset(); }
  bool operator==(const PropertyMap& other) const { return get() == other.get(); }

 private:
  static const Map& empty_map() {
    static const Map kEmpty;
    return kEmpty;
  }
  std::unique_ptr<Map> map_;
};

// map_find and map_set for relation properties, as for a Map.
inline const Value* map_find(const PropertyMap& map, std::string_view key) {
  return map_find(map.get(), key);
}
inline void map_set(PropertyMap& map, std::string_view key, Value value) {
  if (value.is_null() && map.empty()) return;
  map_set(map.mutable_map(), key, std::move(value));
  if (map.empty()) map.clear();
}

}  // namespace kg::graph
