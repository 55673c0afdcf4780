// Exporters: GraphViz DOT, GraphML, node-link JSON, Neo4j/Kùzu bulk-import CSV and a
// self-contained HTML page to explore the graph in a browser.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg::graph {

// The part of a graph to export.
struct Subgraph {
  std::vector<VertexId> nodes;
  std::vector<EdgeId> edges;
  size_t left_out = 0;  // nodes the selection had but max_nodes dropped
};

// Which part of the graph to export: everything, or the neighbourhood of one entity.
struct ExportOptions {
  std::string focus;     // a name or alias; empty for the whole graph
  int depth = 1;         // hops around the focus, both directions
  size_t max_nodes = 0;  // keep at most this many nodes (the focus and the best connected); 0 = all
};

// Picks the nodes (and every relation between them) that `options` asks for.
// Throws GraphError when the focus names no entity.
Subgraph select_subgraph(const Graph& graph, const ExportOptions& options);

// Adds to `sub` the relations among its nodes (used after choosing nodes by hand).
void add_edges_between(const Graph& graph, Subgraph& sub);

// Writes DOT: node shape and colour by type, relations as labelled edges.
void write_dot(const Graph& graph, const Subgraph& sub, std::ostream& out);
// Every format also carries the user's own properties (SET n.age = 42): typed GraphML keys and
// CSV columns, a "properties" object in JSON and HTML, a tooltip in DOT.
// Writes GraphML with name, type, aliases, mentions on nodes and relation, count on edges.
void write_graphml(const Graph& graph, const Subgraph& sub, std::ostream& out);
// Writes node-link JSON: {"nodes":[{"id","name","type","aliases",...}],"links":[...]}.
void write_node_link_json(const Graph& graph, const Subgraph& sub, std::ostream& out);
// What the HTML page says about itself.
struct HtmlPage {
  std::string title;  // the page's title and heading
};
// Writes one HTML page holding the subgraph, the sentences behind its relations, and the script
// (graph/html/page.js) and style sheet (page.css) that draw it: it loads nothing, and its
// Content-Security-Policy forbids loading anything.
void write_html(const Graph& graph, const Subgraph& sub, const HtmlPage& page, std::ostream& out);
// Writes nodes.csv and relationships.csv (Neo4j bulk-import headers) into `directory`, each
// replaced whole; throws GraphError naming the file and the reason when it cannot.
void write_csv(const Graph& graph, const Subgraph& sub, const std::string& directory);

// Appends ,"properties":{...} (a node's or relation's own property map) when it is not empty.
void append_properties(std::string& out, const PropertyMap& properties);

// A node's name, or "#id" for an unnamed node.
std::string display_name(const Graph& graph, VertexId v);
// Escapes text for XML and HTML (& < > " '); control characters XML forbids are dropped.
std::string xml_escape(std::string_view text);

// Quotes a string for DOT (backslashes, quotes and newlines escaped).
std::string dot_quote(std::string_view text);

}  // namespace kg::graph
