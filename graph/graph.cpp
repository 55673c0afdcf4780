#include "graph/graph.h"

#include <sys/mman.h>

#include <algorithm>

namespace kg::graph {

namespace {

const VertexList kNoVertices;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Appends the case-folded character at s[i] and advances i: ASCII and Latin-1 letters are
// lowercased, the typographic apostrophe (U+2019) becomes "'".
void fold_char(std::string_view s, size_t& i, std::string& out) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c >= 'A' && c <= 'Z') {
    out += static_cast<char>(c - 'A' + 'a');
    ++i;
  } else if (c == 0xC3 && i + 1 < s.size()) {
    auto next = static_cast<unsigned char>(s[i + 1]);
    bool upper = next >= 0x80 && next <= 0x9E && next != 0x97;  // À..Þ except ×
    out += static_cast<char>(c);
    out += static_cast<char>(upper ? next + 0x20 : next);
    i += 2;
  } else if (s.compare(i, 3, "\xE2\x80\x99") == 0) {
    out += '\'';
    i += 3;
  } else {
    out += static_cast<char>(c);
    ++i;
  }
}

}  // namespace

std::string normalize_name(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  for (size_t i = 0; i < name.size();) {
    char c = name[i];
    if (is_space(c)) {
      pending_space = !key.empty();
      ++i;
      continue;
    }
    if (c == '.') {
      ++i;
      continue;
    }
    if (pending_space) key += ' ';
    pending_space = false;
    fold_char(name, i, key);
  }
  if (key.size() > 4 && key.compare(0, 4, "the ") == 0) key.erase(0, 4);
  return key;
}

Graph::Graph() {
  strings_.emplace_back();
  string_ids_.emplace("", 0);
}

Graph::Graph(const Graph& other) {
  *this = other;
}

Graph& Graph::operator=(const Graph& other) {
  if (this == &other) return *this;
  store_ = other.store_;
  next_id_ = other.next_id_;
  name_index_ = other.name_index_;
  by_id_ = other.by_id_;
  strings_ = other.strings_;
  string_ids_ = other.string_ids_;
  documents_ = other.documents_;
  document_ids_ = other.document_ids_;
  text_pool_ = other.text_pool_;
  text_offsets_ = other.text_offsets_;
  text_ids_ = other.text_ids_;
  indexed_texts_ = other.indexed_texts_;
  unlinked_edges_ = other.unlinked_edges_;
  // adjacency_list copies vertices in order, so the two vertex lists pair up one to one.
  std::unordered_map<VertexId, VertexId> copied;
  copied.reserve(boost::num_vertices(store_));
  auto [from, from_end] = boost::vertices(other.store_);
  for (auto to = boost::vertices(store_).first; from != from_end; ++from, ++to)
    copied.emplace(*from, *to);
  for (auto& [key, list] : name_index_)
    for (VertexId& v : list) v = copied.at(v);
  for (auto& [id, v] : by_id_) v = copied.at(v);
  return *this;
}

// --- nodes ---

VertexId Graph::add_node(std::vector<std::string> labels, Map properties) {
  Node node;
  node.id = next_id_;
  node.labels = std::move(labels);
  VertexId v = restore_node(std::move(node));
  for (auto& [key, value] : properties) set_node_property(v, key, std::move(value));
  return v;
}

VertexId Graph::restore_node(Node node) {
  next_id_ = std::max(next_id_, node.id + 1);
  uint64_t id = node.id;
  // boost::add_vertex(property, g) copies the property; moving it in afterwards does not.
  VertexId v = boost::add_vertex(store_);
  store_[v] = std::move(node);
  by_id_.emplace(id, v);
  const Node& stored = store_[v];
  if (!stored.name.empty()) index_name(v, stored.name);
  for (const auto& alias : stored.aliases) index_name(v, alias);
  return v;
}

std::string_view Graph::type(VertexId v) const {
  const auto& labels = store_[v].labels;
  return labels.empty() ? kOther : std::string_view(labels.front());
}

