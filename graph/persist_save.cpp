#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include "graph/persist.h"

namespace kg::graph {

namespace {

// Buffers output and writes it to a file descriptor in large blocks.
class FileWriter {
 public:
  FileWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    buffer_.reserve(kBlock * 2);
  }
  std::string& buffer() { return buffer_; }
  void maybe_flush() {
    if (fd_ >= 0 && buffer_.size() >= kBlock) flush();
  }
  void flush() {
    if (fd_ < 0) return;  // a writer into memory (graph_json) keeps everything in its buffer
    size_t done = 0;
    while (done < buffer_.size()) {
      ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw GraphError(path_ + ": cannot write: " + std::strerror(errno));
      }
      done += static_cast<size_t>(n);
    }
    buffer_.clear();
  }

 private:
  static constexpr size_t kBlock = 1 << 20;
  int fd_;
  std::string path_;
  std::string buffer_;
};

void append_uint(std::string& out, uint64_t value) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value);
  out.append(p, end);
}

void append_strings(std::string& out, const auto& strings) {
  out += '[';
  bool first = true;
  for (const auto& s : strings) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, s);
  }
  out += ']';
}

void append_map(std::string& out, const Map& map) {
  append_json(out, Value(map));
}

void write_node(std::string& out, const Node& node) {
  out += "{\"id\":";
  append_uint(out, node.id);
  if (!node.labels.empty()) {
    out += ",\"labels\":";
    append_strings(out, node.labels);
  }
  if (!node.name.empty()) {
    out += ",\"name\":";
    append_json_string(out, node.name);
  }
  if (!node.aliases.empty()) {
    out += ",\"aliases\":";
    append_strings(out, node.aliases);
  }
  if (node.mentions) {
    out += ",\"mentions\":";
    append_uint(out, node.mentions);
  }
  if (!node.documents.empty()) {
    out += ",\"documents\":[";
    for (size_t i = 0; i < node.documents.size(); ++i) {
      if (i) out += ',';
      append_uint(out, node.documents[i]);
    }
    out += ']';
  }
  if (!node.properties.empty()) {
    out += ",\"properties\":";
    append_map(out, node.properties);
  }
  out += '}';
}

void write_evidence(std::string& out, const Graph& graph, const Evidence& ev) {
  out += '[';
  for (uint64_t n : {ev.document, ev.sentence, ev.begin, ev.end, ev.text}) {
    append_uint(out, n);
    out += ',';
  }
  append_json(out, Value(static_cast<double>(ev.confidence)));
  out += ev.negated ? ",true," : ",false,";
  append_json_string(out, graph.str(ev.modality));
  out += ',';
  append_json_string(out, graph.str(ev.attribution));
  out += ',';
  append_json_string(out, graph.str(ev.time));
  if (ev.date) {  // an eleventh field since dates were normalized; older files lack it
    out += ',';
    append_json_string(out, graph.str(ev.date));
  }
  out += ']';
}

void write_edge(std::string& out, const Graph& graph, EdgeId e) {
  const Store& store = graph.store();
  const Edge& edge = store[e];
  out += "{\"id\":";
  append_uint(out, edge.id);
  out += ",\"from\":";
  append_uint(out, store[boost::source(e, store)].id);
  out += ",\"to\":";
  append_uint(out, store[boost::target(e, store)].id);
  out += ",\"relation\":";
  append_json_string(out, graph.str(edge.relation));
  if (!edge.surface.empty()) {
    out += ",\"surface\":[";
    for (size_t i = 0; i < edge.surface.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, graph.str(edge.surface[i]));
    }
    out += ']';
  }
  if (!edge.evidence.empty()) {
    out += ",\"evidence\":[";
    for (size_t i = 0; i < edge.evidence.size(); ++i) {
      if (i) out += ',';
      write_evidence(out, graph, edge.evidence[i]);
    }
    out += ']';
  }
  if (!edge.properties.empty()) {
    out += ",\"properties\":";
    append_map(out, edge.properties);
  }
  out += '}';
}

// A mention (entity)-[:MENTIONED_IN {count}]->(article) with nothing else on it: written as four
// numbers [id, from, to, count] in the "mentions" section, not as a relationship object. A graph
// has one per entity and article, more than all its other relationships together.
std::optional<uint64_t> plain_mention(const Graph& graph, const Edge& edge) {
  if (graph.str(edge.relation) != kMentionedIn || !edge.surface.empty() || !edge.evidence.empty())
    return std::nullopt;
  const Map& properties = edge.properties.get();
  if (properties.size() != 1 || properties[0].first != "count") return std::nullopt;
  const Value& count = properties[0].second;
  if (!count.is<int64_t>() || count.as<int64_t>() < 0) return std::nullopt;
  return static_cast<uint64_t>(count.as<int64_t>());
}

void write_mention(std::string& out, const Graph& graph, EdgeId e, uint64_t count) {
  const Store& store = graph.store();
  out += '[';
  append_uint(out, store[e].id);
  out += ',';
  append_uint(out, store[boost::source(e, store)].id);
  out += ',';
  append_uint(out, store[boost::target(e, store)].id);
  out += ',';
  append_uint(out, count);
  out += ']';
}

