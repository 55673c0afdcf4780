// The db.* procedures, with which tools and people discover a graph: its labels,
// relationship types, property keys and schema; dbms.procedures() lists the procedures.
#include <map>
#include <set>
#include <tuple>

#include "query/exec.h"
#include "query/procedure/registry.h"

namespace kg::query {

namespace {

using Rows = std::vector<std::vector<Val>>;

void one_column(const std::set<std::string>& values, Rows& out) {
  for (const auto& v : values) out.push_back({Val(v)});
}

void labels(const Procedure&, const std::vector<Val>&, Ctx& ctx, Rows& out) {
  std::set<std::string> seen;
  for (auto v : boost::make_iterator_range(boost::vertices(ctx.g.store())))
    for (const auto& l : ctx.g.node(v).labels) seen.insert(l);
  one_column(seen, out);
}

void relationship_types(const Procedure&, const std::vector<Val>&, Ctx& ctx, Rows& out) {
  std::set<std::string> seen;
  for (auto e : boost::make_iterator_range(boost::edges(ctx.g.store())))
    seen.emplace(ctx.g.relation(e));
  one_column(seen, out);
}

void property_keys(const Procedure&, const std::vector<Val>&, Ctx& ctx, Rows& out) {
  std::set<std::string> seen;
  for (auto v : boost::make_iterator_range(boost::vertices(ctx.g.store())))
    for (auto& k : ctx.g.node_keys(v)) seen.insert(std::move(k));
  for (auto e : boost::make_iterator_range(boost::edges(ctx.g.store())))
    for (auto& k : ctx.g.edge_keys(e)) seen.insert(std::move(k));
  one_column(seen, out);
}

// One row: `nodes`, a map per label (name, count), and `relationships`, a map per
// relationship type and pair of end labels (type, start, end, count). Nodes without
// labels count under "".
void schema(const Procedure&, const std::vector<Val>&, Ctx& ctx, Rows& out) {
  const auto& g = ctx.g;
  std::map<std::string, int64_t> by_label;
  for (auto v : boost::make_iterator_range(boost::vertices(g.store()))) {
    const auto& ls = g.node(v).labels;
    if (ls.empty()) ++by_label[""];
    for (const auto& l : ls) ++by_label[l];
  }
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> by_type;
  auto first = [&](graph::VertexId v) {
    const auto& ls = g.node(v).labels;
    return ls.empty() ? std::string() : ls[0];
  };
  for (auto e : boost::make_iterator_range(boost::edges(g.store())))
    ++by_type[{std::string(g.relation(e)), first(boost::source(e, g.store())),
               first(boost::target(e, g.store()))}];
  VList nodes, rels;
  for (const auto& [label, n] : by_label) {
    VMap m;
    vmap_set(m, "name", Val(label));
    vmap_set(m, "count", Val(n));
    nodes.push_back(Val(std::move(m)));
  }
  for (const auto& [key, n] : by_type) {
    VMap m;
    vmap_set(m, "type", Val(std::get<0>(key)));
    vmap_set(m, "start", Val(std::get<1>(key)));
    vmap_set(m, "end", Val(std::get<2>(key)));
    vmap_set(m, "count", Val(n));
    rels.push_back(Val(std::move(m)));
  }
  out.push_back({Val(std::move(nodes)), Val(std::move(rels))});
}

void procedures(const Procedure&, const std::vector<Val>&, Ctx&, Rows& out) {
  for (const auto& p : all_procedures()) {
    auto fields = [](const std::vector<Procedure::Field>& fs) {
      std::string s;
      for (const auto& f : fs) s += (s.empty() ? "" : ", ") + f.name + " :: " + f.type;
      return s;
    };
    out.push_back({Val(p->name),
                   Val(p->name + "(" + fields(p->inputs) + ") :: (" + fields(p->outputs) + ")"),
                   Val(p->description)});
  }
}

}  // namespace

std::vector<Procedure> db_procedures() {
  return {
      {"db.labels", {}, {{"label", "STRING"}}, 0, "The node labels of the graph.", labels},
      {"db.relationshipTypes",
       {},
       {{"relationshipType", "STRING"}},
       0,
       "The relationship types of the graph.",
       relationship_types},
      {"db.propertyKeys",
       {},
       {{"propertyKey", "STRING"}},
       0,
       "The property keys of nodes and relationships.",
       property_keys},
      {"db.schema.visualization",
       {},
       {{"nodes", "LIST OF MAP"}, {"relationships", "LIST OF MAP"}},
       0,
       "Labels with their node counts; relationship types by end labels with their counts.",
       schema},
      {"dbms.procedures",
       {},
       {{"name", "STRING"}, {"signature", "STRING"}, {"description", "STRING"}},
       0,
       "The procedures CALL knows.",
       procedures},
  };
}

}  // namespace kg::query
