#include "extract/facts/resolve_people.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "base/ascii.h"
#include "extract/facts/relation_schema.h"

namespace kg::extract {

namespace {

std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < name.size()) {
    size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    if (end > start) words.push_back(base::ascii_lower(name.substr(start, end - start)));
    start = end + 1;
  }
  return words;
}

// A node's gender: the honorifics its aliases were written with ("Mrs Blair"), else its first
// name.
names::Gender node_gender(const graph::Node& node, const names::FirstNames& first_names) {
  names::Gender gender = names::gender_of_aliases(node.aliases);
  return gender != names::Gender::unknown ? gender : person_gender(node.name, "", first_names);
}

// A one-word "person" with nothing of a person in the whole corpus (no honorific, no first name,
// never a word of a longer person's name) whose name an organization or a place also bears,
// as its name or an alias, is that organization or place: the recognizer read "Yahoo",
// "Gazprom" or "Labour" as a person in some articles and rightly elsewhere. Each joins the
// most mentioned such node, if that has at least a fifth of its mentions. A first name alone
// ("Nelly", "Raul") is a person's.
size_t resolve_named_things(graph::Graph& graph, const names::FirstNames& first_names,
                            std::map<std::string, std::vector<graph::VertexId>>& by_name) {
  constexpr uint32_t kThingShare = 5;  // the thing has at least a fifth of the person's mentions
  const graph::Store& store = graph.store();
  std::unordered_set<std::string> person_words;   // first and last words of longer names
  std::map<std::string, graph::VertexId> things;  // name or alias -> the most mentioned
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    std::string_view type = graph.type(*it);
    if (type == graph::kPerson) {
      std::vector<std::string> words = words_of(store[*it].name);
      if (words.size() >= 2) {
        person_words.insert(words.front());
        person_words.insert(words.back());
      }
      continue;
    }
    if (type != graph::kPlace && type != graph::kOrganization) continue;
    std::vector<std::string> keys{graph::normalize_name(store[*it].name)};
    for (const std::string& alias : store[*it].aliases)
      keys.push_back(graph::normalize_name(alias));
    for (const std::string& key : keys) {
      auto [found, added] = things.emplace(key, *it);
      if (!added && store[found->second].mentions < store[*it].mentions) found->second = *it;
    }
  }
  size_t merged = 0;
  for (auto& [name, nodes] : by_name) {
    std::vector<graph::VertexId> kept;
    for (graph::VertexId v : nodes) {
      kept.push_back(v);
      if (graph.type(v) != graph::kPerson || words_of(store[v].name).size() != 1) continue;
      if (person_words.count(base::ascii_lower(store[v].name))) continue;
      if (names::gender_of_aliases(store[v].aliases) != names::Gender::unknown) continue;
      bool honorific = false;
      for (const std::string& alias : store[v].aliases)
        honorific = honorific || alias.find(' ') != std::string::npos;
      auto thing = things.find(name);
      if (honorific || thing == things.end() ||
          first_names.gender(store[v].name) != names::Gender::unknown ||
          store[thing->second].mentions == 0 ||
          kThingShare * store[thing->second].mentions < store[v].mentions)
        continue;
      graph.merge_nodes(thing->second, v);  // v is gone: a listS descriptor, now dangling
      kept.pop_back();
      ++merged;
    }
    nodes = std::move(kept);
  }
  return merged;
}

}  // namespace

// One name under two types: a node that the recognizer typed otherwise once or twice ("Tony
// Blair" as an organization) joins the node of that name with kTypeVote times its mentions.
size_t resolve_types(graph::Graph& graph, const names::FirstNames& first_names) {
  constexpr uint32_t kTypeVote = 10, kMinorMentions = 3;
  const graph::Store& store = graph.store();
  std::map<std::string, std::vector<graph::VertexId>> by_name;
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    std::string_view type = graph.type(*it);
    if (!store[*it].name.empty() &&
        (type == graph::kPerson || type == graph::kPlace || type == graph::kOrganization))
      by_name[graph::normalize_name(store[*it].name)].push_back(*it);
  }
  size_t merged = 0;
  merged += resolve_named_things(graph, first_names, by_name);
  for (auto& [name, nodes] : by_name) {
    if (nodes.size() < 2) continue;
    std::stable_sort(nodes.begin(), nodes.end(),
                     [&](auto a, auto b) { return store[a].mentions > store[b].mentions; });
    for (size_t i = 1; i < nodes.size(); ++i) {
      if (store[nodes[i]].mentions > kMinorMentions ||
          store[nodes[0]].mentions < kTypeVote * store[nodes[i]].mentions)
        continue;
      graph.merge_nodes(nodes[0], nodes[i]);
      ++merged;
    }
  }
  return merged;
}

