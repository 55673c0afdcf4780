// Loading: RapidJSON's SAX reader over the file mapped read-only, into a small state machine,
// so that a large graph is never held twice and the file is never copied.
#include <fcntl.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "graph/checked_stream.h"
#include "graph/persist.h"

namespace kg::graph {

namespace {

enum class Ctx : uint8_t {
  Document,
  Top,
  Documents,
  Texts,
  Nodes,
  Edges,
  Node,
  Edge,
  Labels,
  Aliases,
  NodeDocuments,
  Surface,
  EvidenceList,
  EvidenceItem,
  Mentions,
  MentionItem,
  Done
};

constexpr int kMaxPropertyDepth = 128;
constexpr uint64_t kMaxDenseId = uint64_t{1} << 28;
constexpr uint32_t kNoVertex = UINT32_MAX;
// The header's counts are hints for reserving memory; a corrupt one must not reserve terabytes,
// and every node, relation or text takes more than this many bytes of the file.
constexpr size_t kMinBytesPerItem = 8;

class Loader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Loader> {
 public:
  Loader(Graph& graph, CheckedStream& stream, size_t file_size)
      : graph_(graph), stream_(stream), file_size_(file_size) {
    ctx_.push_back(Ctx::Document);
  }

  // Links the relations into the adjacency lists, once the whole file is read.
  void finish() { graph_.link_edges(vertices_, ends_); }

  const std::string& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }
  bool finished() const { return ctx_.back() == Ctx::Done; }

  bool Null() { return building() ? add_generic(Value()) : fail("unexpected null"); }
  bool Bool(bool b) {
    if (building()) return add_generic(Value(b));
    if (ctx_.back() == Ctx::EvidenceItem && field_index_ == 6)
      return evidence_field([&] { evidence_.negated = b; });
    return fail("unexpected boolean");
  }
  bool Int(int i) { return Int64(i); }
  bool Int64(int64_t i) {
    if (building()) return add_generic(Value(i));
    if (i < 0) return fail("unexpected negative number");
    return Uint64(static_cast<uint64_t>(i));
  }
  bool Uint(unsigned u) { return Uint64(u); }
  bool Uint64(uint64_t u);
  bool Double(double d) {
    if (building()) return add_generic(Value(d));
    if (ctx_.back() == Ctx::EvidenceItem && field_index_ == 5)
      return evidence_field([&] { evidence_.confidence = static_cast<float>(d); });
    return fail("unexpected number");
  }
  bool String(const char* s, rapidjson::SizeType length, bool) {
    return string(std::string_view(s, length));
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    if (building()) {
      keys_.emplace_back(s, length);
      return true;
    }
    // The reader reuses its buffer for the value that follows: keep a copy.
    key_storage_.assign(s, length);
    key_ = key_storage_;
    return true;
  }
  bool StartObject();
  bool EndObject(rapidjson::SizeType);
  bool StartArray();
  bool EndArray(rapidjson::SizeType);

