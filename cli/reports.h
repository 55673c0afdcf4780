// Reports that both their own subcommands and the shell's meta-commands print.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "extract/facts/facts.h"
#include "graph/graph.h"

namespace kg::cli {

// kg why / :why: the relations from A to B and the sentences behind each. Throws UserError
// when a name finds no entity.
void write_why(const graph::Graph& graph, const std::string& a, const std::string& b,
               std::ostream& out);

// kg stats / :stats: counts by node type and relation, and the best connected entities.
void write_stats(const graph::Graph& graph, const std::string& name, size_t top, std::ostream& out);

// kg export --format html, kg query --html, :export html: the page's title, from the graph file's
// name (and what the page shows when that is not the whole graph).
std::string html_title(const std::string& graph_path, const std::string& what = "");
// An HTML page of the whole graph keeps this many nodes (the best connected) unless told.
inline constexpr size_t kHtmlMaxNodes = 300;

// kg build: the articles in `inputs` (files, folders, .jsonl) extracted, in input order;
// progress and totals on `log`. Throws UserError.
std::vector<extract::DocumentFacts> extract_documents(
    const std::vector<std::string>& inputs, unsigned threads, bool all, std::ostream& log,
    const std::vector<std::string>& alias_files = {}, const std::string& date = "");
// Their facts into `graph`, then names resolved across articles (resolve_people_across).
void add_documents(graph::Graph& graph, const std::vector<extract::DocumentFacts>& docs,
                   std::ostream& log, const std::vector<std::string>& alias_files);

// kg build / :load: extracts the articles in `inputs` (files, folders, .jsonl) into `graph`.
// Progress and totals go to `log`; `alias_files` as for --aliases. Throws UserError.
void extract_into_graph(graph::Graph& graph, const std::vector<std::string>& inputs,
                        unsigned threads, bool all, std::ostream& log,
                        const std::vector<std::string>& alias_files = {});

// After building: surname-only people joined to the full-name person the corpus makes
// unambiguous (extract::resolve_people); says how many on `log`.
void resolve_people_across(graph::Graph& graph, const std::vector<std::string>& alias_files,
                           std::ostream& log);

}  // namespace kg::cli
