// Saving and loading a graph as one JSON file (format "kg-graph", version 1).
//
// {"format":"kg-graph","version":1,"next_id":N,"node_count":N,"edge_count":N,"text_count":N,
//  "documents":["name",...], "texts":["sentence",...],
//  "nodes":[{"id":0,"labels":["Person"],"name":"...","aliases":[...],"mentions":1,
//            "documents":[0],"properties":{...}}, ...],
//  "edges":[{"id":5,"from":0,"to":1,"relation":"meet","surface":["met"],
//            "evidence":[[document,sentence,begin,end,text,confidence,negated,
//                         "modality","attribution","time"[,"date"]], ...],
//            "properties":{...}}, ...]}
//
// An evidence item's eleventh field, the normalized date ("2022-04-26"), is there only when
// known. Articles are nodes labelled Article, their mentions MENTIONED_IN edges (graph/articles.h).
// Nodes come before edges; documents and texts before both. Optional node and edge keys may be
// left out. The three counts are optional too (files written before them lack them): the loader
// only uses them to reserve memory, and a wrong count changes nothing but speed.
#pragma once

#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg::graph {

inline constexpr int kFormatVersion = 1;

// Writes the graph to `path` atomically: a temporary file beside it, fsync, rename, fsync of the
// directory. Throws GraphError; the old file is untouched on failure.
void save_graph(const Graph& graph, const std::string& path);

// The text save_graph writes, in memory.
std::string graph_json(const Graph& graph);

// Replaces the file at `path` with `content` the same way (exports: DOT, HTML, ...).
void replace_file(const std::string& path, std::string_view content);

// Reads a graph file. Throws GraphError "path:offset: what is wrong" on anything invalid.
Graph load_graph(const std::string& path);

// Parses graph JSON held in memory; `name` is used in error messages.
Graph parse_graph(std::string text, const std::string& name);

}  // namespace kg::graph
