// EXPLAIN and PROFILE: the plan of a statement as rows, one per operator (a clause, or a
// MATCH and the projection the planner joined to it), in the order they run.
#include <cmath>

#include "query/exec.h"
#include "query/procedure/registry.h"

namespace kg::query {

namespace {

std::string node_text(const NodePat& n) {
  std::string s = "(" + n.var;
  for (const auto& l : n.labels) s += ":" + l;
  return s + ")";
}

// How a pattern part is matched: where it starts and how many hops it walks.
std::string part_text(const PartPlan& p) {
  const PatternPart& part = *p.part;
  const NodePat& start = part.nodes[size_t(p.start)];
  std::string how = p.start_check           ? "bound"
                    : p.anchor_name         ? "name index"
                    : !start.labels.empty() ? "label scan"
                                            : "all nodes";
  std::string s = node_text(start) + " by " + how;
  if (part.shortest != Shortest::kNone)
    s += part.shortest == Shortest::kOne ? ", shortest path" : ", all shortest paths";
  else if (!p.steps.empty())
    s += ", " + std::to_string(p.steps.size()) + (p.steps.size() == 1 ? " hop" : " hops");
  return s;
}

std::string match_text(const MatchPlan& m) {
  std::string s;
  for (const auto& p : m.parts) s += (s.empty() ? "" : "; ") + part_text(p);
  return s;
}

std::string projection_text(const Projection& p, const ClausePlan& plan) {
  std::string s;
  auto add = [&](const std::string& t) { s += (s.empty() ? "" : ", ") + t; };
  if (plan.projection.aggregating)
    add(std::to_string(plan.projection.aggregates.size()) + " aggregate" +
        (plan.projection.aggregates.size() == 1 ? "" : "s") + " by " +
        std::to_string(plan.key_items.size()) + " key" + (plan.key_items.size() == 1 ? "" : "s"));
  if (p.distinct) add("distinct");
  if (!p.order.empty()) add("sort");
  if (p.skip) add("skip");
  if (p.limit) add("limit");
  if (p.where) add("filter");
  return s;
}

std::string operator_name(const Clause& c, const ClausePlan& plan) {
  switch (c.kind) {
    case Cl::kMatch: {
      std::string m = c.optional ? "OptionalMatch" : "Match";
      switch (plan.op) {
        case MatchOp::kRows:
          return m;
        case MatchOp::kStream:
          return m + "+Project";
        case MatchOp::kCountScan:
          return "CountScan";
        case MatchOp::kCountWalk:
          return "CountWalk";
      }
      return m;
    }
    case Cl::kUnwind:
      return "Unwind";
    case Cl::kWith:
      return plan.projection.aggregating ? "Aggregate" : "With";
    case Cl::kReturn:
      return plan.projection.aggregating ? "Aggregate+Return" : "Return";
    case Cl::kCreate:
      return "Create";
    case Cl::kMerge:
      return "Merge";
    case Cl::kSet:
      return "Set";
    case Cl::kRemove:
      return "Remove";
    case Cl::kDelete:
      return c.detach ? "DetachDelete" : "Delete";
    case Cl::kCall:
      return "ProcedureCall";
  }
  return "?";
}

// The clause's text on one line, shortened.
std::string source_text(const Query& q, const Clause& c) {
  if (c.end <= c.begin || c.end > q.text.size()) return "";
  std::string s;
  for (char ch : q.text.substr(c.begin, c.end - c.begin)) {
    bool space = ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ';
    if (space && (s.empty() || s.back() == ' ')) continue;
    s += space ? ' ' : ch;
  }
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

}  // namespace

std::vector<std::string> explain_columns(Mode mode) {
  if (mode == Mode::kProfile) return {"id", "operator", "details", "rows", "time_ms"};
  return {"id", "operator", "details"};
}

Result explain(const Query& q, const QueryPlan& plan, const std::vector<OpProfile>* profile) {
  Result r;
  r.columns = explain_columns(profile ? Mode::kProfile : Mode::kExplain);
  int64_t id = 0;
  auto row = [&](std::string op, std::string details, const OpProfile* p) {
    std::vector<Val> out;
    out.reserve(5);
    out.emplace_back(++id);
    out.emplace_back(std::move(op));
    out.emplace_back(std::move(details));
    if (profile) out.resize(5);
    if (profile && p) {
      out[3].data = int64_t(p->rows);
      out[4].data = std::round(p->ms * 1000) / 1000;
    }
    r.rows.push_back(std::move(out));
  };
  for (size_t i = 0; i < q.parts.size(); ++i) {
    if (i > 0) row(q.union_all[i - 1] ? "UnionAll" : "Union", "", nullptr);
    const auto& clauses = q.parts[i].clauses;
    for (size_t j = 0; j < clauses.size(); ++j) {
      const Clause& c = clauses[j];
      const ClausePlan& cp = plan.clauses[i][j];
      std::string details;
      bool joined = c.kind == Cl::kMatch && cp.op != MatchOp::kRows && j + 1 < clauses.size();
      if (c.kind == Cl::kMatch || c.kind == Cl::kMerge) details = match_text(cp.match);
      if (c.kind == Cl::kWith || c.kind == Cl::kReturn) details = projection_text(c.proj, cp);
      if (joined) {
        std::string proj = projection_text(clauses[j + 1].proj, plan.clauses[i][j + 1]);
        if (!proj.empty()) details += "; " + proj;
      }
      std::string text = source_text(q, c);
      if (joined) {
        std::string next = source_text(q, clauses[j + 1]);
        if (!next.empty()) text += " " + next;
      }
      if (!text.empty()) details += (details.empty() ? "" : " | ") + text;
      const OpProfile* p = nullptr;
      if (profile)
        for (const auto& op : *profile)
          if (op.part == i && op.clause == j) p = &op;
      row(operator_name(c, cp), details, p);
      if (joined) ++j;
    }
  }
  return r;
}

}  // namespace kg::query
