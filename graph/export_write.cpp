#include <filesystem>
#include <map>
#include <sstream>

#include "graph/export.h"
#include "graph/persist.h"

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

// The text of a property value in formats that hold only text: strings as they are, temporal
// values in ISO form, anything else as JSON.
std::string value_text(const Value& value) {
  if (value.is<std::string>()) return value.as<std::string>();
  if (value.is<temporal::Temporal>()) return temporal::to_string(value.as<temporal::Temporal>());
  std::string out;
  append_json(out, value);
  return out;
}

// "key: value" lines of a property map (a DOT tooltip).
std::string property_lines(const PropertyMap& properties) {
  std::string out;
  for (const auto& [key, value] : properties) {
    if (!out.empty()) out += '\n';
    out += key + ": " + value_text(value);
  }
  return out;
}

// The columns the user's properties need in a table of nodes or relations: one per key found in
// the subgraph, typed when every value of the key has one type (else text).
struct PropertyColumn {
  std::string key;
  std::string header;    // the column's name (the key, renamed when it is a built-in column)
  std::string csv_type;  // Neo4j bulk-import type: long, double, boolean, string, date, ...
  std::string xml_type;  // GraphML attr.type: long, double, boolean, string
};

// The Neo4j type of one value, "" when it has none (maps, mixed lists).
std::string csv_type_of(const Value& value) {
  if (value.is<bool>()) return "boolean";
  if (value.is<int64_t>()) return "long";
  if (value.is<double>()) return "double";
  if (value.is<std::string>()) return "string";
  if (value.is<temporal::Temporal>())
    return temporal_json_key(value.as<temporal::Temporal>().kind).substr(1);  // "date", ...
  if (value.is<List>()) {
    std::string element;
    for (const Value& item : value.as<List>()) {
      std::string t = csv_type_of(item);
      if (t.empty() || t.back() == ']' || (!element.empty() && t != element)) return "";
      // An element holding the array delimiter could not be told apart: the list goes as JSON.
      if (item.is<std::string>() && item.as<std::string>().find(';') != std::string::npos)
        return "";
      element = t;
    }
    return (element.empty() ? std::string("string") : element) + "[]";
  }
  return "";
}

template <class Maps>
std::vector<PropertyColumn> property_columns(const Maps& maps,
                                             const std::vector<std::string_view>& builtin) {
  std::map<std::string, std::string> types;  // key -> type; "" once two types are seen
  for (const PropertyMap* map : maps)
    for (const auto& [key, value] : *map) {
      std::string t = csv_type_of(value);
      auto [it, added] = types.emplace(key, t);
      if (!added && it->second != t) {
        bool numbers =
            (it->second == "long" || it->second == "double") && (t == "long" || t == "double");
        it->second = numbers ? "double" : "";
      }
    }
  std::vector<PropertyColumn> columns;
  for (const auto& [key, type] : types) {
    PropertyColumn c;
    c.key = key;
    c.header = key;
    for (std::string_view b : builtin)
      if (key == b) c.header = key + "_property";
    c.csv_type = type.empty() ? "string" : type;
    c.xml_type = type == "long" || type == "double" || type == "boolean" ? type : "string";
    columns.push_back(std::move(c));
  }
  return columns;
}

// A cell of a typed column: arrays joined with ';' (Neo4j's default array delimiter).
std::string csv_cell(const PropertyColumn& column, const Value* value) {
  if (!value) return "";
  if (column.csv_type.ends_with("[]")) {
    std::string out;
    for (const Value& item : value->as<List>()) {
      if (!out.empty()) out += ';';
      out += value_text(item);
    }
    return csv_field(out);
  }
  return csv_field(value_text(*value));
}

std::vector<const PropertyMap*> node_maps(const Graph& graph, const Subgraph& sub) {
  std::vector<const PropertyMap*> maps;
  for (VertexId v : sub.nodes) maps.push_back(&graph.node(v).properties);
  return maps;
}
std::vector<const PropertyMap*> edge_maps(const Graph& graph, const Subgraph& sub) {
  std::vector<const PropertyMap*> maps;
  for (EdgeId e : sub.edges) maps.push_back(&graph.edge(e).properties);
  return maps;
}

// The built-in columns of the node and relation tables, which user properties must not shadow.
const std::vector<std::string_view> kNodeColumns = {"name", "type", "aliases", "mentions"};
const std::vector<std::string_view> kEdgeColumns = {"relation", "count", "confidence", "sentences"};

}  // namespace