 private:
  bool fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_offset_ = stream_.Tell();
    }
    return false;
  }
  bool unexpected_key() { return fail("unexpected key \"" + std::string(key_) + "\""); }
  bool string(std::string_view s);
  template <class F>
  bool evidence_field(F set) {
    set();
    ++field_index_;
    return true;
  }
  bool evidence_uint(uint64_t u);
  bool mention_uint(uint64_t u);
  bool end_mention();
  // The index in vertices_ of the node with this id, or kNoVertex. Files kg writes number
  // their nodes 0, 1, 2... in order, so the id is the index: no table at all, no cache miss.
  // Otherwise node ids are mostly dense, and a vector of indexes beats a hash map.
  uint32_t vertex_for(uint64_t id) const {
    if (ids_are_indexes_) return id < vertices_.size() ? static_cast<uint32_t>(id) : kNoVertex;
    if (id < dense_.size()) return dense_[id] - 1;  // 0 means none: kNoVertex after the - 1
    if (id < kMaxDenseId) return kNoVertex;
    auto it = sparse_.find(id);
    return it == sparse_.end() ? kNoVertex : it->second;
  }
  bool remember(uint64_t id, VertexId v) {
    if (vertices_.size() >= kNoVertex - 1) return fail("too many nodes");
    auto index = static_cast<uint32_t>(vertices_.size());
    vertices_.push_back(v);
    if (ids_are_indexes_) {
      if (id == index) return true;
      ids_are_indexes_ = false;  // from now on the tables: first for the nodes so far
      for (uint32_t i = 0; i < index; ++i) index_id(i, i);
    }
    index_id(id, index);
    return true;
  }
  void index_id(uint64_t id, uint32_t index) {
    if (id >= kMaxDenseId) {
      sparse_.emplace(id, index);
      return;
    }
    if (id >= dense_.size()) dense_.resize(std::max<size_t>(id + 1, dense_.size() * 2), 0);
    dense_[id] = index + 1;
  }
  // A count from the header, capped by what the file could possibly hold.
  size_t hint(uint64_t count) const {
    return std::min<uint64_t>(count, file_size_ / kMinBytesPerItem);
  }
  uint32_t intern_relation(std::string_view s);

  // Property values of any shape are built on a stack of open containers.
  bool building() const { return !open_.empty(); }
  bool add_generic(Value value);
  bool open_generic(Value container) {
    if (open_.size() >= kMaxPropertyDepth) return fail("property value nested too deep");
    open_.push_back(std::move(container));
    return true;
  }
  bool close_generic();

  Graph& graph_;
  CheckedStream& stream_;
  size_t file_size_;
  std::vector<Ctx> ctx_;
  std::string_view key_;
  std::string key_storage_;
  std::string error_;
  size_t error_offset_ = 0;
  bool saw_format_ = false;
  bool saw_version_ = false;
  Node node_;
  bool node_has_id_ = false;
  Edge edge_;
  bool edge_has_id_ = false;
  std::unordered_set<uint64_t> edge_ids_;       // relationship ids seen: each must be unique
  uint32_t from_ = kNoVertex, to_ = kNoVertex;  // indexes in vertices_
  Evidence evidence_;
  int field_index_ = 0;
  std::vector<Value> open_;
  std::vector<std::string> keys_;   // pending keys of open maps
  std::vector<VertexId> vertices_;  // in the order of the file
  bool ids_are_indexes_ = true;     // so far, each node's id is its index in vertices_
  std::vector<uint32_t> dense_;     // node id -> index in vertices_ + 1, 0 for none
  std::unordered_map<uint64_t, uint32_t> sparse_;  // the same for ids too large for dense_
  std::vector<Graph::EdgeEnds> ends_;              // of each relation, in the order of the file
  // The last few relation names: a graph has few, and most repeat often.
  struct RecentRelation {
    std::string name;
    uint32_t id = 0;
  };
  std::array<RecentRelation, 8> recent_relations_{};
  size_t next_recent_ = 0;
};

uint32_t Loader::intern_relation(std::string_view s) {
  for (const auto& recent : recent_relations_)
    if (recent.id != 0 && recent.name == s) return recent.id;
  uint32_t id = graph_.intern(s);
  auto& slot = recent_relations_[next_recent_++ % recent_relations_.size()];
  slot.name.assign(s);
  slot.id = id;
  return id;
}

bool Loader::Uint64(uint64_t u) {
  if (building()) return add_generic(Value(static_cast<int64_t>(u)));
  switch (ctx_.back()) {
    case Ctx::Top:
      if (key_ == "version") {
        // Version 1 files are version 2 without the "mentions" section.
        if (u != 1 && u != static_cast<uint64_t>(kFormatVersion))
          return fail("format version " + std::to_string(u) + " is not supported (this kg reads " +
                      "1 to " + std::to_string(kFormatVersion) + ")");
        saw_version_ = true;
        return true;
      }
      if (key_ == "next_id") return true;  // recomputed from the ids themselves
      // Optional counts (written since they were added; older files lack them): only hints.
      if (key_ == "node_count") {
        vertices_.reserve(hint(u));
        graph_.reserve(hint(u), 0);
        return true;
      }
      if (key_ == "edge_count") {
        ends_.reserve(hint(u));
        return true;
      }
      if (key_ == "text_count") {
        graph_.reserve(0, hint(u));
        return true;
      }
      return unexpected_key();
    case Ctx::Node:
      if (key_ == "id") {
        node_.id = u;
        node_has_id_ = true;
      } else if (key_ == "mentions") {
        node_.mentions = static_cast<uint32_t>(u);
      } else {
        return unexpected_key();
      }
      return true;
    case Ctx::Edge:
      if (key_ == "id") {
        edge_.id = u;
        edge_has_id_ = true;
        return true;
      }
      if (key_ == "from" || key_ == "to") {
        uint32_t v = vertex_for(u);
        if (v == kNoVertex) return fail("relation refers to unknown node " + std::to_string(u));
        (key_ == "from" ? from_ : to_) = v;
        return true;
      }
      return unexpected_key();
    case Ctx::NodeDocuments:
      if (u >= graph_.documents().size()) return fail("unknown document index");
      node_.documents.push_back(static_cast<uint32_t>(u));
      return true;
    case Ctx::EvidenceItem:
      return evidence_uint(u);
    case Ctx::MentionItem:
      return mention_uint(u);
    default:
      return fail("unexpected number");
  }
}

