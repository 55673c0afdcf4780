// kg export --format html: one self-contained page (graph, evidence, script and style inline).
#include <cstdio>
#include <unordered_map>

#include "graph/export.h"
#include "graph/html/page_css.h"
#include "graph/html/page_js.h"

namespace kg::graph {

namespace {

// Index of a key in a table filled on first use (documents and sentences the page needs).
uint32_t slot(std::unordered_map<uint32_t, uint32_t>& table, std::vector<uint32_t>& order,
              uint32_t key) {
  auto [it, added] = table.emplace(key, static_cast<uint32_t>(order.size()));
  if (added) order.push_back(key);
  return it->second;
}

// The page's data: {"nodes":[{name,type,aliases,mentions,properties?}], "edges":[[from, to,
// relation, [[document, sentence, text, confidence, negated, modality, attribution, time]],
// [surface], {properties}?]],
// "docs":[...], "texts":[...]}; nodes and edges refer to each other by index.
std::string page_data(const Graph& graph, const Subgraph& sub) {
  const Store& store = graph.store();
  std::unordered_map<VertexId, size_t> index;
  std::string json = "{\"nodes\":[";
  for (size_t i = 0; i < sub.nodes.size(); ++i) {
    VertexId v = sub.nodes[i];
    const Node& node = store[v];
    index.emplace(v, i);
    json += i ? ",\n{\"name\":" : "\n{\"name\":";
    append_json_string(json, display_name(graph, v));
    json += ",\"type\":";
    append_json_string(json, graph.type(v));
    json += ",\"aliases\":[";
    for (size_t a = 0; a < node.aliases.size(); ++a) {
      if (a) json += ',';
      append_json_string(json, node.aliases[a]);
    }
    json += "],\"mentions\":" + std::to_string(node.mentions);
    append_properties(json, node.properties);
    json += "}";
  }
  std::unordered_map<uint32_t, uint32_t> doc_slot, text_slot;
  std::vector<uint32_t> docs, texts;
  json += "],\n\"edges\":[";
  bool first = true;
  for (EdgeId e : sub.edges) {
    auto from = index.find(boost::source(e, store)), to = index.find(boost::target(e, store));
    if (from == index.end() || to == index.end()) continue;
    const Edge& edge = store[e];
    json += first ? "\n[" : ",\n[";
    first = false;
    json += std::to_string(from->second) + ',' + std::to_string(to->second) + ',';
    append_json_string(json, graph.relation(e));
    json += ",[";
    for (size_t k = 0; k < edge.evidence.size(); ++k) {
      const Evidence& ev = edge.evidence[k];
      char confidence[16];
      std::snprintf(confidence, sizeof confidence, "%.2f", static_cast<double>(ev.confidence));
      json += k ? ",[" : "[";
      json += std::to_string(slot(doc_slot, docs, ev.document)) + ',' +
              std::to_string(ev.sentence) + ',' + std::to_string(slot(text_slot, texts, ev.text)) +
              ',' + confidence + ',' + (ev.negated ? "true" : "false") + ',';
      append_json_string(json, graph.str(ev.modality));
      json += ',';
      append_json_string(json, graph.str(ev.attribution));
      json += ',';
      append_json_string(json, graph.str(ev.time));
      json += ']';
    }
    json += "],[";
    for (size_t k = 0; k < edge.surface.size(); ++k) {
      if (k) json += ',';
      append_json_string(json, graph.str(edge.surface[k]));
    }
    json += "]";
    if (!edge.properties.empty()) {
      json += ',';
      append_json(json, Value(edge.properties.get()));
    }
    json += "]";
  }
  json += "],\n\"docs\":[";
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i) json += ',';
    append_json_string(json, graph.documents()[docs[i]]);
  }
  json += "],\n\"texts\":[";
  for (size_t i = 0; i < texts.size(); ++i) {
    json += i ? ",\n" : "\n";
    append_json_string(json, graph.text(texts[i]));
  }
  json += "]}";
  // Inside <script> nothing may read as a closing tag or a comment: '<' only occurs in strings,
  // where \u003c means the same to JSON.parse.
  std::string safe;
  safe.reserve(json.size());
  for (char c : json) {
    if (c == '<')
      safe += "\\u003c";
    else
      safe += c;
  }
  return safe;
}

}  // namespace

void write_html(const Graph& graph, const Subgraph& sub, const HtmlPage& page, std::ostream& out) {
  size_t shown_edges = sub.edges.size();
  std::string counts =
      std::to_string(sub.nodes.size()) + " nodes, " + std::to_string(shown_edges) + " relations";
  std::string left_out;
  if (sub.left_out)
    left_out = std::to_string(sub.left_out) + " more node" + (sub.left_out == 1 ? "" : "s") +
               " left out (--max-nodes " + std::to_string(sub.nodes.size()) +
               " kept the best connected)";
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         // The page may load nothing: its script and style are inline, and so is the graph.
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "script-src 'unsafe-inline'; style-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"kg export --format html\">\n"
         "<title>"
      << xml_escape(page.title) << "</title>\n<style>\n"
      << embedded::kPageCss << "</style>\n</head>\n<body>\n<header><h1>" << xml_escape(page.title)
      << "</h1><span class=\"counts\">" << counts << "</span>";
  if (!left_out.empty()) out << "<span class=\"left-out\">" << left_out << "</span>";
  out << "</header>\n"
         "<aside id=\"side\">\n"
         "<input id=\"search\" type=\"search\" placeholder=\"Search names and aliases\" "
         "autocomplete=\"off\" aria-label=\"Search names and aliases\">\n"
         "<ul id=\"results\"></ul>\n"
         "<h3>Types</h3><div id=\"filters\" class=\"filters\"></div>\n"
         "<h3 id=\"isolated-head\">Not drawn</h3><details id=\"isolated\"></details>\n"
         "</aside>\n"
         "<main id=\"graph\"><svg id=\"canvas\" role=\"img\" aria-label=\"the graph\"></svg>\n"
         "<div id=\"zoom\"><button id=\"zoom-in\" title=\"Zoom in\">+</button>"
         "<button id=\"zoom-out\" title=\"Zoom out\">&minus;</button>"
         "<button id=\"zoom-fit\" title=\"Fit the whole graph\">&#x2922;</button></div>\n"
         "<div id=\"legend\">scroll: zoom &middot; drag: pan &middot; click: details</div>\n"
         "</main>\n"
         "<section id=\"panel\"><noscript>This page needs JavaScript to draw the graph."
         "</noscript></section>\n"
         "<script type=\"application/json\" id=\"kg-data\">"
      << page_data(graph, sub) << "</script>\n<script>\n"
      << embedded::kPageJs << "</script>\n</body>\n</html>\n";
}

}  // namespace kg::graph