void write_graph(FileWriter& writer, const Graph& graph) {
  std::string& out = writer.buffer();
  out += "{\"format\":\"kg-graph\",\"version\":";
  append_uint(out, kFormatVersion);
  out += ",\"next_id\":";
  append_uint(out, graph.next_id());
  // Counts first, so that the loader can reserve memory before it reads the items.
  out += ",\"node_count\":";
  append_uint(out, graph.node_count());
  out += ",\"edge_count\":";
  append_uint(out, graph.edge_count());
  out += ",\"text_count\":";
  append_uint(out, graph.text_count());
  out += ",\n\"documents\":";
  append_strings(out, graph.documents());
  out += ",\n\"texts\":[";
  bool first = true;
  for (uint32_t i = 0; i < graph.text_count(); ++i) {
    if (!first) out += ",\n";
    first = false;
    append_json_string(out, graph.text(i));
    writer.maybe_flush();
  }
  out += "],\n\"nodes\":[";
  first = true;
  for (auto [it, end] = boost::vertices(graph.store()); it != end; ++it) {
    if (!first) out += ",\n";
    first = false;
    write_node(out, graph.store()[*it]);
    writer.maybe_flush();
  }
  out += "],\n\"edges\":[";
  first = true;
  bool any_mention = false;
  for (auto [it, end] = boost::edges(graph.store()); it != end; ++it) {
    if (plain_mention(graph, graph.store()[*it])) {
      any_mention = true;
      continue;
    }
    if (!first) out += ",\n";
    first = false;
    write_edge(out, graph, *it);
    writer.maybe_flush();
  }
  out += ']';
  if (any_mention) {
    out += ",\n\"mentions\":[";
    first = true;
    for (auto [it, end] = boost::edges(graph.store()); it != end; ++it) {
      std::optional<uint64_t> count = plain_mention(graph, graph.store()[*it]);
      if (!count) continue;
      if (!first) out += ",\n";
      first = false;
      write_mention(out, graph, *it, *count);
      writer.maybe_flush();
    }
    out += ']';
  }
  out += "}\n";
  writer.flush();
}

void sync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;  // best effort: the rename itself already happened
  ::fsync(fd);
  ::close(fd);
}

// The file a save must replace: a symlinked graph path is saved through to its target (renaming
// over the link would turn it into a plain file and leave the real graph stale).
std::filesystem::path save_target(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(path, ec)) return path;
  std::filesystem::path real = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::path(path) : real;
}

// Temporary files are named "<file>.tmp.<pid>.<random>". Those a killed run left behind (their
// pid no longer runs) are removed; a live writer's are left alone.
constexpr std::string_view kTempInfix = ".tmp.";

void remove_stale_temporaries(const std::filesystem::path& target) {
  std::error_code ec;
  std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  std::string prefix = target.filename().string() + std::string(kTempInfix);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const char* digits = name.c_str() + prefix.size();
    char* rest = nullptr;
    long pid = std::strtol(digits, &rest, 10);
    if (rest == digits || (*rest != '.' && *rest != '\0') || pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running
    std::error_code ignored;
    if (entry.is_regular_file(ignored) && !entry.is_symlink(ignored))
      std::filesystem::remove(entry.path(), ignored);
  }
}

// Writes through `fill` into a new temporary file beside the target, syncs it and renames it over
// the target. The temporary is created exclusively (mkostemp: O_CREAT|O_EXCL, a random suffix), so
// a name planted in advance, a symlink included, cannot redirect the write. The new file keeps the
// old one's permissions (a private 0600 graph stays private); a new file gets 0666 minus the umask.
template <class Fill>
void replace_atomically(const std::string& path, Fill fill) {
  std::filesystem::path target = save_target(path);
  remove_stale_temporaries(target);
  std::string temp =
      target.string() + std::string(kTempInfix) + std::to_string(::getpid()) + ".XXXXXX";
  int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) throw GraphError(path + ": cannot create " + temp + ": " + std::strerror(errno));
  struct stat old {};
  mode_t mode;
  if (::stat(target.c_str(), &old) == 0) {
    mode = old.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  try {
    if (::fchmod(fd, mode) != 0)
      throw GraphError(temp + ": cannot set permissions: " + std::strerror(errno));
    FileWriter writer(fd, temp);
    fill(writer);
    if (::fsync(fd) != 0) throw GraphError(temp + ": fsync failed: " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    throw GraphError(temp + ": close failed: " + std::strerror(errno));
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw GraphError(path + ": cannot replace: " + std::strerror(error));
  }
  sync_directory(target.parent_path());
}

}  // namespace

void save_graph(const Graph& graph, const std::string& path) {
  replace_atomically(path, [&](FileWriter& writer) { write_graph(writer, graph); });
}

std::string graph_json(const Graph& graph) {
  FileWriter writer(-1, "");
  write_graph(writer, graph);
  return std::move(writer.buffer());
}

void replace_file(const std::string& path, std::string_view content) {
  replace_atomically(path, [&](FileWriter& writer) {
    writer.buffer().assign(content);
    writer.flush();
  });
}

}  // namespace kg::graph