bool Loader::evidence_uint(uint64_t u) {
  if (u > UINT32_MAX) return fail("evidence number out of range");
  auto n = static_cast<uint32_t>(u);
  switch (field_index_) {
    case 0:
      if (n >= graph_.documents().size()) return fail("unknown document index");
      return evidence_field([&] { evidence_.document = n; });
    case 1:
      return evidence_field([&] { evidence_.sentence = n; });
    case 2:
      return evidence_field([&] { evidence_.begin = n; });
    case 3:
      return evidence_field([&] { evidence_.end = n; });
    case 4:
      if (n >= graph_.text_count()) return fail("unknown text index");
      return evidence_field([&] { evidence_.text = n; });
    case 5:
      return evidence_field([&] { evidence_.confidence = static_cast<float>(n); });
    default:
      return fail("unexpected number in evidence");
  }
}

// A mention is [id, from, to, count]: a MENTIONED_IN relationship with only its count.
bool Loader::mention_uint(uint64_t u) {
  int field = field_index_++;
  switch (field) {
    case 0:
      edge_ = Edge{};
      edge_.id = u;
      from_ = to_ = kNoVertex;
      return true;
    case 1:
    case 2: {
      uint32_t v = vertex_for(u);
      if (v == kNoVertex) return fail("mention refers to unknown node " + std::to_string(u));
      (field == 1 ? from_ : to_) = v;
      return true;
    }
    case 3:
      if (u > static_cast<uint64_t>(INT64_MAX)) return fail("mention count out of range");
      map_set(edge_.properties, "count", Value(static_cast<int64_t>(u)));
      return true;
    default:
      return fail("a mention has four numbers: id, from, to, count");
  }
}

bool Loader::end_mention() {
  if (field_index_ != 4) return fail("a mention has four numbers: id, from, to, count");
  if (!edge_ids_.insert(edge_.id).second)
    return fail("duplicate relation id " + std::to_string(edge_.id));
  edge_.relation = intern_relation(kMentionedIn);
  graph_.append_edge(vertices_[from_], vertices_[to_], std::move(edge_));
  ends_.push_back({from_, to_});
  return true;
}

bool Loader::string(std::string_view s) {
  if (building()) return add_generic(Value(s));
  switch (ctx_.back()) {
    case Ctx::Top:
      if (key_ != "format") return unexpected_key();
      if (s != "kg-graph") return fail("not a kg graph file (format \"" + std::string(s) + "\")");
      saw_format_ = true;
      return true;
    case Ctx::Documents:
      graph_.add_document(s);
      return true;
    case Ctx::Texts:
      graph_.add_text_unchecked(s);
      return true;
    case Ctx::Node:
      if (key_ != "name") return unexpected_key();
      node_.name = s;
      return true;
    case Ctx::Edge:
      if (key_ != "relation") return unexpected_key();
      edge_.relation = intern_relation(s);
      return true;
    case Ctx::Labels:
      node_.labels.emplace_back(s);
      return true;
    case Ctx::Aliases:
      node_.aliases.emplace_back(s);
      return true;
    case Ctx::Surface:
      edge_.surface.push_back(graph_.intern(s));
      return true;
    case Ctx::EvidenceItem:
      if (field_index_ < 7 || field_index_ > 10) return fail("unexpected string in evidence");
      {
        uint32_t id = graph_.intern(s);
        uint32_t* slot[] = {&evidence_.modality, &evidence_.attribution, &evidence_.time,
                            &evidence_.date};
        *slot[field_index_ - 7] = id;
      }
      ++field_index_;
      return true;
    default:
      return fail("unexpected string");
  }
}

