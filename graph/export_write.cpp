#include <filesystem>
#include <fstream>

#include "graph/export.h"

namespace kg::graph {

namespace {

struct TypeStyle {
  std::string_view type, shape, fill;
};
constexpr TypeStyle kStyles[] = {
    {kPerson, "ellipse", "#a6cee3"},
    {kPlace, "box", "#b2df8a"},
    {kOrganization, "hexagon", "#fdbf6f"},
};
constexpr TypeStyle kOtherStyle = {kOther, "note", "#dddddd"};

const TypeStyle& style_of(std::string_view type) {
  for (const auto& style : kStyles)
    if (style.type == type) return style;
  return kOtherStyle;
}

std::string edge_label(const Graph& graph, EdgeId e) {
  std::string label(graph.relation(e));
  size_t count = graph.edge(e).evidence.size();
  if (count > 1) label += " (" + std::to_string(count) + ")";
  return label;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string joined(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

}  // namespace

std::string display_name(const Graph& graph, VertexId v) {
  const Node& node = graph.node(v);
  if (!node.name.empty()) return node.name;
  std::string label = "#";  // (operator+ on a literal trips GCC 12's -Wrestrict)
  label += std::to_string(node.id);
  return label;
}

// XML 1.0 forbids most control characters even when escaped: they are dropped.
std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

std::string dot_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    // Other control characters (a NUL from U+0000 in a name) make dot reject the file.
    if (c == '\r' || (static_cast<unsigned char>(c) < 0x20 && c != '\t')) continue;
    out += c;
  }
  out += '"';
  return out;
}

void write_dot(const Graph& graph, const Subgraph& sub, std::ostream& out) {
  const Store& store = graph.store();
  out << "digraph kg {\n"
         "  graph [rankdir=LR, overlap=false, splines=true, nodesep=0.3, ranksep=0.6, "
         "fontname=\"Helvetica\"];\n"
         "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
         "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  for (VertexId v : sub.nodes) {
    const TypeStyle& style = style_of(graph.type(v));
    out << "  n" << store[v].id << " [label=" << dot_quote(display_name(graph, v))
        << ", shape=" << style.shape << ", fillcolor=\"" << style.fill << "\"];\n";
  }
  for (EdgeId e : sub.edges) {
    out << "  n" << store[boost::source(e, store)].id << " -> n"
        << store[boost::target(e, store)].id << " [label=" << dot_quote(edge_label(graph, e))
        << "];\n";
  }
  out << "}\n";
}

void write_graphml(const Graph& graph, const Subgraph& sub, std::ostream& out) {
  const Store& store = graph.store();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
         "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
         "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n"
         "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
         "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
         "  <key id=\"confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"/>\n"
         "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  for (VertexId v : sub.nodes) {
    const Node& node = store[v];
    out << "    <node id=\"n" << node.id << "\">\n"
        << "      <data key=\"name\">" << xml_escape(display_name(graph, v)) << "</data>\n"
        << "      <data key=\"type\">" << xml_escape(graph.type(v)) << "</data>\n";
    if (!node.aliases.empty())
      out << "      <data key=\"aliases\">" << xml_escape(joined(node.aliases, ';')) << "</data>\n";
    out << "      <data key=\"mentions\">" << node.mentions << "</data>\n    </node>\n";
  }
  for (EdgeId e : sub.edges) {
    const Edge& edge = store[e];
    out << "    <edge id=\"e" << edge.id << "\" source=\"n" << store[boost::source(e, store)].id
        << "\" target=\"n" << store[boost::target(e, store)].id << "\">\n"
        << "      <data key=\"relation\">" << xml_escape(graph.relation(e)) << "</data>\n"
        << "      <data key=\"count\">" << edge.evidence.size() << "</data>\n";
    Value confidence = graph.edge_property(e, "confidence");
    if (confidence.is<double>())
      out << "      <data key=\"confidence\">" << confidence.as<double>() << "</data>\n";
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void write_node_link_json(const Graph& graph, const Subgraph& sub, std::ostream& out) {
  const Store& store = graph.store();
  std::string text = "{\"directed\":true,\"nodes\":[";
  for (size_t i = 0; i < sub.nodes.size(); ++i) {
    VertexId v = sub.nodes[i];
    const Node& node = store[v];
    text += i ? ",\n" : "\n";
    text += "{\"id\":" + std::to_string(node.id) + ",\"name\":";
    append_json_string(text, display_name(graph, v));
    text += ",\"type\":";
    append_json_string(text, graph.type(v));
    text += ",\"aliases\":";
    append_json(text, graph.node_property(v, "aliases").is_null()
                          ? Value(List{})
                          : graph.node_property(v, "aliases"));
    text += ",\"mentions\":" + std::to_string(node.mentions) + "}";
  }
  text += "],\"links\":[";
  for (size_t i = 0; i < sub.edges.size(); ++i) {
    EdgeId e = sub.edges[i];
    text += i ? ",\n" : "\n";
    text += "{\"source\":" + std::to_string(store[boost::source(e, store)].id) +
            ",\"target\":" + std::to_string(store[boost::target(e, store)].id) + ",\"relation\":";
    append_json_string(text, graph.relation(e));
    text += ",\"count\":" + std::to_string(store[e].evidence.size()) + ",\"sentences\":";
    Value sentences = graph.edge_property(e, "sentences");
    append_json(text, sentences.is_null() ? Value(List{}) : sentences);
    text += "}";
  }
  text += "]}\n";
  out << text;
}

void write_csv(const Graph& graph, const Subgraph& sub, const std::string& directory) {
  const Store& store = graph.store();
  std::filesystem::create_directories(directory);
  std::string nodes_path = directory + "/nodes.csv";
  std::string edges_path = directory + "/relationships.csv";
  std::ofstream nodes(nodes_path, std::ios::binary), edges(edges_path, std::ios::binary);
  if (!nodes || !edges) throw GraphError(directory + ": cannot write CSV files");
  nodes << ":ID,name,aliases:string[],mentions:int,:LABEL\n";
  for (VertexId v : sub.nodes) {
    const Node& node = store[v];
    nodes << node.id << ',' << csv_field(display_name(graph, v)) << ','
          << csv_field(joined(node.aliases, ';')) << ',' << node.mentions << ','
          << csv_field(graph.type(v)) << '\n';
  }
  edges << ":START_ID,:END_ID,:TYPE,count:int,confidence:float\n";
  for (EdgeId e : sub.edges) {
    Value confidence = graph.edge_property(e, "confidence");
    edges << store[boost::source(e, store)].id << ',' << store[boost::target(e, store)].id << ','
          << csv_field(graph.relation(e)) << ',' << store[e].evidence.size() << ','
          << (confidence.is<double>() ? confidence.as<double>() : 1.0) << '\n';
  }
  if (!nodes.flush() || !edges.flush()) throw GraphError(directory + ": cannot write CSV files");
}

}  // namespace kg::graph
