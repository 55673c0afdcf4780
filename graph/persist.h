// Saving and loading a graph as one JSON file (format "kg-graph", version 2).
//
// {"format":"kg-graph","version":2,"next_id":N,"node_count":N,"edge_count":N,"text_count":N,
//  "documents":["name",...], "texts":["sentence",...],
//  "nodes":[{"id":0,"labels":["Person"],"name":"...","aliases":[...],"mentions":1,
//            "documents":[0],"properties":{...}}, ...],
//  "edges":[{"id":5,"from":0,"to":1,"relation":"meet","surface":["met"],
//            "evidence":[[document,sentence,begin,end,text,confidence,negated,
//                         "modality","attribution","time"[,"date"]], ...],
//            "properties":{...}}, ...],
//  "mentions":[[id,from,to,count], ...]}
//
// An evidence item's eleventh field, the normalized date ("2022-04-26"), is there only when
// known. Articles are nodes labelled Article, their mentions MENTIONED_IN edges (graph/articles.h).
// A MENTIONED_IN relationship that holds nothing but its count is written in "mentions", as four
// numbers, not as an object in "edges": a graph has more of them than of all other relationships,
// and as objects they would double the file. Version 1 is version 2 without "mentions"; this kg
// reads both. Nodes come before edges and mentions; documents and texts before all. Optional node
// and edge keys may be left out. The three counts are optional too (files written before them lack
// them): the loader only uses them to reserve memory, and a wrong count changes nothing but speed.
#pragma once

#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg::graph {

inline constexpr int kFormatVersion = 2;

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