bool Loader::StartObject() {
  if (building()) return open_generic(Value(Map{}));
  switch (ctx_.back()) {
    case Ctx::Document:
      ctx_.back() = Ctx::Top;
      return true;
    case Ctx::Nodes:
      node_ = Node{};
      node_has_id_ = false;
      ctx_.push_back(Ctx::Node);
      return true;
    case Ctx::Edges:
      edge_ = Edge{};
      edge_has_id_ = false;
      from_ = to_ = kNoVertex;
      ctx_.push_back(Ctx::Edge);
      return true;
    case Ctx::Node:
    case Ctx::Edge:
      if (key_ != "properties") return unexpected_key();
      return open_generic(Value(Map{}));
    default:
      return fail("unexpected object");
  }
}

bool Loader::EndObject(rapidjson::SizeType) {
  if (building()) return close_generic();
  switch (ctx_.back()) {
    case Ctx::Top:
      if (!saw_format_) return fail("not a kg graph file (no \"format\")");
      if (!saw_version_) return fail("no format version");
      ctx_.back() = Ctx::Done;
      return true;
    case Ctx::Node:
      if (!node_has_id_) return fail("node without an id");
      if (vertex_for(node_.id) != kNoVertex)
        return fail("duplicate id " + std::to_string(node_.id));
      {
        uint64_t id = node_.id;
        if (!remember(id, graph_.restore_node(std::move(node_)))) return false;
      }
      ctx_.pop_back();
      return true;
    case Ctx::Edge:
      if (!edge_has_id_ || from_ == kNoVertex || to_ == kNoVertex || edge_.relation == 0)
        return fail("relation needs id, from, to and relation");
      if (!edge_ids_.insert(edge_.id).second)
        return fail("duplicate relation id " + std::to_string(edge_.id));
      graph_.append_edge(vertices_[from_], vertices_[to_], std::move(edge_));
      ends_.push_back({from_, to_});
      ctx_.pop_back();
      return true;
    default:
      return fail("unexpected end of object");
  }
}

bool Loader::StartArray() {
  if (building()) return open_generic(Value(List{}));
  Ctx next;
  switch (ctx_.back()) {
    case Ctx::Top:
      if (key_ == "documents")
        next = Ctx::Documents;
      else if (key_ == "texts")
        next = Ctx::Texts;
      else if (key_ == "nodes")
        next = Ctx::Nodes;
      else if (key_ == "edges")
        next = Ctx::Edges;
      else if (key_ == "mentions")
        next = Ctx::Mentions;
      else
        return unexpected_key();
      break;
    case Ctx::Node:
      if (key_ == "labels")
        next = Ctx::Labels;
      else if (key_ == "aliases")
        next = Ctx::Aliases;
      else if (key_ == "documents")
        next = Ctx::NodeDocuments;
      else
        return unexpected_key();
      break;
    case Ctx::Edge:
      if (key_ == "surface")
        next = Ctx::Surface;
      else if (key_ == "evidence")
        next = Ctx::EvidenceList;
      else
        return unexpected_key();
      break;
    case Ctx::EvidenceList:
      evidence_ = Evidence{};
      field_index_ = 0;
      next = Ctx::EvidenceItem;
      break;
    case Ctx::Mentions:
      field_index_ = 0;
      next = Ctx::MentionItem;
      break;
    default:
      return fail("unexpected array");
  }
  ctx_.push_back(next);
  return true;
}

bool Loader::EndArray(rapidjson::SizeType) {
  if (building()) return close_generic();
  if (ctx_.back() == Ctx::EvidenceItem) {
    if (field_index_ != 10 && field_index_ != 11) return fail("evidence needs 10 or 11 fields");
    edge_.evidence.push_back(evidence_);
  }
  if (ctx_.back() == Ctx::MentionItem && !end_mention()) return false;
  ctx_.pop_back();
  return true;
}

