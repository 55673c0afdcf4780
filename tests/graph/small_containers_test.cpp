#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <list>
#include <vector>

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

TEST_CASE("BlockPool hands out distinct aligned blocks and reuses freed ones") {
  struct alignas(16) Item {
    char bytes[40];
  };
  kg::graph::BlockPool pool(sizeof(Item), alignof(Item));
  std::vector<void*> blocks;
  // Enough to need several chunks.
  for (int i = 0; i < 200000; ++i) {
    void* p = pool.allocate();
    REQUIRE(reinterpret_cast<uintptr_t>(p) % alignof(Item) == 0);
    std::memset(p, i & 0xFF, sizeof(Item));  // writable, whole
    blocks.push_back(p);
  }
  std::vector<void*> sorted = blocks;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  for (size_t i = 1; i < sorted.size(); ++i)
    if (static_cast<char*>(sorted[i]) - static_cast<char*>(sorted[i - 1]) <
        static_cast<ptrdiff_t>(sizeof(Item)))
      FAIL("blocks overlap");
  pool.deallocate(blocks[10]);
  pool.deallocate(blocks[20]);
  void* again = pool.allocate();
  CHECK((again == blocks[20] || again == blocks[10]));
}

TEST_CASE("the relation list allocates from its pool and frees back to it") {
  std::list<std::pair<int, double>, kg::graph::PoolAllocator<std::pair<int, double>>> list;
  for (int i = 0; i < 1000; ++i) list.emplace_back(i, i * 0.5);
  list.remove_if([](const auto& item) { return item.first % 2 == 0; });
  for (int i = 0; i < 500; ++i) list.emplace_front(-i, 0.0);
  CHECK(list.size() == 1000);
  CHECK(list.back().first == 999);
  CHECK(list.front().first == -499);
}