VertexId Graph::entity(std::string_view name, std::string_view type) {
  const auto& candidates = find(name);
  // Same type first; then an untyped node, which takes this type.
  for (VertexId v : candidates)
    if (this->type(v) == type) return v;
  for (VertexId v : candidates) {
    if (this->type(v) == kOther || type == kOther) {
      if (type != kOther) {
        auto& labels = store_[v].labels;
        if (labels.empty())
          labels.emplace_back(type);
        else
          labels.front() = type;
      }
      return v;
    }
  }
  return add_node({std::string(type)}, {{"name", Value(name)}});
}

void Graph::add_alias(VertexId v, std::string_view alias) {
  Node& node = store_[v];
  if (alias.empty() || alias == node.name) return;
  if (std::find(node.aliases.begin(), node.aliases.end(), alias) != node.aliases.end()) return;
  node.aliases.emplace_back(alias);
  index_name(v, alias);
}

void Graph::add_mention(VertexId v, uint32_t document) {
  Node& node = store_[v];
  ++node.mentions;
  auto it = std::lower_bound(node.documents.begin(), node.documents.end(), document);
  if (it == node.documents.end() || *it != document) node.documents.insert(it, document);
}

void Graph::remove_node(VertexId v) {
  Node& node = store_[v];
  if (!node.name.empty()) unindex_name(v, node.name);
  for (const auto& alias : node.aliases) unindex_name(v, alias);
  by_id_.erase(node.id);
  boost::clear_vertex(v, store_);
  boost::remove_vertex(v, store_);
}

const VertexList& Graph::find(std::string_view name) const {
  auto it = name_index_.find(normalize_name(name));
  return it == name_index_.end() ? kNoVertices : it->second;
}

