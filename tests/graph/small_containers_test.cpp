#include <doctest/doctest.h>

#include <algorithm>

#include "graph/graph.h"

using namespace kg::graph;

TEST_CASE("SmallVector behaves like std::vector inline and on the heap") {
  SmallVector<uint32_t, 2> v;
  CHECK(v.empty());
  for (uint32_t i = 0; i < 100; ++i) v.push_back(i * 3);
  REQUIRE(v.size() == 100);
  CHECK(v[99] == 297);
  CHECK(v.at(1) == 3);
  CHECK_THROWS_AS(v.at(100), std::out_of_range);
  v.insert(v.begin() + 1, 7);
  CHECK(v[1] == 7);
  CHECK(v[2] == 3);
  v.erase(v.begin(), v.begin() + 2);
  CHECK(v.front() == 3);
  CHECK(v.size() == 99);
  SmallVector<uint32_t, 2> copy = v;
  CHECK(copy == v);
  SmallVector<uint32_t, 2> moved = std::move(copy);
  CHECK(moved == v);
  CHECK(copy.empty());
  v.erase(std::remove_if(v.begin(), v.end(), [](uint32_t x) { return x % 2 == 0; }), v.end());
  CHECK(std::all_of(v.begin(), v.end(), [](uint32_t x) { return x % 2 == 1; }));
  // Pushing an element of the vector itself while it grows.
  SmallVector<uint32_t, 1> self{5};
  for (int i = 0; i < 10; ++i) self.push_back(self[0]);
  CHECK(std::count(self.begin(), self.end(), 5u) == 11);
}

TEST_CASE("one evidence item and one surface form stay inside the edge") {
  Edge edge;
  Evidence ev;
  ev.text = 4;
  edge.evidence.push_back(ev);
  edge.surface.push_back(1);
  CHECK(edge.evidence.capacity() == 1);
  CHECK(edge.evidence.at(0).text == 4);
  edge.evidence.push_back(ev);
  CHECK(edge.evidence.size() == 2);
  CHECK(edge.evidence[1] == ev);
}

TEST_CASE("PropertyMap: empty until set, map_find and map_set as for Map") {
  PropertyMap props;
  CHECK(props.empty());
  CHECK(map_find(props, "w") == nullptr);
  map_set(props, "w", Value(2));
  map_set(props, "a", Value("x"));
  REQUIRE(props.size() == 2);
  CHECK(props.begin()->first == "a");  // sorted
  CHECK(*map_find(props, "w") == Value(2));
  PropertyMap copy = props;
  CHECK(copy == props);
  map_set(props, "w", Value());
  map_set(props, "a", Value());
  CHECK(props.empty());
  CHECK(copy.size() == 2);
  const Map& as_map = copy;
  CHECK(as_map.size() == 2);
}