// ,"properties":{...} when there are any (node-link JSON, the HTML page's data).
void append_properties(std::string& out, const PropertyMap& properties) {
  if (properties.empty()) return;
  out += ",\"properties\":";
  append_json(out, Value(properties.get()));
}

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
        << ", shape=" << style.shape << ", fillcolor=\"" << style.fill << "\"";
    // The user's properties as a tooltip (shown on hover in SVG), not as DOT attributes, which
    // would change the drawing when a key is one of Graphviz's.
    if (!store[v].properties.empty())
      out << ", tooltip=" << dot_quote(property_lines(store[v].properties));
    out << "];\n";
  }
  for (EdgeId e : sub.edges) {
    out << "  n" << store[boost::source(e, store)].id << " -> n"
        << store[boost::target(e, store)].id << " [label=" << dot_quote(edge_label(graph, e));
    if (!store[e].properties.empty())
      out << ", tooltip=" << dot_quote(property_lines(store[e].properties));
    out << "];\n";
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
         "  <key id=\"confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"/>\n";
  // The user's properties: a key each, with generated ids (any text may be a property name).
  auto node_columns = property_columns(node_maps(graph, sub), kNodeColumns);
  auto edge_columns = property_columns(edge_maps(graph, sub), kEdgeColumns);
  auto declare = [&](const std::vector<PropertyColumn>& columns, const char* prefix,
                     const char* domain) {
    for (size_t i = 0; i < columns.size(); ++i)
      out << "  <key id=\"" << prefix << i << "\" for=\"" << domain << "\" attr.name=\""
          << xml_escape(columns[i].header) << "\" attr.type=\"" << columns[i].xml_type << "\"/>\n";
  };
  declare(node_columns, "np", "node");
  declare(edge_columns, "ep", "edge");
  auto data = [&](const std::vector<PropertyColumn>& columns, const char* prefix,
                  const PropertyMap& properties) {
    for (size_t i = 0; i < columns.size(); ++i)
      if (const Value* value = map_find(properties, columns[i].key))
        out << "      <data key=\"" << prefix << i << "\">" << xml_escape(value_text(*value))
            << "</data>\n";
  };
  out << "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  for (VertexId v : sub.nodes) {
    const Node& node = store[v];
    out << "    <node id=\"n" << node.id << "\">\n"
        << "      <data key=\"name\">" << xml_escape(display_name(graph, v)) << "</data>\n"
        << "      <data key=\"type\">" << xml_escape(graph.type(v)) << "</data>\n";
    if (!node.aliases.empty())
      out << "      <data key=\"aliases\">" << xml_escape(joined(node.aliases, ';')) << "</data>\n";
    out << "      <data key=\"mentions\">" << node.mentions << "</data>\n";
    data(node_columns, "np", node.properties);
    out << "    </node>\n";
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
    data(edge_columns, "ep", edge.properties);
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
    text += ",\"mentions\":" + std::to_string(node.mentions);
    append_properties(text, node.properties);
    text += "}";
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
    append_properties(text, store[e].properties);
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
  // Each file is replaced whole (persist.h): a failed write (a full disk) keeps the old one.
  std::ostringstream nodes, edges;
  // The user's properties follow the built-in columns, typed for the importer.
  auto node_columns = property_columns(node_maps(graph, sub), kNodeColumns);
  auto edge_columns = property_columns(edge_maps(graph, sub), kEdgeColumns);
  auto header = [](std::ostream& out, const std::vector<PropertyColumn>& columns) {
    for (const auto& c : columns) out << ',' << csv_field(c.header + ":" + c.csv_type);
    out << '\n';
  };
  auto cells = [](std::ostream& out, const std::vector<PropertyColumn>& columns,
                  const PropertyMap& properties) {
    for (const auto& c : columns) out << ',' << csv_cell(c, map_find(properties, c.key));
    out << '\n';
  };
  nodes << ":ID,name,aliases:string[],mentions:int,:LABEL";
  header(nodes, node_columns);
  for (VertexId v : sub.nodes) {
    const Node& node = store[v];
    nodes << node.id << ',' << csv_field(display_name(graph, v)) << ','
          << csv_field(joined(node.aliases, ';')) << ',' << node.mentions << ','
          << csv_field(graph.type(v));
    cells(nodes, node_columns, node.properties);
  }
  edges << ":START_ID,:END_ID,:TYPE,count:int,confidence:float";
  header(edges, edge_columns);
  for (EdgeId e : sub.edges) {
    Value confidence = graph.edge_property(e, "confidence");
    edges << store[boost::source(e, store)].id << ',' << store[boost::target(e, store)].id << ','
          << csv_field(graph.relation(e)) << ',' << store[e].evidence.size() << ','
          << (confidence.is<double>() ? confidence.as<double>() : 1.0);
    cells(edges, edge_columns, store[e].properties);
  }
  replace_file(nodes_path, nodes.view());
  replace_file(edges_path, edges.view());
}

}  // namespace kg::graph
