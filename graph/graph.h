// The store: a Boost.Graph property graph of typed entities and the relations between them,
// each relation backed by the sentences it came from.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/block_pool.h"
#include "graph/property_map.h"
#include "graph/small_vector.h"
#include "graph/value.h"

namespace kg::graph {

// A problem with a graph or a graph file; the message says where ("file:offset: what").
struct GraphError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One sentence that supports a relation, with what the sentence says about it.
struct Evidence {
  uint32_t document = 0;  // index into Graph::documents()
  uint32_t sentence = 0;  // sentence number within the document
  uint32_t begin = 0;     // byte span in the document
  uint32_t end = 0;
  uint32_t text = 0;  // index for Graph::text(): the sentence, stored once
  float confidence = 1.0f;
  bool negated = false;
  uint32_t modality = 0;     // interned strings (Graph::str), 0 is ""
  uint32_t attribution = 0;  // who said it
  uint32_t time = 0;         // when, as the sentence gives it
  // When, normalized against the article's date: "2022-04-26", "2022-04", "2022-W17", "2019";
  // 0 when unknown (edge_property "date" reads it).
  uint32_t date = 0;
  bool operator==(const Evidence&) const = default;
};

// An entity, or any node made by CREATE.
struct Node {
  uint64_t id = 0;                   // stable across saves
  std::vector<std::string> labels;   // the type first: Person, Place, Organization, Other
  std::string name;                  // canonical name ("" for unnamed nodes)
  std::vector<std::string> aliases;  // other names, all in the name index
  uint32_t mentions = 0;
  SmallVector<uint32_t, 2> documents;  // sorted indexes into Graph::documents()
  PropertyMap properties;              // every other property
};

// A relation between two nodes. Field order packs it tightly: a million of them are common.
struct Edge {
  uint64_t id = 0;
  uint32_t relation = 0;              // interned canonical relation: "meet", "capital_of"
  SmallVector<uint32_t, 2> surface;   // interned surface forms seen ("met with")
  SmallVector<Evidence, 1> evidence;  // the sentences behind it (usually one, kept inline)
  PropertyMap properties;             // every other property
};

// Boost.Graph's selector for a std::list whose nodes come from a BlockPool.
struct pooled_listS {};

}  // namespace kg::graph

namespace boost {
template <class T>
struct container_gen<kg::graph::pooled_listS, T> {
  using type = std::list<T, kg::graph::PoolAllocator<T>>;
};
template <>
struct parallel_edge_traits<kg::graph::pooled_listS> {
  using type = allow_parallel_edge_tag;
};
}  // namespace boost

namespace kg::graph {

// listS for vertices and the edge list: descriptors stay valid as the graph grows or shrinks.
// The edge list, a node per relation, is pooled (see block_pool.h).
using Store = boost::adjacency_list<boost::vecS, boost::listS, boost::bidirectionalS, Node, Edge,
                                    boost::no_property, pooled_listS>;
using VertexId = Store::vertex_descriptor;
using EdgeId = Store::edge_descriptor;
// The nodes one name finds: almost always one, kept inline.
using VertexList = SmallVector<VertexId, 1>;

// The type names kg gives extracted entities (node labels).
inline constexpr std::string_view kPerson = "Person";
inline constexpr std::string_view kPlace = "Place";
inline constexpr std::string_view kOrganization = "Organization";
inline constexpr std::string_view kOther = "Other";
// An input document as a node (graph/articles.h), and the relationship from each entity to the
// articles that mention it, with the number of mentions as "count".
inline constexpr std::string_view kArticle = "Article";
inline constexpr std::string_view kMentionedIn = "MENTIONED_IN";

// The key the name index uses: lowercase, no periods, single spaces, no leading "the".
std::string normalize_name(std::string_view name);

class Graph {
 public:
  Graph();
  // A copy has its own vertex descriptors (listS: pointers), so its name and id indexes are
  // remapped to them; a member-wise copy would point into the original graph.
  Graph(const Graph& other);
  Graph& operator=(const Graph& other);
  // Boost 1.74's adjacency_list has no move operations (its "move" copies), so a member-wise
  // move would pair a copied store with indexes into the source's: moving is copying here.
  Graph(Graph&& other) : Graph(static_cast<const Graph&>(other)) {}
  Graph& operator=(Graph&& other) { return *this = static_cast<const Graph&>(other); }

  // --- nodes ---
  // Adds a new node (openCypher CREATE). "name" and "aliases" properties fill the fields.
  VertexId add_node(std::vector<std::string> labels, Map properties = {});
  // Finds the entity called `name` (by name or alias) of a compatible type, or adds it.
  VertexId entity(std::string_view name, std::string_view type);
  // Adds another name for a node; the name index then finds the node by it.
  void add_alias(VertexId v, std::string_view alias);
  // Notes that a document mentions the node.
  void add_mention(VertexId v, uint32_t document);
  // Removes a node and every relation touching it.
  void remove_node(VertexId v);
  // Merges node `gone` into `keep` (two names found to be one entity): `gone`'s name and
  // aliases become aliases of `keep`, its mentions, documents, relations and their evidence move
  // over (a relation that would join `keep` to itself is dropped), properties `keep` lacks are
  // copied, `gone`'s name is appended to `keep`'s "merged_from" list (with its type when the two
  // names are the same: "Tony Blair (Organization)"), and `gone` is removed.
  void merge_nodes(VertexId keep, VertexId gone);
  // All nodes whose name or alias normalizes like `name`: O(1) average.
  const VertexList& find(std::string_view name) const;
  std::optional<VertexId> find_id(uint64_t id) const;