namespace {

// A relationship's class was read with the types one article gave its ends; once nodes of
// one name are merged, the node's type is the corpus's. A place class follows the subject's
// type ("Paula Radcliffe", once an organization, lives in the United Kingdom, not based
// there), and is dropped where neither end is what it needs (a tournament "in Rotterdam").
// A job or a killing keeps its class: the article's types for it are more often right than
// the corpus's vote ("an analyst at Petercam", a firm the corpus mostly reads as a place).
void reclass_relations(graph::Graph& graph) {
  const graph::Store& store = graph.store();
  for (auto [it, end] = boost::edges(store); it != end; ++it) {
    const graph::Value cls = graph.edge_property(*it, "class");
    if (!cls.is<std::string>()) continue;
    const std::string& name = cls.as<std::string>();
    if (name != "lives_in" && name != "based_in" && name != "located_in") continue;
    const std::string_view subject = graph.type(boost::source(*it, store));
    const std::string_view object = graph.type(boost::target(*it, store));
    const std::string placed = placed_class(name, subject, object);
    if (placed == name && class_fits(name, subject, object)) continue;
    graph.set_edge_property(
        *it, "class", class_fits(placed, subject, object) ? graph::Value(placed) : graph::Value());
  }
}

}  // namespace

size_t resolve_people(graph::Graph& graph, const NameTables& tables) {
  const names::FirstNames& first_names = tables.first_names;
  const AliasTable& aliases = tables.aliases;
  const graph::Store& store = graph.store();
  // Full-name people by surname, and surname-only people; in node order, so the result does
  // not depend on hashing.
  std::map<std::string, std::vector<graph::VertexId>> by_surname;
  std::vector<graph::VertexId> short_names;
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    if (graph.type(*it) != graph::kPerson) continue;
    std::vector<std::string> words = words_of(store[*it].name);
    if (words.size() >= 2)
      by_surname[words.back()].push_back(*it);
    else if (words.size() == 1 && !aliases.has(store[*it].name))
      short_names.push_back(*it);
  }
  // The entities each document names, for context.
  std::vector<std::vector<graph::VertexId>> in_document(graph.documents().size());
  for (auto [it, end] = boost::vertices(store); it != end; ++it)
    for (uint32_t d : store[*it].documents)
      if (d < in_document.size()) in_document[d].push_back(*it);
  auto context = [&](graph::VertexId v) {
    std::unordered_set<graph::VertexId> seen;
    for (uint32_t d : store[v].documents)
      if (d < in_document.size())
        for (graph::VertexId other : in_document[d])
          if (other != v) seen.insert(other);
    return seen;
  };

  size_t merged = 0;
  for (graph::VertexId v : short_names) {
    auto found = by_surname.find(words_of(store[v].name).front());
    if (found == by_surname.end()) continue;
    names::Gender gender = node_gender(store[v], first_names);
    std::vector<graph::VertexId> candidates;
    for (graph::VertexId c : found->second)
      if (compatible(gender, node_gender(store[c], first_names))) candidates.push_back(c);
    if (candidates.empty()) continue;
    graph::VertexId target = candidates.front();
    if (candidates.size() > 1) {
      std::stable_sort(candidates.begin(), candidates.end(),
                       [&](auto a, auto b) { return store[a].mentions > store[b].mentions; });
      if (store[candidates[0]].mentions < kDominance * store[candidates[1]].mentions) continue;
      auto mine = context(v);
      auto shared = [&](graph::VertexId c) {
        size_t n = 0;
        for (graph::VertexId other : context(c)) n += mine.count(other);
        return n;
      };
      if (shared(candidates[0]) < shared(candidates[1])) continue;
      target = candidates[0];
    }
    graph.merge_nodes(target, v);
    ++merged;
  }
  merged += resolve_types(graph, first_names);
  reclass_relations(graph);
  return merged;
}

}  // namespace kg::extract