bool Loader::add_generic(Value value) {
  Value& top = open_.back();
  if (top.is<List>()) {
    top.as<List>().push_back(std::move(value));
  } else {
    top.as<Map>().emplace_back(std::move(keys_.back()), std::move(value));
    keys_.pop_back();
  }
  return true;
}

bool Loader::close_generic() {
  Value done = std::move(open_.back());
  open_.pop_back();
  if (done.is<Map>()) {
    // Sorted keys, the last of duplicates wins, nulls dropped: as map_set would have built it.
    Map sorted;
    for (auto& [key, value] : done.as<Map>()) map_set(sorted, key, std::move(value));
    done = Value(std::move(sorted));
    // {"$date": "2022-04-26"} and the like: a temporal value; {"$float": "NaN"}: a float.
    const Map& m = done.as<Map>();
    if (building() && m.size() == 1 && m[0].second.is<std::string>())
      if (auto t = tagged_from_json(m[0].first, m[0].second.as<std::string>())) done = *t;
  }
  if (building()) return add_generic(std::move(done));
  if (ctx_.back() == Ctx::Node)
    node_.properties = std::move(done.as<Map>());
  else
    edge_.properties = std::move(done.as<Map>());
  return true;
}

}  // namespace

namespace {

// Parses the `size` bytes at `data`; they need no terminator and are not changed.
Graph parse_buffer(const char* data, size_t size, const std::string& name) {
  if (size == 0) throw GraphError(name + ":0: empty file, not a kg graph");
  Graph graph;
  graph.reserve_texts(size / 2);
  CheckedStream stream(data, size);
  Loader loader(graph, stream, size);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, loader);
  // Bad bytes anywhere are reported before anything else, as if checked before parsing.
  if (size_t bad = stream.first_invalid(); bad != size)
    throw GraphError(name + ":" + std::to_string(bad) +
                     (data[bad] == '\0' ? ": NUL byte, not a kg graph" : ": invalid UTF-8"));
  if (!ok) {
    if (!loader.error().empty())
      throw GraphError(name + ":" + std::to_string(loader.error_offset()) + ": " + loader.error());
    throw GraphError(name + ":" + std::to_string(ok.Offset()) + ": " +
                     rapidjson::GetParseError_En(ok.Code()));
  }
  if (!loader.finished()) throw GraphError(name + ": not a kg graph file");
  size_t offset = stream.Tell();
  while (offset < size && std::isspace(static_cast<unsigned char>(data[offset]))) ++offset;
  if (offset != size)
    throw GraphError(name + ":" + std::to_string(offset) + ": unexpected data after the graph");
  loader.finish();
  return graph;
}

// A file mapped read-only. Reading it into memory of our own would cost as much again in fresh
// pages (each zeroed by the kernel, then copied into) as the whole graph: mapping the page cache
// costs neither. kg replaces graph files by rename, so a file never shrinks under the mapping.
class MappedFile {
 public:
  MappedFile(int fd, size_t size) : size_(size) {
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) throw GraphError(std::string("cannot map: ") + std::strerror(errno));
    data_ = static_cast<const char*>(p);
    ::madvise(const_cast<char*>(data_), size, MADV_SEQUENTIAL);  // advice only
  }
  ~MappedFile() { ::munmap(const_cast<char*>(data_), size_); }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const char* data() const { return data_; }

 private:
  size_t size_;
  const char* data_ = nullptr;
};

}  // namespace

Graph parse_graph(std::string text, const std::string& name) {
  return parse_buffer(text.data(), text.size(), name);
}

Graph load_graph(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever; the
  // check below refuses it (a mapped regular file ignores the flag).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw GraphError(path + ": cannot open graph file: " + std::strerror(errno));
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw GraphError(path + ": not a regular file");
  }
  auto size = static_cast<size_t>(info.st_size);
  if (size == 0) {
    ::close(fd);
    return parse_buffer("", 0, path);  // the usual "empty file" error
  }
  std::unique_ptr<MappedFile> file;
  try {
    file = std::make_unique<MappedFile>(fd, size);
  } catch (const GraphError& e) {
    ::close(fd);
    throw GraphError(path + ": " + e.what());
  }
  ::close(fd);  // the mapping keeps the file
  return parse_buffer(file->data(), size, path);
}

}  // namespace kg::graph