std::optional<VertexId> Graph::find_id(uint64_t id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void Graph::merge_nodes(VertexId keep, VertexId gone) {
  if (keep == gone) return;
  Node moved = store_[gone];
  struct Moved {
    VertexId from, to;
    Edge edge;
  };
  std::vector<Moved> edges;
  for (auto [it, end] = boost::out_edges(gone, store_); it != end; ++it)
    edges.push_back({keep, boost::target(*it, store_), store_[*it]});
  for (auto [it, end] = boost::in_edges(gone, store_); it != end; ++it)
    edges.push_back({boost::source(*it, store_), keep, store_[*it]});
  remove_node(gone);

  add_alias(keep, moved.name);
  for (const auto& alias : moved.aliases) add_alias(keep, alias);
  Node& node = store_[keep];
  node.mentions += moved.mentions;
  for (uint32_t document : moved.documents) {
    auto it = std::lower_bound(node.documents.begin(), node.documents.end(), document);
    if (it == node.documents.end() || *it != document) node.documents.insert(it, document);
  }
  for (const auto& [key, value] : moved.properties)
    if (key != "merged_from" && !map_find(node.properties, key))
      set_node_property(keep, key, value);
  List merged;
  if (const Value* before = map_find(store_[keep].properties, "merged_from");
      before && before->is<List>())
    merged = before->as<List>();
  if (const Value* before = map_find(moved.properties, "merged_from"); before && before->is<List>())
    for (const Value& name : before->as<List>()) merged.push_back(name);
  // One name under two types: the record says which type joined.
  bool same_name = normalize_name(moved.name) == normalize_name(store_[keep].name);
  merged.push_back(Value(same_name && !moved.labels.empty()
                             ? moved.name + " (" + moved.labels.front() + ")"
                             : moved.name));
  set_node_property(keep, "merged_from", Value(std::move(merged)));

  for (auto& [from, to, edge] : edges) {
    if (from == gone) from = keep;  // a loop on `gone` is listed as both out- and in-edge
    if (to == gone) to = keep;
    if (from == to) continue;
    // Two entities mentioned in one article: one MENTIONED_IN, their counts added up.
    bool mention = str(edge.relation) == kMentionedIn;
    std::optional<EdgeId> found;
    for (auto [it, end] = boost::out_edges(from, store_); it != end; ++it)
      if (boost::target(*it, store_) == to && store_[*it].relation == edge.relation &&
          (mention || (store_[*it].properties.empty() && edge.properties.empty()))) {
        found = *it;
        break;
      }
    if (!found) {
      restore_edge(from, to, std::move(edge));
      continue;
    }
    Edge& into = store_[*found];
    if (mention) {
      auto count = [](const Edge& e) {
        const Value* c = map_find(e.properties, "count");
        return c && c->is<int64_t>() ? c->as<int64_t>() : 0;
      };
      map_set(into.properties, "count", Value(count(into) + count(edge)));
      continue;
    }
    for (uint32_t form : edge.surface)
      if (std::find(into.surface.begin(), into.surface.end(), form) == into.surface.end())
        into.surface.push_back(form);
    for (const Evidence& ev : edge.evidence)
      if (std::find(into.evidence.begin(), into.evidence.end(), ev) == into.evidence.end())
        into.evidence.push_back(ev);
  }
}

void Graph::index_name(VertexId v, std::string_view name) {
  auto& slot = name_index_[normalize_name(name)];
  if (std::find(slot.begin(), slot.end(), v) == slot.end()) slot.push_back(v);
}

void Graph::unindex_name(VertexId v, std::string_view name) {
  auto it = name_index_.find(normalize_name(name));
  if (it == name_index_.end()) return;
  // Another name of the same node may share the key; keep the entry then.
  const Node& node = store_[v];
  std::string key = it->first;
  int uses = 0;
  if (!node.name.empty() && normalize_name(node.name) == key) ++uses;
  for (const auto& alias : node.aliases) uses += normalize_name(alias) == key;
  if (uses > 1) return;
  auto& slot = it->second;
  slot.erase(std::remove(slot.begin(), slot.end(), v), slot.end());
  if (slot.empty()) name_index_.erase(it);
}

// --- relations ---

EdgeId Graph::add_edge(VertexId from, VertexId to, std::string_view type, Map properties) {
  Edge edge;
  edge.id = next_id_;
  edge.relation = intern(type);
  std::erase_if(properties, [](const auto& entry) { return entry.second.is_null(); });
  std::sort(properties.begin(), properties.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  edge.properties = std::move(properties);
  return restore_edge(from, to, std::move(edge));
}

EdgeId Graph::restore_edge(VertexId from, VertexId to, Edge edge) {
  next_id_ = std::max(next_id_, edge.id + 1);
  EdgeId e = boost::add_edge(from, to, store_).first;  // then move: add_edge would copy
  store_[e] = std::move(edge);
  return e;
}

void Graph::append_edge(VertexId from, VertexId to, Edge edge) {
  next_id_ = std::max(next_id_, edge.id + 1);
  auto& list = store_.m_edges;  // Boost's own edge list, as boost::add_edge fills it
  list.emplace_back(from, to);
  list.back().get_property() = std::move(edge);
  ++unlinked_edges_;
}

void Graph::link_edges(const std::vector<VertexId>& vertices, const std::vector<EdgeEnds>& ends) {
  if (ends.size() != unlinked_edges_)
    throw std::logic_error("link_edges: not one end pair per relation");
  for (const EdgeEnds& e : ends)
    if (e.from >= vertices.size() || e.to >= vertices.size())
      throw std::logic_error("link_edges: vertex index out of range");
  auto& list = store_.m_edges;
  auto first = list.end();
  for (size_t i = 0; i < ends.size(); ++i) --first;
  using StoredEdge = decltype(Store::stored_vertex::m_out_edges)::value_type;
  // One pass per direction: a counting sort of the relations by their node, stable so that each
  // adjacency list gets them in file order, then one range insert per node.
  std::vector<StoredEdge> sorted(ends.size());
  std::vector<uint32_t> next(vertices.size() + 1);
  for (bool outgoing : {true, false}) {
    std::fill(next.begin(), next.end(), 0);
    for (const EdgeEnds& e : ends) ++next[(outgoing ? e.from : e.to) + 1];
    for (size_t v = 1; v < next.size(); ++v) next[v] += next[v - 1];
    auto edge = first;
    for (const EdgeEnds& e : ends) {
      uint32_t self = outgoing ? e.from : e.to, other = outgoing ? e.to : e.from;
      sorted[next[self]++] = StoredEdge(vertices[other], edge++);
    }
    // next[v] is now where the relations of node v end (and those of v + 1 begin).
    size_t begin = 0;
    for (size_t v = 0; v < vertices.size(); ++v) {
      auto* stored = static_cast<Store::stored_vertex*>(vertices[v]);
      auto& adjacency = outgoing ? stored->m_out_edges : stored->m_in_edges;
      adjacency.insert(adjacency.end(), sorted.begin() + static_cast<ptrdiff_t>(begin),
                       sorted.begin() + next[v]);
      begin = next[v];
    }
  }
  unlinked_edges_ = 0;
}

EdgeId Graph::add_fact(VertexId from, VertexId to, std::string_view relation,
                       std::string_view surface, const Evidence& evidence) {
  uint32_t rel = intern(relation);
  std::optional<EdgeId> found;
  for (auto [it, end] = boost::out_edges(from, store_); it != end; ++it) {
    if (boost::target(*it, store_) == to && store_[*it].relation == rel) {
      found = *it;
      break;
    }
  }
  if (!found) {
    Edge edge;
    edge.id = next_id_;
    edge.relation = rel;
    found = restore_edge(from, to, std::move(edge));
  }
  Edge& edge = store_[*found];
  if (!surface.empty()) {
    uint32_t form = intern(surface);
    if (std::find(edge.surface.begin(), edge.surface.end(), form) == edge.surface.end())
      edge.surface.push_back(form);
  }
  if (std::find(edge.evidence.begin(), edge.evidence.end(), evidence) == edge.evidence.end())
    edge.evidence.push_back(evidence);
  return *found;
}

void Graph::remove_edge(EdgeId e) {
  boost::remove_edge(e, store_);
}

// --- properties ---

Value Graph::node_property(VertexId v, std::string_view key) const {
  const Node& node = store_[v];
  if (key == "name" && !node.name.empty()) return Value(node.name);
  if (key == "aliases" && !node.aliases.empty()) {
    List list(node.aliases.begin(), node.aliases.end());
    return Value(std::move(list));
  }
  const Value* value = map_find(node.properties, key);
  if (value) return *value;
  if (node.mentions == 0) return Value();
  if (key == "mentions") return Value(static_cast<int64_t>(node.mentions));
  if (key == "articles") return Value(static_cast<int64_t>(node.documents.size()));
  if (key == "first_seen" || key == "last_seen") {
    auto [first, last] = seen(v);
    return key == "first_seen" ? first : last;
  }
  return Value();
}

std::pair<Value, Value> Graph::seen(VertexId v) const {
  Value first, last;
  for (auto [it, end] = boost::out_edges(v, store_); it != end; ++it) {
    if (str(store_[*it].relation) != kMentionedIn) continue;
    Value date = node_property(boost::target(*it, store_), "date");
    if (!date.is<temporal::Temporal>()) continue;
    const auto& t = date.as<temporal::Temporal>();
    if (first.is_null() || temporal::order(t, first.as<temporal::Temporal>()) < 0) first = date;
    if (last.is_null() || temporal::order(t, last.as<temporal::Temporal>()) > 0) last = date;
  }
  return {first, last};
}

std::vector<std::string> Graph::node_keys(VertexId v) const {
  const Node& node = store_[v];
  std::vector<std::string> keys;
  if (!node.name.empty()) keys.emplace_back("name");
  if (!node.aliases.empty()) keys.emplace_back("aliases");
  if (node.mentions > 0) {
    keys.emplace_back("mentions");
    keys.emplace_back("articles");
    if (!seen(v).first.is_null()) {
      keys.emplace_back("first_seen");
      keys.emplace_back("last_seen");
    }
  }
  for (const auto& entry : node.properties) keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void Graph::set_node_property(VertexId v, std::string_view key, Value value) {
  Node& node = store_[v];
  if (key == "name") {
    if (!node.name.empty()) {
      unindex_name(v, node.name);
      node.name.clear();
    }
    map_set(node.properties, key, Value());
    if (value.is<std::string>() && !value.as<std::string>().empty()) {
      node.name = value.as<std::string>();
      index_name(v, node.name);
      return;
    }
  } else if (key == "aliases") {
    bool all_strings = value.is<List>() && !value.as<List>().empty() &&
                       std::all_of(value.as<List>().begin(), value.as<List>().end(),
                                   [](const Value& item) { return item.is<std::string>(); });
    for (const auto& alias : node.aliases) unindex_name(v, alias);
    node.aliases.clear();
    map_set(node.properties, key, Value());
    if (all_strings) {
      for (const auto& item : value.as<List>()) {
        node.aliases.push_back(item.as<std::string>());
        index_name(v, node.aliases.back());
      }
      return;
    }
  }
  map_set(node.properties, key, std::move(value));
}

Value Graph::edge_property(EdgeId e, std::string_view key) const {
  const Edge& edge = store_[e];
  if (const Value* value = map_find(edge.properties, key)) return *value;
  if (edge.evidence.empty()) return Value();
  if (key == "count") return Value(static_cast<int64_t>(edge.evidence.size()));
  if (key == "confidence") {
    float best = 0;
    for (const auto& ev : edge.evidence) best = std::max(best, ev.confidence);
    return Value(static_cast<double>(best));
  }
  if (key == "sentences") {
    List list;
    for (const auto& ev : edge.evidence) list.emplace_back(text(ev.text));
    return Value(std::move(list));
  }
  if (key == "negated") {
    bool all = std::all_of(edge.evidence.begin(), edge.evidence.end(),
                           [](const Evidence& ev) { return ev.negated; });
    return Value(all);
  }
  if (key == "date" || key == "date_precision") {
    std::string_view date = earliest_date(edge);
    if (date.empty()) return Value();
    if (key == "date_precision") return Value(std::string(date_precision(date)));
    // A day is a Cypher date, so that it compares with date('2022-04-01'); a month, week or
    // year stays its ISO string, which sorts in time order among its kind.
    if (date.size() == 10) return Value(temporal::parse(temporal::TKind::kDate, date));
    return Value(std::string(date));
  }
  return Value();
}

std::string_view Graph::earliest_date(const Edge& edge) const {
  std::string_view best;
  for (const auto& ev : edge.evidence)
    if (ev.date && (best.empty() || str(ev.date) < best)) best = str(ev.date);
  return best;
}

std::vector<std::string> Graph::edge_keys(EdgeId e) const {
  const Edge& edge = store_[e];
  std::vector<std::string> keys;
  if (!edge.evidence.empty()) keys = {"confidence", "count", "negated", "sentences"};
  if (!earliest_date(edge).empty()) {
    keys.emplace_back("date");
    keys.emplace_back("date_precision");
  }
  for (const auto& entry : edge.properties) keys.push_back(entry.first);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void Graph::set_edge_property(EdgeId e, std::string_view key, Value value) {
  map_set(store_[e].properties, key, std::move(value));
}

// --- strings ---

uint32_t Graph::intern(std::string_view s) {
  if (s.empty()) return 0;  // most evidence has no modality, attribution or time
  auto it = string_ids_.find(s);
  if (it != string_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  string_ids_.emplace(std::string(s), id);
  return id;
}

std::optional<uint32_t> Graph::interned(std::string_view s) const {
  if (s.empty()) return 0;
  auto it = string_ids_.find(s);
  if (it == string_ids_.end()) return std::nullopt;
  return it->second;
}

std::string_view Graph::date_precision(std::string_view iso) {
  if (iso.size() == 10) return "day";
  if (iso.find('W') != std::string_view::npos) return "week";
  return iso.size() == 7 ? "month" : iso.size() == 3 ? "decade" : "year";
}

void Graph::remove_document(uint32_t d) {
  if (d >= documents_.size()) return;
  std::vector<EdgeId> emptied;
  for (auto [it, end] = boost::edges(store_); it != end; ++it) {
    auto& evidence = store_[*it].evidence;
    if (evidence.empty()) continue;
    auto kept = std::remove_if(evidence.begin(), evidence.end(),
                               [&](const Evidence& ev) { return ev.document == d; });
    evidence.erase(kept, evidence.end());
    for (auto& ev : evidence)
      if (ev.document > d) --ev.document;
    if (evidence.empty()) emptied.push_back(*it);
  }
  for (EdgeId e : emptied) remove_edge(e);
  for (auto [it, end] = boost::vertices(store_); it != end; ++it) {
    auto& documents = store_[*it].documents;
    auto found = std::lower_bound(documents.begin(), documents.end(), d);
    if (found != documents.end() && *found == d) documents.erase(found);
    for (auto& doc : documents)
      if (doc > d) --doc;
  }
  documents_.erase(documents_.begin() + d);
  document_ids_.clear();
  for (uint32_t i = 0; i < documents_.size(); ++i) document_ids_.emplace(documents_[i], i);
}

void Graph::rename_document(uint32_t d, std::string_view name) {
  if (d >= documents_.size()) return;
  document_ids_.erase(documents_[d]);
  documents_[d] = std::string(name);
  document_ids_.emplace(documents_[d], d);
}

std::optional<uint32_t> Graph::find_document(std::string_view name) const {
  if (auto it = document_ids_.find(name); it != document_ids_.end()) return it->second;
  return std::nullopt;
}

uint32_t Graph::add_document(std::string_view name) {
  if (auto it = document_ids_.find(name); it != document_ids_.end()) return it->second;
  auto id = static_cast<uint32_t>(documents_.size());
  document_ids_.emplace(std::string(name), id);
  documents_.emplace_back(name);
  return id;
}

uint32_t Graph::add_text(std::string_view sentence) {
  // Texts added by the loader are indexed lazily, on the first add_text after them.
  std::hash<std::string_view> hash;
  for (; indexed_texts_ < text_count(); ++indexed_texts_) {
    auto i = static_cast<uint32_t>(indexed_texts_);
    text_ids_.emplace(hash(text(i)), i);
  }
  size_t h = hash(sentence);
  for (auto [it, end] = text_ids_.equal_range(h); it != end; ++it)
    if (text(it->second) == sentence) return it->second;
  uint32_t id = add_text_unchecked(sentence);
  text_ids_.emplace(h, id);
  indexed_texts_ = text_count();
  return id;
}

void Graph::reserve_texts(size_t bytes) {
  text_pool_.reserve(text_pool_.size() + bytes);
  // A large pool is a block of its own, mapped by malloc: advising it onto transparent huge
  // pages halves what the kernel spends on first touching it (loading a graph fills it at once).
  constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
  if (text_pool_.capacity() < 4 * kHugePage) return;
  auto begin = reinterpret_cast<uintptr_t>(text_pool_.data());
  uintptr_t first = (begin + kHugePage - 1) / kHugePage * kHugePage;
  uintptr_t last = (begin + text_pool_.capacity()) / kHugePage * kHugePage;
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

void Graph::reserve(size_t nodes, size_t texts) {
  if (nodes) {
    by_id_.reserve(by_id_.size() + nodes);
    name_index_.reserve(name_index_.size() + nodes);
  }
  text_offsets_.reserve(text_offsets_.size() + texts);
}

uint32_t Graph::add_text_unchecked(std::string_view text) {
  text_pool_.append(text);
  text_offsets_.push_back(text_pool_.size());
  return static_cast<uint32_t>(text_offsets_.size() - 2);
}

}  // namespace kg::graph
