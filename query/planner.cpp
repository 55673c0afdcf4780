// Planner: start each pattern where it is cheapest (a bound node, then a name lookup, then a
// labelled node), walk outwards from there, and match the cheapest parts first.
#include "query/planner.h"

#include <algorithm>

#include "query/binder.h"

namespace kg::query {

namespace {

// Lower is cheaper.
int start_cost(const NodePat& n, const std::vector<bool>& bound) {
  if (n.slot >= 0 && size_t(n.slot) < bound.size() && bound[n.slot]) return 0;
  if (name_anchor(n)) return 1;
  if (!n.labels.empty()) return 2;
  if (n.props) return 3;
  return 4;
}

PartPlan plan_part(const PatternPart& p, std::vector<bool>& bound) {
  PartPlan plan;
  plan.part = &p;
  if (p.shortest != Shortest::kNone) {
    // Shortest paths always walk from the first node to the last one.
    plan.start = 0;
    plan.start_check = bound[p.nodes[0].slot];
    if (!plan.start_check) plan.anchor_name = name_anchor(p.nodes[0]);
    bound[p.nodes[0].slot] = true;
    plan.end_check = bound[p.nodes.back().slot];
    bound[p.nodes.back().slot] = true;
    if (!p.rels.empty() && p.rels[0].slot >= 0) bound[p.rels[0].slot] = true;
    if (p.path_slot >= 0) bound[p.path_slot] = true;
    return plan;
  }
  int best = 0, best_cost = 99;
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    int c = start_cost(p.nodes[i], bound);
    if (c < best_cost) best_cost = c, best = int(i);
  }
  plan.start = best;
  plan.start_check = best_cost == 0;
  if (!plan.start_check) plan.anchor_name = name_anchor(p.nodes[best]);
  bound[p.nodes[best].slot] = true;
  auto add = [&](int rel, int node, bool forward) {
    Step s;
    s.rel = rel;
    s.node = node;
    s.forward = forward;
    int rs = p.rels[rel].slot, ns = p.nodes[node].slot;
    s.rel_check = bound[rs];
    s.node_check = bound[ns];
    bound[rs] = bound[ns] = true;
    plan.steps.push_back(s);
  };
  for (int i = best; i + 1 < int(p.nodes.size()); ++i) add(i, i + 1, true);
  for (int i = best; i > 0; --i) add(i - 1, i - 1, false);
  if (p.path_slot >= 0) bound[p.path_slot] = true;
  return plan;
}

}  // namespace

MatchPlan plan_match(const std::vector<PatternPart>& parts, const std::vector<bool>& bound_in) {
  std::vector<bool> bound = bound_in;
  MatchPlan plan;
  std::vector<bool> done(parts.size(), false);
  // Greedy: next the part with the cheapest start given what is bound so far; shortest
  // paths after the parts that bind their ends.
  for (size_t round = 0; round < parts.size(); ++round) {
    int pick = -1, pick_cost = 99;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (done[i]) continue;
      int c = 99;
      if (parts[i].shortest != Shortest::kNone) {
        c = 5;
        if (bound[parts[i].nodes.front().slot] && bound[parts[i].nodes.back().slot]) c = 0;
      } else {
        for (const auto& n : parts[i].nodes) c = std::min(c, start_cost(n, bound));
      }
      if (c < pick_cost) pick_cost = c, pick = int(i);
    }
    done[pick] = true;
    plan.parts.push_back(plan_part(parts[pick], bound));
  }
  return plan;
}

MatchPlan plan_match_one(const PatternPart& part, const std::vector<bool>& bound_in) {
  std::vector<bool> bound = bound_in;
  MatchPlan plan;
  plan.parts.push_back(plan_part(part, bound));
  return plan;
}

namespace {

void collect_aggregates(const Expr& e, std::vector<const Expr*>& out) {
  if (is_aggregate(e)) {
    out.push_back(&e);
    return;
  }
  for (const auto& k : e.kids)
    if (k) collect_aggregates(*k, out);
}

}  // namespace

ProjectionPlan plan_projection(const Projection& p) {
  ProjectionPlan plan;
  for (const auto& it : p.items) collect_aggregates(*it.expr, plan.aggregates);
  plan.aggregating = !plan.aggregates.empty();
  for (const auto& s : p.order) {
    int match = -1;
    std::string key = expr_key(*s.expr);
    for (size_t i = 0; i < p.items.size(); ++i)
      if (expr_key(*p.items[i].expr) == key) match = int(i);
    // A sort key naming an alias is also that item.
    if (match < 0 && s.expr->kind == Ex::kVar)
      for (size_t i = 0; i < p.items.size(); ++i)
        if (p.items[i].alias == s.expr->name) match = int(i);
    plan.order_item.push_back(match);
    if (match < 0) collect_aggregates(*s.expr, plan.aggregates);
  }
  return plan;
}

std::vector<bool> bound_slots(const std::vector<PatternPart>& parts, size_t slot_count) {
  std::vector<bool> bound(slot_count, false);
  for (const auto& p : parts) {
    for (const auto& node : p.nodes)
      if (node.bound) bound[node.slot] = true;
    for (const auto& r : p.rels)
      if (r.bound) bound[r.slot] = true;
  }
  return bound;
}

namespace {

ClausePlan plan_projection_clause(const Projection& p) {
  ClausePlan plan;
  plan.projection = plan_projection(p);
  for (size_t i = 0; i < p.items.size(); ++i)
    if (!has_aggregate(*p.items[i].expr)) plan.key_items.push_back(i);
  return plan;
}

}  // namespace

QueryPlan plan_query(const Query& q) {
  QueryPlan plan;
  for (const auto& sq : q.parts) plan.clauses.push_back(plan_clauses(sq, size_t(q.slot_count)));
  return plan;
}

std::vector<ClausePlan> plan_clauses(const SingleQuery& sq, size_t slot_count) {
  std::vector<ClausePlan> clauses(sq.clauses.size());
  for (size_t i = 0; i < sq.clauses.size(); ++i) {
    const Clause& c = sq.clauses[i];
    ClausePlan& cp = clauses[i];
    auto bound = [&] { return bound_slots(c.patterns, slot_count); };
    switch (c.kind) {
      case Cl::kMatch:
        cp.match = plan_match(c.patterns, bound());
        break;
      case Cl::kMerge:
        cp.match = plan_match_one(c.patterns.at(0), bound());
        break;
      case Cl::kWith:
      case Cl::kReturn:
        cp = plan_projection_clause(c.proj);
        break;
      default:
        break;
    }
  }
  // A MATCH followed by a projection feeds it directly (plan_count.cpp says how).
  for (size_t i = 0; i + 1 < sq.clauses.size(); ++i) {
    const Clause &c = sq.clauses[i], &next = sq.clauses[i + 1];
    if (c.kind == Cl::kMatch && (next.kind == Cl::kWith || next.kind == Cl::kReturn))
      clauses[i].op = plan_match_into(c, clauses[i].match, next.proj, clauses[i + 1]);
  }
  return clauses;
}

const Expr* name_anchor(const NodePat& n) {
  if (!n.props || n.props->kind != Ex::kMap) return nullptr;
  for (size_t i = 0; i < n.props->keys.size(); ++i) {
    const Expr& v = *n.props->kids[i];
    if (n.props->keys[i] == "name" &&
        ((v.kind == Ex::kLiteral && v.value.is<std::string>()) || v.kind == Ex::kParam))
      return &v;
  }
  return nullptr;
}

}  // namespace kg::query
