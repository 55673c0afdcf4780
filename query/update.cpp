// Updating clauses. Property values are checked against what the store can hold before
// anything is written; the statistics count what changed.
#include "query/update.h"

#include <algorithm>

#include "query/error.h"

namespace kg::query {

namespace {

bool storable(const Val& v) {
  if (v.is<VMap>() || v.is<NodeRef>() || v.is<RelRef>() || v.is<PathVal>()) return false;
  if (v.is<VList>())
    for (const auto& x : v.as<VList>())
      if (!(x.is_null() || x.is<bool>() || x.is_number() || x.is<std::string>() ||
            x.is<Temporal>()))
        return false;
  return true;
}

// The store's form of a pattern's property map (null entries left out).
graph::Map property_map(const Expr* props, Row& row, Ctx& ctx) {
  graph::Map m;
  if (!props) return m;
  Val v = eval(*props, row, ctx);
  if (v.is_null()) return m;
  if (!v.is<VMap>()) type_error("InvalidArgumentType", "properties must be a map");
  for (const auto& [k, x] : v.as<VMap>()) {
    if (x.is_null()) continue;
    graph::Value gv;
    if (!storable(x) || !to_graph(x, gv))
      type_error("InvalidPropertyType", "property '" + k + "' cannot be stored");
    graph::map_set(m, k, std::move(gv));
  }
  return m;
}

// Sets (or, with a null value, removes) one property of a node or relationship.
void set_property(const Val& target, const std::string& key, const Val& value, Ctx& ctx) {
  if (target.is_null()) return;
  graph::Value gv;
  if (!value.is_null() && (!storable(value) || !to_graph(value, gv)))
    type_error("InvalidPropertyType", "property '" + key + "' cannot be stored");
  if (target.is<NodeRef>())
    ctx.g.set_node_property(target.as<NodeRef>().v, key, std::move(gv));
  else if (target.is<RelRef>())
    ctx.g.set_edge_property(target.as<RelRef>().e, key, std::move(gv));
  else
    type_error("InvalidArgumentType", "SET needs a node or a relationship");
  ++ctx.stats.properties_set;
}

std::vector<std::string> keys_of(const Val& t, Ctx& ctx) {
  if (t.is<NodeRef>()) return ctx.g.node_keys(t.as<NodeRef>().v);
  if (t.is<RelRef>()) return ctx.g.edge_keys(t.as<RelRef>().e);
  return {};
}

// SET n:L...
void add_labels(const Val& target, const std::vector<std::string>& wanted, Ctx& ctx) {
  if (!target.is<NodeRef>()) type_error("InvalidArgumentType", "labels belong to nodes");
  auto& labels = ctx.g.node(target.as<NodeRef>().v).labels;
  for (const auto& l : wanted)
    if (std::find(labels.begin(), labels.end(), l) == labels.end()) {
      labels.push_back(l);
      ++ctx.stats.labels_added;
    }
}

// SET n = map (`replace`: properties not in the map go) or SET n += map. The map may also be
// a node's or a relationship's properties.
void set_map(const Val& target, const Val& value, bool replace, Ctx& ctx) {
  VMap m;
  if (value.is<NodeRef>())
    m = node_map(ctx.g, value.as<NodeRef>().v);
  else if (value.is<RelRef>())
    m = rel_map(ctx.g, value.as<RelRef>().e);
  else if (value.is<VMap>())
    m = value.as<VMap>();
  else if (!value.is_null())
    type_error("InvalidArgumentType", "SET = takes a map");
  if (replace)
    for (const auto& k : keys_of(target, ctx))
      if (!vmap_find(m, k)) set_property(target, k, Val(), ctx);
  for (const auto& [k, v] : m) set_property(target, k, v, ctx);
}

}  // namespace

void create_part(const PatternPart& p, Row& row, Ctx& ctx) {
  for (const NodePat& n : p.nodes) {
    if (n.bound) {
      if (!row[n.slot].is<NodeRef>())
        type_error("InvalidArgumentType", "cannot create a relationship to a null node");
      continue;
    }
    graph::Map props = property_map(n.props.get(), row, ctx);
    ctx.stats.properties_set += int64_t(props.size());
    auto v = ctx.g.add_node(n.labels, std::move(props));
    ++ctx.stats.nodes_created;
    ctx.stats.labels_added += int64_t(n.labels.size());
    row[n.slot] = Val(NodeRef{v});
  }
  for (size_t i = 0; i < p.rels.size(); ++i) {
    const RelPat& r = p.rels[i];
    auto a = row[p.nodes[i].slot].as<NodeRef>().v, b = row[p.nodes[i + 1].slot].as<NodeRef>().v;
    if (r.dir == Dir::kLeft) std::swap(a, b);
    graph::Map props = property_map(r.props.get(), row, ctx);
    ctx.stats.properties_set += int64_t(props.size());
    auto e = ctx.g.add_edge(a, b, r.types.at(0), std::move(props));
    ++ctx.stats.relationships_created;
    row[r.slot] = Val(RelRef{e});
  }
  if (p.path_slot >= 0) row[p.path_slot] = Val(build_path(p, row, ctx));
}

namespace {

// MERGE cannot match or create a null property value.
void check_merge_properties(const PatternPart& p, Row& row, Ctx& ctx) {
  auto check = [&](const ExprPtr& props) {
    if (!props || props->kind != Ex::kMap) return;
    for (const auto& k : props->kids)
      if (eval(*k, row, ctx).is_null())
        throw QueryError("SemanticError", "MergeReadOwnWrites",
                         "MERGE cannot use a null property value", 0, 0, false);
  };
  for (const auto& n : p.nodes)
    if (!n.bound) check(n.props);
  for (const auto& r : p.rels) check(r.props);
}

}  // namespace

std::vector<Row> merge(const Clause& c, const MatchPlan& plan, std::vector<Row>& in, Ctx& ctx) {
  const PatternPart& p = c.patterns[0];
  std::vector<Row> out;
  for (auto& row : in) {
    check_merge_properties(p, row, ctx);
    std::vector<Row> found;
    match_plan(plan, row, ctx, [&](Row& r) { found.push_back(r); });
    if (found.empty()) {
      Row r = row;
      create_part(p, r, ctx);
      set_items(c.on_create, r, ctx);
      out.push_back(std::move(r));
      continue;
    }
    for (auto& r : found) {
      set_items(c.on_match, r, ctx);
      out.push_back(std::move(r));
    }
  }
  return out;
}

void set_items(const std::vector<SetItem>& items, Row& row, Ctx& ctx) {
  for (const auto& it : items) {
    if (it.kind == SetItem::kProperty) {
      Val target = eval(*it.target->kids[0], row, ctx);
      set_property(target, it.target->name, eval(*it.value, row, ctx), ctx);
      continue;
    }
    Val target = eval(*it.target, row, ctx);
    if (target.is_null()) continue;
    if (it.kind == SetItem::kLabels)
      add_labels(target, it.labels, ctx);
    else
      set_map(target, eval(*it.value, row, ctx), it.kind == SetItem::kReplaceMap, ctx);
  }
}

void remove_items(const std::vector<SetItem>& items, Row& row, Ctx& ctx) {
  for (const auto& it : items) {
    if (it.kind == SetItem::kProperty) {
      Val target = eval(*it.target->kids[0], row, ctx);
      if (target.is_null()) continue;
      bool had = !eval(*it.target, row, ctx).is_null();
      if (had) set_property(target, it.target->name, Val(), ctx);
      continue;
    }
    Val target = eval(*it.target, row, ctx);
    if (!target.is<NodeRef>()) continue;
    auto& labels = ctx.g.node(target.as<NodeRef>().v).labels;
    for (const auto& l : it.labels) {
      auto pos = std::find(labels.begin(), labels.end(), l);
      if (pos != labels.end()) {
        labels.erase(pos);
        ++ctx.stats.labels_removed;
      }
    }
  }
}

void delete_value(const Val& v, bool detach, Ctx& ctx) {
  const auto& s = ctx.g.store();
  if (v.is_null()) return;
  if (v.is<RelRef>()) {
    if (ctx.deleted_edges.insert(v.as<RelRef>().e).second) ++ctx.stats.relationships_deleted;
    return;
  }
  if (v.is<PathVal>()) {
    for (const auto& e : v.as<PathVal>().rels) delete_value(Val(RelRef{e}), detach, ctx);
    for (auto n : v.as<PathVal>().nodes) delete_value(Val(NodeRef{n}), true, ctx);
    return;
  }
  if (!v.is<NodeRef>())
    type_error("InvalidArgumentType", "DELETE takes nodes, relationships or paths");
  auto n = v.as<NodeRef>().v;
  if (ctx.node_deleted(n)) return;
  std::vector<graph::EdgeId> touching;
  for (auto [it, end] = boost::out_edges(n, s); it != end; ++it)
    if (!ctx.edge_deleted(*it)) touching.push_back(*it);
  for (auto [it, end] = boost::in_edges(n, s); it != end; ++it)
    if (!ctx.edge_deleted(*it)) touching.push_back(*it);
  if (!touching.empty() && !detach)
    throw QueryError("ConstraintVerificationFailed", "DeleteConnectedNode",
                     "cannot delete a node that has relationships; use DETACH DELETE", 0, 0, false);
  for (const auto& e : touching) delete_value(Val(RelRef{e}), false, ctx);
  ctx.deleted_nodes.insert(n);
  ++ctx.stats.nodes_deleted;
}

void apply_deletions(Ctx& ctx) {
  graph::Graph& g = ctx.g;
  // A relationship of a deleted node goes with it.
  for (const auto& e : ctx.deleted_edges)
    if (!ctx.deleted_nodes.count(boost::source(e, g.store())) &&
        !ctx.deleted_nodes.count(boost::target(e, g.store())))
      g.remove_edge(e);
  for (auto v : ctx.deleted_nodes) g.remove_node(v);
}

}  // namespace kg::query
