// Loading: RapidJSON's SAX reader over the file read in place, into a small state machine,
// so that a large graph is never held twice.
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "graph/persist.h"

namespace kg::graph {

namespace {

enum class Ctx : uint8_t {
  Document, Top, Documents, Texts, Nodes, Edges, Node, Edge,
  Labels, Aliases, NodeDocuments, Surface, EvidenceList, EvidenceItem, Done
};

constexpr int kMaxPropertyDepth = 128;
constexpr uint64_t kMaxDenseId = uint64_t{1} << 28;

class Loader : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Loader> {
 public:
  Loader(Graph& graph, rapidjson::InsituStringStream& stream) : graph_(graph), stream_(stream) {
    ctx_.push_back(Ctx::Document);
  }

  const std::string& error() const { return error_; }
  size_t error_offset() const { return error_offset_; }
  bool finished() const { return ctx_.back() == Ctx::Done; }

  bool Null() { return building() ? add_generic(Value()) : fail("unexpected null"); }
  bool Bool(bool b) {
    if (building()) return add_generic(Value(b));
    if (ctx_.back() == Ctx::EvidenceItem && field_index_ == 6) return evidence_field([&] { evidence_.negated = b; });
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
    key_ = std::string_view(s, length);  // in-situ parsing: the key stays in the buffer
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
  // Node ids are mostly dense: a vector finds them faster than the graph's hash map.
  std::optional<VertexId> vertex_for(uint64_t id) const {
    if (id < dense_.size()) {
      if (dense_[id]) return dense_[id];
      return std::nullopt;
    }
    return graph_.find_id(id);
  }
  void remember(uint64_t id, VertexId v) {
    if (id >= kMaxDenseId) return;
    if (id >= dense_.size()) dense_.resize(std::max<size_t>(id + 1, dense_.size() * 2), nullptr);
    dense_[id] = v;
  }

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
  rapidjson::InsituStringStream& stream_;
  std::vector<Ctx> ctx_;
  std::string_view key_;
  std::string error_;
  size_t error_offset_ = 0;
  bool saw_format_ = false;
  bool saw_version_ = false;
  Node node_;
  bool node_has_id_ = false;
  Edge edge_;
  bool edge_has_id_ = false;
  std::optional<VertexId> from_, to_;
  Evidence evidence_;
  int field_index_ = 0;
  std::vector<Value> open_;
  std::vector<std::string> keys_;  // pending keys of open maps
  std::vector<VertexId> dense_;
};

bool Loader::Uint64(uint64_t u) {
  if (building()) return add_generic(Value(static_cast<int64_t>(u)));
  switch (ctx_.back()) {
    case Ctx::Top:
      if (key_ == "version") {
        if (u != static_cast<uint64_t>(kFormatVersion))
          return fail("format version " + std::to_string(u) + " is not supported (this kg reads " +
                      std::to_string(kFormatVersion) + ")");
        saw_version_ = true;
        return true;
      }
      if (key_ == "next_id") return true;  // recomputed from the ids themselves
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
        auto v = vertex_for(u);
        if (!v) return fail("relation refers to unknown node " + std::to_string(u));
        (key_ == "from" ? from_ : to_) = *v;
        return true;
      }
      return unexpected_key();
    case Ctx::NodeDocuments:
      if (u >= graph_.documents().size()) return fail("unknown document index");
      node_.documents.push_back(static_cast<uint32_t>(u));
      return true;
    case Ctx::EvidenceItem:
      return evidence_uint(u);
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
    case 1: return evidence_field([&] { evidence_.sentence = n; });
    case 2: return evidence_field([&] { evidence_.begin = n; });
    case 3: return evidence_field([&] { evidence_.end = n; });
    case 4:
      if (n >= graph_.text_count()) return fail("unknown text index");
      return evidence_field([&] { evidence_.text = n; });
    case 5: return evidence_field([&] { evidence_.confidence = static_cast<float>(n); });
    default: return fail("unexpected number in evidence");
  }
}

bool Loader::string(std::string_view s) {
  if (building()) return add_generic(Value(s));
  switch (ctx_.back()) {
    case Ctx::Top:
      if (key_ != "format") return unexpected_key();
      if (s != "kg-graph") return fail("not a kg graph file (format \"" + std::string(s) + "\")");
      saw_format_ = true;
      return true;
    case Ctx::Documents: graph_.add_document(s); return true;
    case Ctx::Texts: graph_.add_text_unchecked(s); return true;
    case Ctx::Node:
      if (key_ != "name") return unexpected_key();
      node_.name = s;
      return true;
    case Ctx::Edge:
      if (key_ != "relation") return unexpected_key();
      edge_.relation = graph_.intern(s);
      return true;
    case Ctx::Labels: node_.labels.emplace_back(s); return true;
    case Ctx::Aliases: node_.aliases.emplace_back(s); return true;
    case Ctx::Surface: edge_.surface.push_back(graph_.intern(s)); return true;
    case Ctx::EvidenceItem:
      if (field_index_ < 7 || field_index_ > 9) return fail("unexpected string in evidence");
      {
        uint32_t id = graph_.intern(s);
        uint32_t* slot[] = {&evidence_.modality, &evidence_.attribution, &evidence_.time};
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
    case Ctx::Document: ctx_.back() = Ctx::Top; return true;
    case Ctx::Nodes:
      node_ = Node{};
      node_has_id_ = false;
      ctx_.push_back(Ctx::Node);
      return true;
    case Ctx::Edges:
      edge_ = Edge{};
      edge_has_id_ = false;
      from_.reset();
      to_.reset();
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
      if (vertex_for(node_.id)) return fail("duplicate id " + std::to_string(node_.id));
      {
        uint64_t id = node_.id;
        remember(id, graph_.restore_node(std::move(node_)));
      }
      ctx_.pop_back();
      return true;
    case Ctx::Edge:
      if (!edge_has_id_ || !from_ || !to_ || edge_.relation == 0)
        return fail("relation needs id, from, to and relation");
      graph_.restore_edge(*from_, *to_, std::move(edge_));
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
      if (key_ == "documents") next = Ctx::Documents;
      else if (key_ == "texts") next = Ctx::Texts;
      else if (key_ == "nodes") next = Ctx::Nodes;
      else if (key_ == "edges") next = Ctx::Edges;
      else return unexpected_key();
      break;
    case Ctx::Node:
      if (key_ == "labels") next = Ctx::Labels;
      else if (key_ == "aliases") next = Ctx::Aliases;
      else if (key_ == "documents") next = Ctx::NodeDocuments;
      else return unexpected_key();
      break;
    case Ctx::Edge:
      if (key_ == "surface") next = Ctx::Surface;
      else if (key_ == "evidence") next = Ctx::EvidenceList;
      else return unexpected_key();
      break;
    case Ctx::EvidenceList:
      evidence_ = Evidence{};
      field_index_ = 0;
      next = Ctx::EvidenceItem;
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
    if (field_index_ != 10) return fail("evidence needs 10 fields");
    edge_.evidence.push_back(evidence_);
  }
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
  }
  if (building()) return add_generic(std::move(done));
  if (ctx_.back() == Ctx::Node) node_.properties = std::move(done.as<Map>());
  else edge_.properties = std::move(done.as<Map>());
  return true;
}

}  // namespace

namespace {

// The offset of the first byte that is not part of valid UTF-8, or a NUL byte; `size` if none.
// Checking the whole file once is much cheaper than RapidJSON's per-character validation.
size_t find_invalid_utf8(const char* data, size_t size) {
  auto bytes = reinterpret_cast<const unsigned char*>(data);
  size_t i = 0;
  while (i < size) {
    // Eight ASCII bytes at a time: no high bit set and no zero byte.
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      bool has_zero = ((word - 0x0101010101010101ull) & ~word & 0x8080808080808080ull) != 0;
      if (!has_zero && (word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = bytes[i];
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;       // overlong
      else if (c == 0xED) high = 0x9F;  // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;       // overlong
      else if (c == 0xF4) high = 0x8F;  // beyond U+10FFFF
    } else {
      return i;
    }
    if (i + length > size || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (size_t k = 2; k < length; ++k)
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
    i += length;
  }
  return size;
}

// Parses `size` bytes at `data`, which must be followed by a NUL and be writable (in-situ).
Graph parse_buffer(char* data, size_t size, const std::string& name) {
  if (size == 0) throw GraphError(name + ":0: empty file, not a kg graph");
  if (size_t bad = find_invalid_utf8(data, size); bad != size)
    throw GraphError(name + ":" + std::to_string(bad) +
                     (data[bad] == '\0' ? ": NUL byte, not a kg graph" : ": invalid UTF-8"));
  Graph graph;
  graph.reserve_texts(size / 2);
  rapidjson::InsituStringStream stream(data);
  Loader loader(graph, stream);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseIterativeFlag |
                              rapidjson::kParseStopWhenDoneFlag;
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, loader);
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
  return graph;
}

// Anonymous memory for reading a file into, on transparent huge pages where the kernel allows:
// a 200 MB graph file then costs a few hundred page faults instead of fifty thousand.
class FileBuffer {
 public:
  explicit FileBuffer(size_t size) : length_(round_up(size + 1)) {
    void* p = ::mmap(nullptr, length_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    data_ = static_cast<char*>(p);
    ::madvise(data_, length_, MADV_HUGEPAGE);  // advice only: failure is harmless
  }
  ~FileBuffer() { ::munmap(data_, length_); }
  FileBuffer(const FileBuffer&) = delete;
  FileBuffer& operator=(const FileBuffer&) = delete;
  char* data() { return data_; }

 private:
  static size_t round_up(size_t n) {
    constexpr size_t kHuge = size_t{2} << 20;
    return (n + kHuge - 1) / kHuge * kHuge;
  }
  size_t length_;
  char* data_ = nullptr;
};

}  // namespace

Graph parse_graph(std::string text, const std::string& name) {
  return parse_buffer(text.data(), text.size(), name);
}

Graph load_graph(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw GraphError(path + ": cannot open graph file: " + std::strerror(errno));
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw GraphError(path + ": not a regular file");
  }
  auto size = static_cast<size_t>(info.st_size);
  std::unique_ptr<FileBuffer> buffer;
  try {
    buffer = std::make_unique<FileBuffer>(size);
  } catch (const std::bad_alloc&) {
    ::close(fd);
    throw GraphError(path + ": not enough memory to read " + std::to_string(size) + " bytes");
  }
  char* data = buffer->data();
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      throw GraphError(path + ": cannot read graph file");
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  data[size] = '\0';  // the mapping is zero-filled anyway; this says why it matters
  return parse_buffer(data, size, path);
}

}  // namespace kg::graph
