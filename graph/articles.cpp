#include "graph/articles.h"

#include <algorithm>

namespace kg::graph {

namespace {

std::string string_property(const Graph& graph, VertexId v, std::string_view key) {
  Value value = graph.node_property(v, key);
  return value.is<std::string>() ? value.as<std::string>() : std::string();
}

bool is_article(const Graph& graph, VertexId v) {
  const auto& labels = graph.node(v).labels;
  return std::find(labels.begin(), labels.end(), kArticle) != labels.end();
}

}  // namespace

Articles::Articles(Graph& graph) : graph_(graph) {
  for (auto [it, end] = boost::vertices(graph.store()); it != end; ++it) {
    if (!is_article(graph, *it)) continue;
    for (const auto& id : ids_of(*it)) ids_.emplace(id, *it);
    std::string sha = string_property(graph, *it, "sha256");
    if (!sha.empty()) hashes_.emplace(sha, *it);
  }
}

std::vector<std::string> Articles::ids_of(VertexId article) const {
  Value ids = graph_.node_property(article, "ids");
  std::vector<std::string> out;
  if (ids.is<List>())
    for (const auto& id : ids.as<List>())
      if (id.is<std::string>()) out.push_back(id.as<std::string>());
  if (out.empty()) {
    std::string id = string_property(graph_, article, "id");
    if (!id.empty()) out.push_back(id);
  }
  return out;
}

std::optional<VertexId> Articles::by_id(std::string_view id) const {
  auto it = ids_.find(std::string(id));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<VertexId> Articles::by_hash(std::string_view sha256) const {
  auto it = hashes_.find(std::string(sha256));
  if (it == hashes_.end()) return std::nullopt;
  return it->second;
}

std::string Articles::sha256(VertexId article) const {
  return string_property(graph_, article, "sha256");
}

uint32_t Articles::document(VertexId article) const {
  return graph_.add_document(string_property(graph_, article, "id"));
}

VertexId Articles::add(const ArticleInfo& info) {
  Map properties{{"id", Value(info.id)}};
  if (!info.title.empty()) properties.emplace_back("title", Value(info.title));
  if (!info.date.empty())
    properties.emplace_back("date", Value(temporal::parse(temporal::TKind::kDate, info.date)));
  if (!info.source.empty()) properties.emplace_back("source", Value(info.source));
  if (!info.sha256.empty()) properties.emplace_back("sha256", Value(info.sha256));
  VertexId v = graph_.add_node({std::string(kArticle)}, std::move(properties));
  graph_.add_document(info.id);
  ids_[info.id] = v;
  if (!info.sha256.empty()) hashes_.emplace(info.sha256, v);
  return v;
}

void Articles::add_id(VertexId article, const std::string& id) {
  std::vector<std::string> ids = ids_of(article);
  if (std::find(ids.begin(), ids.end(), id) != ids.end()) return;
  ids.push_back(id);
  graph_.set_node_property(article, "ids", Value(List(ids.begin(), ids.end())));
  ids_[id] = article;
}

void Articles::add_mentions(VertexId entity, VertexId article, uint32_t count) {
  const Store& store = graph_.store();
  for (auto [it, end] = boost::out_edges(entity, store); it != end; ++it)
    if (boost::target(*it, store) == article && graph_.relation(*it) == kMentionedIn) {
      Value before = graph_.edge_property(*it, "count");
      int64_t n = before.is<int64_t>() ? before.as<int64_t>() : 0;
      graph_.set_edge_property(*it, "count", Value(n + count));
      return;
    }
  graph_.add_edge(entity, article, kMentionedIn, {{"count", Value(int64_t{count})}});
}

bool Articles::remove_id(std::string_view id) {
  auto found = by_id(id);
  if (!found) return false;
  VertexId article = *found;
  std::vector<std::string> ids = ids_of(article);
  ids_.erase(std::string(id));
  ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
  if (ids.empty()) {
    forget(article);
    return true;
  }
  // Still known by another id: that one names the document now.
  if (string_property(graph_, article, "id") == id) {
    graph_.rename_document(document(article), ids.front());
    graph_.set_node_property(article, "id", Value(ids.front()));
  }
  graph_.set_node_property(article, "ids",
                           ids.size() > 1 ? Value(List(ids.begin(), ids.end())) : Value());
  return false;
}

void Articles::forget(VertexId article) {
  Store& store = graph_.store();
  uint32_t d = document(article);
  // The entities it mentions lose those mentions; the ends of what it said may lose their last
  // article.
  std::vector<VertexId> touched;
  for (auto [it, end] = boost::in_edges(article, store); it != end; ++it) {
    VertexId entity = boost::source(*it, store);
    Value count = graph_.edge_property(*it, "count");
    auto& mentions = graph_.node(entity).mentions;
    mentions -= std::min<uint32_t>(mentions, count.is<int64_t>() ? count.as<int64_t>() : 0);
    touched.push_back(entity);
  }
  std::string sha = string_property(graph_, article, "sha256");
  if (auto h = hashes_.find(sha); h != hashes_.end() && h->second == article) hashes_.erase(h);
  graph_.remove_node(article);
  drop_document(d, std::move(touched));
}

bool Articles::remove_unindexed(std::string_view id) {
  if (by_id(id)) return false;
  std::optional<uint32_t> d = graph_.find_document(id);
  if (!d) return false;
  std::vector<VertexId> touched;
  const Store& store = graph_.store();
  for (auto [it, end] = boost::vertices(store); it != end; ++it) {
    Node& node = graph_.node(*it);
    if (!std::binary_search(node.documents.begin(), node.documents.end(), *d)) continue;
    touched.push_back(*it);
    // The old document's share of the mentions no article counts: an even share of those
    // documents', so that when all of them have been read again none is left over.
    int64_t counted = 0, unindexed = static_cast<int64_t>(node.documents.size());
    for (auto [e, e_end] = boost::out_edges(*it, store); e != e_end; ++e) {
      if (graph_.relation(*e) != kMentionedIn) continue;
      Value count = graph_.edge_property(*e, "count");
      counted += count.is<int64_t>() ? count.as<int64_t>() : 0;
      --unindexed;
    }
    int64_t rest = std::max<int64_t>(0, int64_t{node.mentions} - counted);
    if (unindexed > 0) node.mentions -= static_cast<uint32_t>((rest + unindexed / 2) / unindexed);
  }
  drop_document(*d, std::move(touched));
  return true;
}

// Removes document `d` and then each of `touched` (and the ends of the relations `d` supported)
// that no document mentions and nothing links to any more.
void Articles::drop_document(uint32_t d, std::vector<VertexId> touched) {
  Store& store = graph_.store();
  for (auto [it, end] = boost::edges(store); it != end; ++it)
    for (const auto& ev : store[*it].evidence)
      if (ev.document == d) {
        touched.push_back(boost::source(*it, store));
        touched.push_back(boost::target(*it, store));
        break;
      }
  graph_.remove_document(d);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (VertexId v : touched) {
    // Gone when no article mentions it and nothing (another article's fact, a relationship a
    // user made) still touches it.
    bool isolated = boost::out_degree(v, store) == 0 && boost::in_degree(v, store) == 0;
    if (graph_.node(v).documents.empty() && isolated) graph_.remove_node(v);
  }
}

}  // namespace kg::graph
