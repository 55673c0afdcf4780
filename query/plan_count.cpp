// Planning a MATCH whose next clause is a projection: the planner picks the operator, so
// the executor only runs it. A projection that needs nothing of the matches but how many
// there are (per label list or relationship type, or in all) is answered without a row per
// match, by a counting scan (scan_count.cpp) or a counting walk (count_walk.cpp); any other
// streams the matches into the projection one by one.
//
// Both counting operators take patterns that share no variable with the rows coming in and
// depend on them in no other way (no WHERE, properties only as a literal or parameter
// name), so every incoming row has the same matches: the executor counts them once.
#include "query/planner.h"

namespace kg::query {

namespace {

bool is_var(const Expr& e, int slot) {
  return e.kind == Ex::kVar && e.slot == slot;
}

// A call `fn(var)`, without DISTINCT, on the variable in `slot`.
bool is_call_on(const Expr& e, std::string_view fn, int slot) {
  return e.kind == Ex::kCall && e.op == fn && !e.distinct && e.kids.size() == 1 && e.kids[0] &&
         is_var(*e.kids[0], slot);
}

// count(*), or count(v) of a variable the pattern always binds (so never null): both count
// the matches.
bool counts_matches(const Expr& e, const PatternPart& p) {
  if (e.kind == Ex::kCountStar) return true;
  for (const auto& n : p.nodes)
    if (is_call_on(e, "count", n.slot)) return true;
  for (const auto& r : p.rels)
    if (is_call_on(e, "count", r.slot)) return true;
  return false;
}

// What both counting operators ask of the MATCH: one plain pattern part, every row of which
// is a match (no WHERE, not OPTIONAL), and no path to build.
bool plain_match(const Clause& match) {
  if (match.kind != Cl::kMatch || match.optional || match.where || match.patterns.size() != 1)
    return false;
  const PatternPart& p = match.patterns[0];
  return p.shortest == Shortest::kNone && p.path_slot < 0;
}

// A pattern node that matches any node without looking at the row.
bool free_node(const NodePat& n) {
  return !n.bound && !n.props;
}

// Whether count_by_scan can answer `match` followed by `proj`: a node (n:L...) grouped by
// labels(n), or a directed relationship ()-[r:T...]->() grouped by type(r), or either not
// grouped at all, with every aggregate counting the matches.
bool scan_countable(const Clause& match, const Projection& proj, const ClausePlan& projection) {
  if (!plain_match(match) || !projection.projection.aggregating) return false;
  const PatternPart& p = match.patterns[0];
  for (const Expr* agg : projection.projection.aggregates)
    if (!counts_matches(*agg, p)) return false;
  auto keys_are = [&](std::string_view fn, int slot) {
    for (size_t i : projection.key_items)
      if (!is_call_on(*proj.items[i].expr, fn, slot)) return false;
    return true;
  };
  if (p.rels.empty()) return free_node(p.nodes[0]) && keys_are("labels", p.nodes[0].slot);
  if (p.rels.size() != 1) return false;
  const RelPat& r = p.rels[0];
  const NodePat &a = p.nodes[0], &b = p.nodes[1];
  if (r.bound || r.props || r.var_length || r.dir == Dir::kBoth) return false;
  if (!free_node(a) || !free_node(b) || !a.labels.empty() || !b.labels.empty() || a.slot == b.slot)
    return false;
  return keys_are("type", r.slot);
}

// Whether count_by_walk can answer `match` followed by `proj`: one fixed-length pattern whose
// only property constraint is the {name: ...} of its start, no variable bound before or
// repeated within it, and a projection made of match counts alone.
bool walk_countable(const Clause& match, const MatchPlan& plan, const Projection& proj,
                    const ClausePlan& projection) {
  if (!plain_match(match)) return false;
  const PartPlan& pp = plan.parts[0];
  const PatternPart& p = *pp.part;
  if (pp.start_check) return false;
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    const NodePat& n = p.nodes[i];
    if (n.bound) return false;
    if (!n.props) continue;
    if (int(i) != pp.start || !pp.anchor_name || n.props->kind != Ex::kMap ||
        n.props->keys.size() != 1)
      return false;
  }
  for (const auto& r : p.rels)
    if (r.bound || r.props || r.var_length) return false;
  for (const auto& s : pp.steps)
    if (s.node_check || s.rel_check) return false;
  // The projection's rows then need nothing of the matches but their number.
  const ProjectionPlan& pplan = projection.projection;
  if (!pplan.aggregating || !projection.key_items.empty() || proj.where) return false;
  for (const auto& item : proj.items)
    if (!counts_matches(*item.expr, p)) return false;
  for (const Expr* agg : pplan.aggregates)
    if (!counts_matches(*agg, p)) return false;
  for (int item : pplan.order_item)
    if (item < 0) return false;
  return true;
}

}  // namespace

MatchOp plan_match_into(const Clause& match, const MatchPlan& plan, const Projection& proj,
                        const ClausePlan& projection) {
  // A scan, where both apply (MATCH (n:L) RETURN count(*)), reads one list and no adjacency.
  if (scan_countable(match, proj, projection)) return MatchOp::kCountScan;
  if (walk_countable(match, plan, proj, projection)) return MatchOp::kCountWalk;
  return MatchOp::kStream;
}

}  // namespace kg::query