  // --- relations ---
  // Adds a new relation (openCypher CREATE): never merged with another.
  EdgeId add_edge(VertexId from, VertexId to, std::string_view type, Map properties = {});
  // Adds evidence for (from, relation, to): one edge per triple, however often it is seen.
  EdgeId add_fact(VertexId from, VertexId to, std::string_view relation, std::string_view surface,
                  const Evidence& evidence);
  void remove_edge(EdgeId e);

  // --- properties as openCypher sees them (fields and property map together) ---
  // An extracted entity also has "mentions", "articles" (how many mention it) and, when its
  // articles are dated, "first_seen" and "last_seen", computed on reading.
  Value node_property(VertexId v, std::string_view key) const;
  std::vector<std::string> node_keys(VertexId v) const;
  // Sets a property; null removes it. "name" and "aliases" keep the name index up to date.
  void set_node_property(VertexId v, std::string_view key, Value value);
  // Edge properties: count, confidence, sentences, date and date_precision (when it has
  // evidence) and its own map.
  Value edge_property(EdgeId e, std::string_view key) const;
  std::vector<std::string> edge_keys(EdgeId e) const;
  void set_edge_property(EdgeId e, std::string_view key, Value value);

  // --- strings stored once ---
  uint32_t intern(std::string_view s);
  // The id intern(s) would return, without adding `s`: nullopt when it was never interned.
  std::optional<uint32_t> interned(std::string_view s) const;
  std::string_view str(uint32_t id) const { return strings_[id]; }
  std::string_view relation(EdgeId e) const { return strings_[store_[e].relation]; }
  // Adds a document name (or finds it) and returns its index.
  uint32_t add_document(std::string_view name);
  // The index of the document of this name, without adding it.
  std::optional<uint32_t> find_document(std::string_view name) const;
  const std::vector<std::string>& documents() const { return documents_; }
  // Removes document `d` (an article dropped or replaced): its evidence, the relations only it
  // supported, its place in every node's document list; later documents are renumbered. Nodes
  // are not removed here (graph/articles.h decides which go).
  void remove_document(uint32_t d);
  // Gives document `d` another name (an article known under two ids loses one).
  void rename_document(uint32_t d, std::string_view name);
  // Stores a sentence text once and returns its index.
  uint32_t add_text(std::string_view sentence);
  // The sentence text with index `i` (i < text_count()).
  std::string_view text(uint32_t i) const {
    return std::string_view(text_pool_)
        .substr(text_offsets_[i], text_offsets_[i + 1] - text_offsets_[i]);
  }
  size_t text_count() const { return text_offsets_.size() - 1; }
  size_t text_bytes() const { return text_pool_.size(); }
  const std::vector<std::string>& strings() const { return strings_; }

  // --- the Boost.Graph underneath ---
  Store& store() { return store_; }
  const Store& store() const { return store_; }
  Node& node(VertexId v) { return store_[v]; }
  const Node& node(VertexId v) const { return store_[v]; }
  Edge& edge(EdgeId e) { return store_[e]; }
  const Edge& edge(EdgeId e) const { return store_[e]; }
  size_t node_count() const { return boost::num_vertices(store_); }
  size_t edge_count() const { return boost::num_edges(store_); }
  // The entity type of a node: its first label, or Other.
  std::string_view type(VertexId v) const;

  // --- for the loader: raw insertion with ids as saved ---
  VertexId restore_node(Node node);
  EdgeId restore_edge(VertexId from, VertexId to, Edge edge);
  uint64_t next_id() const { return next_id_; }
  // Room for this many bytes of sentence text, on huge pages when that many are asked for.
  void reserve_texts(size_t bytes);
  uint32_t add_text_unchecked(std::string_view text);  // no de-duplication (loading a saved file)
  // Room for this many more nodes and sentence texts, so that loading never rehashes or regrows.
  void reserve(size_t nodes, size_t texts);

  // --- for the loader: many relations at once ---
  // Adding relations one by one regrows two adjacency lists per relation, each at a random
  // node: on a large graph that is mostly cache misses. append_edge only stores the relation;
  // link_edges then builds every adjacency list once, at its final size, node after node.
  // Until link_edges the appended relations are in edges() but not in any adjacency list.
  void append_edge(VertexId from, VertexId to, Edge edge);
  // The ends of one appended relation, as indexes into the vertex list given to link_edges.
  struct EdgeEnds {
    uint32_t from, to;
  };
  // Links the relations appended since the last call: ends[i] are those of the i-th, as indexes
  // into `vertices`. Adjacency lists keep the order of appending, as restore_edge would.
  void link_edges(const std::vector<VertexId>& vertices, const std::vector<EdgeEnds>& ends);

 private:
  void index_name(VertexId v, std::string_view name);
  // The earliest normalized date of an edge's evidence ("" when none has one).
  std::string_view earliest_date(const Edge& edge) const;
  static std::string_view date_precision(std::string_view iso);
  // The first and last date of the articles that mention a node (null when none is dated).
  std::pair<Value, Value> seen(VertexId v) const;
  void unindex_name(VertexId v, std::string_view name);

  Store store_;
  uint64_t next_id_ = 0;
  std::unordered_map<std::string, VertexList> name_index_;
  std::unordered_map<uint64_t, VertexId> by_id_;
  std::vector<std::string> strings_;
  // Transparent hashing: lookups by string_view build no std::string.
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using StringIds = std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>;
  StringIds string_ids_;
  std::vector<std::string> documents_;
  StringIds document_ids_;
  // All sentence texts end to end: one allocation instead of one per sentence.
  std::string text_pool_;
  std::vector<uint64_t> text_offsets_{0};
  std::unordered_multimap<size_t, uint32_t> text_ids_;  // hash of a text -> its indexes
  size_t indexed_texts_ = 0;
  size_t unlinked_edges_ = 0;  // appended, waiting for link_edges
};

}  // namespace kg::graph
