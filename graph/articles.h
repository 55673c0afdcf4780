// The input documents as nodes: (:Article {id, title, date, source, sha256}), and the index a
// build keeps over them, so that feeding the same news again changes nothing (same id, same
// text), the same text under a second id is one article with two ids, and a changed text under a
// known id replaces what the old text said.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/graph.h"

namespace kg::graph {

// What a build knows of an article before it is added.
struct ArticleInfo {
  std::string id;      // the file path as given, or the JSONL "id"
  std::string title;   // the first line, or the JSONL "title"
  std::string date;    // YYYY-MM-DD, "" when unknown
  std::string source;  // the folder or collection it came from
  std::string sha256;  // of its text (hex)
};

class Articles {
 public:
  // Indexes the Article nodes `graph` has (by every id and by text hash).
  explicit Articles(Graph& graph);

  // The article known by this id (its "id" or one of its "ids"), or by this text hash.
  std::optional<VertexId> by_id(std::string_view id) const;
  std::optional<VertexId> by_hash(std::string_view sha256) const;
  // The hash of an article's text ("" when not known).
  std::string sha256(VertexId article) const;
  // The document index of an article (where its evidence and mentions point).
  uint32_t document(VertexId article) const;

  // Adds the Article node for a new document; its id becomes the document's name.
  VertexId add(const ArticleInfo& info);
  // Records a second id for an article (the same text seen under another name).
  void add_id(VertexId article, const std::string& id);
  // Adds `count` mentions of `entity` in `article` (one MENTIONED_IN relationship per pair).
  void add_mentions(VertexId entity, VertexId article, uint32_t count);

  // Removes one id. An article left with no id goes, with its mentions, the relations only it
  // supported and the entities no other article mentions; returns whether it went.
  bool remove_id(std::string_view id);

  // A document of this name that has no Article node (a graph an older kg wrote, before articles
  // were nodes) is removed, with the relations only it supported and the entities no other
  // document names, so that reading it again replaces it rather than adding it twice. Returns
  // whether there was one. Such a graph kept no count per document: an entity loses an even
  // share of the mentions no article counts, none left once all its old documents are read again.
  bool remove_unindexed(std::string_view id);

 private:
  void forget(VertexId article);
  void drop_document(uint32_t d, std::vector<VertexId> touched);
  std::vector<std::string> ids_of(VertexId article) const;

  Graph& graph_;
  std::unordered_map<std::string, VertexId> ids_;
  std::unordered_map<std::string, VertexId> hashes_;
};

}  // namespace kg::graph
