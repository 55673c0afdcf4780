// Runtime values of the query engine: the store's property values plus references to nodes,
// relationships and paths of the graph being queried.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/temporal.h"
#include "graph/graph.h"

namespace kg::query {

struct Val;
using VList = std::vector<Val>;
// Keys kept sorted, like graph::Map, so equal maps compare alike.
using VMap = std::vector<std::pair<std::string, Val>>;

// A reference to a node of the graph.
struct NodeRef {
  graph::VertexId v{};
  bool operator==(const NodeRef& o) const { return v == o.v; }
};
// A reference to a relationship of the graph.
struct RelRef {
  graph::EdgeId e{};
  bool operator==(const RelRef& o) const { return e == o.e; }
};
// A path: nodes.size() == rels.size() + 1; rels[i] joins nodes[i] and nodes[i + 1].
struct PathVal {
  std::vector<graph::VertexId> nodes;
  std::vector<graph::EdgeId> rels;
  bool operator==(const PathVal& o) const { return nodes == o.nodes && rels == o.rels; }
};

// The kinds in the order openCypher sorts them (ORDER BY ascending); null sorts last.
// Temporal values sort among themselves: datetime, localdatetime, date, time, localtime, duration.
enum class Kind { kMap, kNode, kRel, kList, kPath, kTemporal, kString, kBool, kNumber, kNull };

using temporal::Temporal;

struct Val {
  std::variant<std::monostate, bool, int64_t, double, std::string, VList, VMap, NodeRef, RelRef,
               PathVal, Temporal>
      data;

  Val() = default;
  Val(bool b) : data(b) {}
  Val(int v) : data(int64_t{v}) {}
  Val(int64_t v) : data(v) {}
  Val(double v) : data(v) {}
  Val(const char* s) : data(std::string(s)) {}
  Val(std::string s) : data(std::move(s)) {}
  Val(VList l) : data(std::move(l)) {}
  Val(VMap m) : data(std::move(m)) {}
  Val(NodeRef n) : data(n) {}
  Val(RelRef r) : data(r) {}
  Val(PathVal p) : data(std::move(p)) {}
  Val(Temporal t) : data(t) {}

  bool is_null() const { return data.index() == 0; }
  template <class T>
  bool is() const {
    return std::holds_alternative<T>(data);
  }
  template <class T>
  const T& as() const {
    return std::get<T>(data);
  }
  template <class T>
  T& as() {
    return std::get<T>(data);
  }
  bool is_number() const { return is<int64_t>() || is<double>(); }
  double number() const { return is<int64_t>() ? double(as<int64_t>()) : as<double>(); }
  Kind kind() const;
  // Structural identity (1 != 1.0 here; see equals() for openCypher equality).
  bool operator==(const Val& other) const { return data == other.data; }
};

// Converts a stored property value to a runtime value and back (nodes etc. cannot be stored).
Val from_graph(const graph::Value& v);
bool to_graph(const Val& v, graph::Value& out);

// Three-valued equality: nullopt when the answer is null (a null is involved somewhere).
std::optional<bool> equals(const Val& a, const Val& b);
// Comparison for <, <=, >, >=: nullopt when the values are not comparable.
std::optional<int> compare(const Val& a, const Val& b);
// The total order of ORDER BY, DISTINCT and grouping (null == null, NaN == NaN here).
int order(const Val& a, const Val& b);
struct ValLess {
  bool operator()(const Val& a, const Val& b) const { return order(a, b) < 0; }
};
struct RowLess {
  bool operator()(const VList& a, const VList& b) const;
};

// Sets a key of a sorted map (a null value is kept: maps in queries may hold nulls).
void vmap_set(VMap& m, std::string key, Val v);
const Val* vmap_find(const VMap& m, std::string_view key);

// Text of a float as openCypher prints it: shortest round trip, always with a '.' or exponent.
std::string float_text(double d);
// A value in openCypher literal notation: nodes (:L {k: v}), relationships [:T {k: v}],
// paths <(..)-[..]->(..)>, strings quoted. Maps and labels sorted for stable output.
std::string render(const Val& v, const graph::Graph& g, bool quote_strings = true);
// A value as JSON (nodes and relationships as objects with id, labels/type and properties).
void render_json(std::string& out, const Val& v, const graph::Graph& g);

// The properties of a node or relationship as a map value.
VMap node_map(const graph::Graph& g, graph::VertexId v);
VMap rel_map(const graph::Graph& g, const graph::EdgeId& e);

}  // namespace kg::query
