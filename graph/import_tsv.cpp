#include "graph/import_tsv.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <vector>

namespace kg::graph {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Canonical relation: lowercase, spaces and dashes to underscores.
std::string canonical_relation(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-') {
      if (!out.empty() && out.back() != '_') out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

struct Fact {
  std::string_view subject, relation, object, subject_type, object_type;
  uint32_t line;
  std::string_view text;
};

// "X alias Y": Y is another name of X. When only Y is known so far, that node takes X as its
// name and keeps Y as an alias.
void add_alias_fact(Graph& graph, const Fact& fact) {
  std::string_view type = parse_entity_type(fact.subject_type);
  if (graph.find(fact.subject).empty() && !graph.find(fact.object).empty()) {
    VertexId v = graph.entity(fact.object, type);
    std::string old_name = graph.node(v).name;
    graph.set_node_property(v, "name", Value(fact.subject));
    graph.add_alias(v, old_name);
    return;
  }
  graph.add_alias(graph.entity(fact.subject, type), fact.object);
}

// The sentences (here: lines) of `document` that some relation already cites.
std::unordered_set<std::string> evidence_texts(const Graph& graph, uint32_t document) {
  std::unordered_set<std::string> texts;
  for (auto [it, end] = boost::edges(graph.store()); it != end; ++it)
    for (const Evidence& evidence : graph.edge(*it).evidence)
      if (evidence.document == document) texts.emplace(graph.text(evidence.text));
  return texts;
}

// Whether one node already goes by both names.
bool same_node(const Graph& graph, std::string_view a, std::string_view b) {
  const VertexList& named_b = graph.find(b);
  for (VertexId v : graph.find(a))
    if (std::find(named_b.begin(), named_b.end(), v) != named_b.end()) return true;
  return false;
}

}  // namespace

std::string_view parse_entity_type(std::string_view text) {
  std::string t = lower(text);
  if (t == "person" || t == "per") return kPerson;
  if (t == "place" || t == "loc" || t == "location" || t == "gpe") return kPlace;
  if (t == "organization" || t == "organisation" || t == "org") return kOrganization;
  if (t == "other" || t == "misc" || t.empty()) return kOther;
  throw GraphError("unknown entity type \"" + std::string(text) +
                   "\" (expected Person, Place, Organization or Other)");
}

ImportCounts import_tsv(Graph& graph, std::string_view text, const std::string& name) {
  // Parse and check every line first, so that a bad line adds nothing.
  std::vector<Fact> facts;
  uint32_t line_number = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    std::vector<std::string_view> fields;
    for (size_t start = 0;;) {
      size_t tab = line.find('\t', start);
      fields.push_back(trim(line.substr(start, tab == std::string_view::npos ? tab : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    auto where = [&](size_t field) {
      size_t column = 1;
      for (size_t i = 0; i < field && i < fields.size(); ++i) column += fields[i].size() + 1;
      return name + ":" + std::to_string(line_number) + ":" + std::to_string(column) + ": ";
    };
    if (fields.size() < 3 || fields.size() > 5)
      throw GraphError(where(0) +
                       "expected 3 to 5 tab-separated fields (subject, relation, object, "
                       "subject type, object type), found " +
                       std::to_string(fields.size()));
    for (size_t i = 0; i < 3; ++i)
      if (fields[i].empty()) throw GraphError(where(i) + "empty field");
    Fact fact{fields[0],
              fields[1],
              fields[2],
              fields.size() > 3 ? fields[3] : "",
              fields.size() > 4 ? fields[4] : "",
              line_number,
              content};
    for (size_t i = 3; i < fields.size(); ++i) {
      try {
        parse_entity_type(fields[i]);
      } catch (const GraphError& e) {
        throw GraphError(where(i) + e.what());
      }
    }
    if (canonical_relation(fact.relation).empty()) throw GraphError(where(1) + "empty relation");
    facts.push_back(fact);
  }

  ImportCounts counts;
  // A file imported again only adds what is new in it: mentions are counted once per file, and
  // a line already in the graph is skipped rather than resolved again. Resolving it again is not
  // enough: names the first import added (aliases, retyped nodes) can make the same line find
  // other nodes the second time, and so add relations the file never meant.
  bool again = std::find(graph.documents().begin(), graph.documents().end(), name) !=
               graph.documents().end();
  uint32_t document = graph.add_document(name);
  std::unordered_set<std::string> imported =
      again ? evidence_texts(graph, document) : std::unordered_set<std::string>{};
  auto mention = [&](VertexId v) {
    if (!again) graph.add_mention(v, document);
  };
  for (const Fact& fact : facts) {
    std::string relation = canonical_relation(fact.relation);
    if (relation == "alias") {
      if (again && same_node(graph, fact.subject, fact.object)) continue;
      add_alias_fact(graph, fact);
      ++counts.aliases;
      continue;
    }
    if (again && imported.count(std::string(fact.text))) continue;
    VertexId subject = graph.entity(fact.subject, parse_entity_type(fact.subject_type));
    mention(subject);
    VertexId object = graph.entity(fact.object, parse_entity_type(fact.object_type));
    mention(object);
    Evidence evidence;
    evidence.document = document;
    evidence.sentence = fact.line;
    evidence.begin = static_cast<uint32_t>(fact.text.data() - text.data());
    evidence.end = evidence.begin + static_cast<uint32_t>(fact.text.size());
    evidence.text = graph.add_text(fact.text);
    graph.add_fact(subject, object, relation, fact.relation, evidence);
    ++counts.facts;
  }
  return counts;
}

}  // namespace kg::graph
