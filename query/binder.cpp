// Binder: one pass over the clauses with a scope of variables and what each one holds.
#include "query/binder.h"

#include <map>
#include <set>
#include <unordered_map>

#include "query/error.h"
#include "query/function/registry.h"
#include "query/planner.h"
#include "query/procedure/registry.h"

namespace kg::query {

bool is_aggregate(const Expr& e) {
  return e.kind == Ex::kCountStar || (e.kind == Ex::kCall && e.fn && e.fn->aggregate());
}

bool has_aggregate(const Expr& e) {
  if (is_aggregate(e)) return true;
  for (const auto& k : e.kids)
    if (k && has_aggregate(*k)) return true;
  return false;
}

std::string expr_key(const Expr& e) {
  std::string s = std::to_string(int(e.kind)) + e.op + "|" + e.name + "|";
  if (e.kind == Ex::kLiteral) s += std::to_string(e.value.data.index());
  if (e.kind == Ex::kLiteral && e.value.is<int64_t>()) s += std::to_string(e.value.as<int64_t>());
  if (e.kind == Ex::kLiteral && e.value.is<std::string>()) s += e.value.as<std::string>();
  if (e.distinct) s += "D";
  for (const auto& k : e.keys) s += k + ",";
  s += "(";
  for (const auto& k : e.kids) s += k ? expr_key(*k) : "_";
  return s + ")";
}

namespace {

// Every function call of the query is looked up in the registry once, before binding, so
// that the checks below ask a call what it is (Expr::fn) rather than its name. An unknown
// name keeps fn null and is reported where the binder meets it, in the order of the other
// errors.
void resolve_calls(Expr& e);
void resolve_calls(Clause& c);

void resolve_calls(PatternPart& p) {
  for (auto& n : p.nodes)
    if (n.props) resolve_calls(*n.props);
  for (auto& r : p.rels)
    if (r.props) resolve_calls(*r.props);
}

void resolve_calls(Expr& e) {
  if (e.kind == Ex::kCall) e.fn = find_function(e.op);
  for (auto& k : e.kids)
    if (k) resolve_calls(*k);
  if (e.pattern) resolve_calls(*e.pattern);
  if (e.subquery)
    for (auto& c : e.subquery->clauses) resolve_calls(c);
}

void resolve_calls(Clause& c) {
  auto one = [](ExprPtr& e) {
    if (e) resolve_calls(*e);
  };
  for (auto& p : c.patterns) resolve_calls(p);
  one(c.where);
  one(c.expr);
  for (auto& it : c.proj.items) one(it.expr);
  for (auto& s : c.proj.order) one(s.expr);
  one(c.proj.skip);
  one(c.proj.limit);
  one(c.proj.where);
  for (auto* items : {&c.set_items, &c.on_create, &c.on_match})
    for (auto& it : *items) {
      one(it.target);
      one(it.value);
    }
  for (auto& e : c.exprs) one(e);
}

enum class VT { kUnknown, kNode, kRel, kRelList, kPath, kValue, kList };

struct Var {
  int slot;
  VT type;
};

class Binder {
 public:
  explicit Binder(Query& q) : q_(q) {}

  void run() {
    for (auto& part : q_.parts)
      for (auto& c : part.clauses) resolve_calls(c);
    std::vector<std::string> columns;
    for (size_t i = 1; i < q_.union_all.size(); ++i)
      if (q_.union_all[i] != q_.union_all[0])
        syntax_error("InvalidClauseComposition", "UNION and UNION ALL cannot be mixed", 0, 0);
    for (size_t i = 0; i < q_.parts.size(); ++i) {
      scope_.clear();
      auto cols = single(q_.parts[i]);
      if (i == 0)
        columns = cols;
      else if (cols != columns)
        syntax_error("DifferentColumnsInUnion", "UNION parts must return the same columns", 0, 0);
    }
    q_.columns = columns;
    q_.slot_count = next_slot_;
    // Subqueries are planned once every slot is known.
    for (Expr* e : subqueries_) {
      auto plan = std::make_shared<SubqueryPlan>();
      plan->clauses = plan_clauses(*e->subquery, size_t(next_slot_));
      e->subplan = std::move(plan);
    }
  }

 private:
  using Scope = std::map<std::string, Var>;

  int slot_for(const std::string& name) {
    auto it = slots_.find(name);
    if (it != slots_.end()) return it->second;
    return slots_[name] = next_slot_++;
  }
  int fresh_slot() { return next_slot_++; }

  [[noreturn]] void fail(const std::string& code, const std::string& msg, int line, int col) {
    syntax_error(code, msg, line, col);
  }

  std::vector<std::string> single(SingleQuery& sq) {
    std::vector<std::string> columns;
    standalone_ = q_.parts.size() == 1 && sq.clauses.size() == 1 && sq.clauses[0].kind == Cl::kCall;
    if (standalone_) standalone_call(sq);
    for (size_t i = 0; i < sq.clauses.size(); ++i) {
      Clause& c = sq.clauses[i];
      bool last = i + 1 == sq.clauses.size();
      if (c.kind == Cl::kReturn && !last)
        fail("InvalidClauseComposition", "RETURN must be the last clause", c.line, c.column);
      if (last && c.kind != Cl::kReturn &&
          (c.kind == Cl::kMatch || c.kind == Cl::kWith || c.kind == Cl::kUnwind))
        fail("InvalidClauseComposition", "a query cannot end with this clause", c.line, c.column);
      clause(c);
      if (c.kind == Cl::kReturn)
        for (const auto& it : c.proj.items) columns.push_back(it.alias);
    }
    return columns;
  }

  void clause(Clause& c) {
    switch (c.kind) {
      case Cl::kMatch: {
        std::vector<int> rel_slots;
        Scope before = scope_;
        for (auto& p : c.patterns) pattern(p, false, c.optional, &rel_slots);
        // For MATCH, "bound" means bound before the clause: the planner orders the rest.
        for (auto& p : c.patterns) {
          for (auto& n : p.nodes) n.bound = !n.var.empty() && before.count(n.var);
          for (auto& r : p.rels) r.bound = !r.var.empty() && before.count(r.var);
        }
        if (c.where) {
          expr(*c.where, scope_, false);
          if (c.where->kind == Ex::kVar && type_of(*c.where, scope_) == VT::kNode)
            fail("InvalidArgumentType", "WHERE takes a boolean, not a node", c.where->line,
                 c.where->column);
        }
        break;
      }
      case Cl::kUnwind:
        expr(*c.expr, scope_, false);
        if (scope_.count(c.var))
          fail("VariableAlreadyBound", "variable '" + c.var + "' is already bound", c.line,
               c.column);
        c.slot = slot_for(c.var);
        scope_[c.var] = {c.slot, VT::kUnknown};
        break;
      case Cl::kWith:
      case Cl::kReturn:
        projection(c);
        break;
      case Cl::kCreate:
        for (auto& p : c.patterns) pattern(p, true, false, nullptr);
        break;
      case Cl::kMerge:
        merging_ = true;
        for (auto& p : c.patterns) pattern(p, true, false, nullptr);
        merging_ = false;
        for (auto* items : {&c.on_create, &c.on_match}) set_items(*items);
        break;
      case Cl::kSet:
      case Cl::kRemove:
        set_items(c.set_items);
        break;
      case Cl::kCall:
        call(c);
        break;
      case Cl::kDelete:
        for (auto& e : c.exprs) {
          expr(*e, scope_, false);
          if (e->kind == Ex::kLiteral ||
              (e->kind == Ex::kBinary && (e->op == "+" || e->op == "-" || e->op == "*" ||
                                          e->op == "/" || e->op == "%" || e->op == "^")))
            fail("InvalidArgumentType", "DELETE takes nodes, relationships or paths", e->line,
                 e->column);
          if (e->kind != Ex::kVar && e->kind != Ex::kIndex && e->kind != Ex::kProperty &&
              e->kind != Ex::kCall)
            fail("InvalidDelete", "DELETE takes nodes, relationships or paths", e->line, e->column);
        }
        break;
    }
  }

  static std::shared_ptr<const Procedure> procedure_of(const Clause& c) {
    auto p = find_procedure(c.procedure_name);
    if (!p)
      throw QueryError("ProcedureError", "ProcedureNotFound",
                       "unknown procedure '" + c.procedure_name + "'", c.line, c.column, true);
    return p;
  }

  // A query that is one CALL returns what the procedure yields: every output unless YIELD
  // names some (a RETURN of them is added). A void procedure returns nothing.
  void standalone_call(SingleQuery& sq) {
    Clause& c = sq.clauses[0];
    c.procedure = procedure_of(c);
    if (c.yield_star || c.yields.empty()) {
      c.yields.clear();
      for (const auto& out : c.procedure->outputs) {
        YieldItem y;
        y.output = y.alias = out.name;
        y.line = c.line;
        y.column = c.column;
        c.yields.push_back(std::move(y));
      }
      c.yield_star = false;
    }
    if (c.yields.empty()) return;
    Clause ret;
    ret.kind = Cl::kReturn;
    ret.line = c.line;
    ret.column = c.column;
    for (const auto& y : c.yields) {
      ReturnItem it;
      it.expr = std::make_unique<Expr>();
      it.expr->kind = Ex::kVar;
      it.expr->name = y.alias;
      it.alias = y.alias;
      it.explicit_alias = true;
      ret.proj.items.push_back(std::move(it));
    }
    sq.clauses.push_back(std::move(ret));
  }

  void call(Clause& c) {
    if (!c.procedure) c.procedure = procedure_of(c);
    const Procedure& p = *c.procedure;
    if (c.implicit_args) {
      if (!standalone_ && !p.inputs.empty())
        fail("InvalidArgumentPassingMode",
             "a CALL inside a query passes its arguments in parentheses", c.line, c.column);
    } else {
      if (c.exprs.size() < p.min_args || c.exprs.size() > p.inputs.size())
        fail("InvalidNumberOfArguments",
             "wrong number of arguments to " + p.name + " (it takes " +
                 std::to_string(p.inputs.size()) + ")",
             c.line, c.column);
      for (size_t i = 0; i < c.exprs.size(); ++i) {
        Expr& a = *c.exprs[i];
        expr(a, scope_, false);
        if (a.kind == Ex::kLiteral && !procedure_accepts(p.inputs[i].type, a.value))
          fail("InvalidArgumentType", p.inputs[i].name + " takes a " + p.inputs[i].type, a.line,
               a.column);
      }
    }
    if (c.yield_star)
      fail("UnexpectedSyntax", "YIELD * is only allowed in a CALL that is the whole query", c.line,
           c.column);
    std::set<std::string> seen;
    for (auto& y : c.yields) {
      y.index = p.output_index(y.output);
      if (y.index == p.outputs.size())
        fail("UndefinedVariable", p.name + " has no output '" + y.output + "'", y.line, y.column);
      if (scope_.count(y.alias) || !seen.insert(y.alias).second)
        fail("VariableAlreadyBound", "variable '" + y.alias + "' is already bound", y.line,
             y.column);
    }
    for (auto& y : c.yields) {
      y.slot = slot_for(y.alias);
      scope_[y.alias] = {y.slot, VT::kUnknown};
    }
    if (c.where) expr(*c.where, scope_, false);
  }

  void set_items(std::vector<SetItem>& items) {
    for (auto& it : items) {
      expr(*it.target, scope_, false);
      if (it.value) {
        no_pattern_value(*it.value);
        expr(*it.value, scope_, false);
      }
    }
  }

  // A pattern outside exists() is no value to set.
  void no_pattern_value(const Expr& e) {
    if (e.kind == Ex::kPattern)
      fail("UnexpectedSyntax", "a pattern is not a value here", e.line, e.column);
    if (e.kind == Ex::kCall && e.fn && e.fn->kind == FunctionKind::kSpecial) return;
    for (const auto& k : e.kids)
      if (k) no_pattern_value(*k);
  }

  void declare(const std::string& name, int& slot, VT type, int line, int col) {
    auto it = scope_.find(name);
    if (it != scope_.end()) {
      VT have = it->second.type;
      bool list_ok = (have == VT::kList && type == VT::kRelList);
      if (have != VT::kUnknown && type != VT::kUnknown && have != type && !list_ok)
        fail("VariableTypeConflict", "variable '" + name + "' is already used for another kind",
             line, col);
      slot = it->second.slot;
      return;
    }
    slot = slot_for(name);
    scope_[name] = {slot, type};
  }

  void pattern(PatternPart& p, bool creating, bool optional, std::vector<int>* rel_slots) {
    (void)optional;
    // Property maps may refer to variables bound before this pattern part only... and to
    // nodes bound earlier in it; check them against the scope as it grows.
    if (!p.path_var.empty() && scope_.count(p.path_var))
      fail("VariableAlreadyBound", "path variable '" + p.path_var + "' is already bound", 0, 0);
    for (size_t i = 0; i < p.nodes.size(); ++i) {
      NodePat& n = p.nodes[i];
      if (n.props) {
        if (n.props->kind == Ex::kParam && (!creating || merging_))
          fail("InvalidParameterUse", "a parameter cannot stand for a property map in MATCH",
               n.line, n.column);
        expr(*n.props, scope_, false);
      }
      if (n.var.empty()) {
        n.slot = fresh_slot();
      } else {
        auto it = scope_.find(n.var);
        n.bound = it != scope_.end();
        if (n.bound && creating && (!n.labels.empty() || n.props || p.nodes.size() == 1))
          fail("VariableAlreadyBound", "variable '" + n.var + "' is already bound", n.line,
               n.column);
        declare(n.var, n.slot, VT::kNode, n.line, n.column);
      }
      if (i < p.rels.size()) rel(p, p.rels[i], creating, rel_slots);
    }
    if (!p.path_var.empty()) {
      for (const auto& n : p.nodes)
        if (n.var == p.path_var)
          fail("VariableAlreadyBound", "'" + p.path_var + "' names the path and a node", n.line,
               n.column);
      for (const auto& r : p.rels)
        if (r.var == p.path_var)
          fail("VariableAlreadyBound", "'" + p.path_var + "' names the path and a relationship",
               r.line, r.column);
      declare(p.path_var, p.path_slot, VT::kPath, 0, 0);
    }
  }

  void rel(PatternPart& p, RelPat& r, bool creating, std::vector<int>* rel_slots) {
    (void)p;
    if (r.props) {
      if (r.props->kind == Ex::kParam && (!creating || merging_))
        fail("InvalidParameterUse", "a parameter cannot stand for a property map in MATCH", r.line,
             r.column);
      expr(*r.props, scope_, false);
    }
    if (creating && !r.var.empty() && scope_.count(r.var))
      fail("VariableAlreadyBound", "variable '" + r.var + "' is already bound", r.line, r.column);
    if (creating) {
      if (r.types.size() != 1)
        fail("NoSingleRelationshipType", "CREATE needs exactly one relationship type", r.line,
             r.column);
      if (r.dir == Dir::kBoth && !merging_)  // MERGE matches both ways, creates left to right
        fail("RequiresDirectedRelationship", "CREATE needs a direction", r.line, r.column);
      if (r.var_length)
        fail("CreatingVarLength", "CREATE cannot make variable length relationships", r.line,
             r.column);
    }
    if (r.var.empty()) {
      r.slot = fresh_slot();
      return;
    }
    auto it = scope_.find(r.var);
    r.bound = it != scope_.end();
    if (r.bound && creating)
      fail("VariableAlreadyBound", "variable '" + r.var + "' is already bound", r.line, r.column);
    declare(r.var, r.slot, r.var_length ? VT::kRelList : VT::kRel, r.line, r.column);
    if (rel_slots) {
      for (int s : *rel_slots)
        if (s == r.slot && !r.bound)
          fail("RelationshipUniquenessViolation", "relationship '" + r.var + "' used twice", r.line,
               r.column);
      if (!r.bound)
        rel_slots->push_back(r.slot);
      else {
        // Bound in this very clause: the pattern reuses one relationship.
        for (int s : *rel_slots)
          if (s == r.slot)
            fail("RelationshipUniquenessViolation", "relationship '" + r.var + "' used twice",
                 r.line, r.column);
      }
    }
  }

  VT type_of(const Expr& e, const Scope& scope) {
    switch (e.kind) {
      case Ex::kVar: {
        auto it = scope.find(e.name);
        return it == scope.end() ? VT::kUnknown : it->second.type;
      }
      case Ex::kLiteral:
        return e.value.is_null() ? VT::kUnknown : VT::kValue;
      case Ex::kList:
        return VT::kList;
      case Ex::kMap:
      case Ex::kBinary:
      case Ex::kUnary:
      case Ex::kIsNull:
      case Ex::kCountStar:
      case Ex::kListComp:
        return VT::kValue;
      default:
        return VT::kUnknown;
    }
  }

  void projection(Clause& c) {
    Projection& p = c.proj;
    if (p.star) expand_star(c);
    Scope out;
    const Expr* unaliased = nullptr;
    bool aggregating = bind_items(c, out, unaliased);
    if (aggregating) check_ambiguous(p);
    bind_order(p, out, aggregating);
    if (unaliased)
      fail("NoExpressionAlias", "expressions in WITH need an alias", unaliased->line,
           unaliased->column);
    for (auto* e : {&p.skip, &p.limit})
      if (*e) bind_count(**e);
    // WITH ... WHERE sees what ORDER BY sees.
    Scope where_scope = out;
    if (!aggregating)
      for (const auto& [k, v] : scope_) where_scope.emplace(k, v);
    scope_ = std::move(out);
    if (p.where) expr(*p.where, where_scope, false);
  }

  // RETURN * / WITH *: every named variable in scope as an item, before the listed ones.
  void expand_star(Clause& c) {
    Projection& p = c.proj;
    if (scope_.empty() && c.kind == Cl::kReturn)
      fail("NoVariablesInScope", "RETURN * needs variables in scope", c.line, c.column);
    // Hidden (anonymous) slots never enter the scope, so this is every named variable;
    // RETURN * lists them by name.
    std::vector<ReturnItem> star;
    for (const auto& [name, var] : scope_) {
      ReturnItem it;
      it.expr = std::make_unique<Expr>();
      it.expr->kind = Ex::kVar;
      it.expr->name = name;
      it.alias = name;
      star.push_back(std::move(it));
    }
    for (auto& it : p.items) star.push_back(std::move(it));
    p.items = std::move(star);
    p.star = false;
  }

  // Binds the projected items and declares their names in `out`; returns whether any
  // aggregates. `unaliased` gets WITH's first item that needs an alias and has none (reported
  // after ORDER BY, whose errors come first).
  bool bind_items(Clause& c, Scope& out, const Expr*& unaliased) {
    bool aggregating = false;
    for (auto& it : c.proj.items) {
      if (it.expr->kind == Ex::kPattern)
        fail("UnexpectedSyntax", "a pattern cannot be projected (use a pattern comprehension)",
             it.expr->line, it.expr->column);
      expr(*it.expr, scope_, true);
      if (has_aggregate(*it.expr)) aggregating = true;
      if (c.kind == Cl::kWith && !it.explicit_alias && it.expr->kind != Ex::kVar && !unaliased)
        unaliased = it.expr.get();
      if (out.count(it.alias))
        fail("ColumnNameConflict", "column '" + it.alias + "' appears twice", it.expr->line,
             it.expr->column);
      it.slot = slot_for(it.alias);
      out[it.alias] = {it.slot, type_of(*it.expr, scope_)};
    }
    return aggregating;
  }

  // ORDER BY sees the projected names and, unless the projection aggregates, the variables
  // before it too. After an aggregation, the sort keys are checked as returned items are.
  void bind_order(Projection& p, const Scope& out, bool aggregating) {
    Scope order_scope = out;
    if (!aggregating && !p.distinct)
      for (const auto& [k, v] : scope_) order_scope.emplace(k, v);
    for (auto& s : p.order) {
      bool projected_text = false;
      for (const auto& it : p.items)
        if (same_text(*s.expr, *it.expr)) projected_text = true;
      if (projected_text) {
        Scope both = order_scope;
        for (const auto& [k, v] : scope_) both.emplace(k, v);
        expr(*s.expr, both, true);
      } else if (aggregating) {
        bind_order_after_aggregation(*s.expr, p, out);
      } else {
        if (has_aggregate(*s.expr))
          fail("InvalidAggregation", "ORDER BY can aggregate only after an aggregating projection",
               s.expr->line, s.expr->column);
        expr(*s.expr, order_scope, true);
      }
    }
  }

  // A sort key after an aggregating projection, like a returned item: outside the aggregates
  // only returned names and grouping keys may appear; inside them, anything the projection
  // could see.
  void bind_order_after_aggregation(Expr& key, const Projection& p, const Scope& out) {
    std::vector<std::string> keys;
    projected_aggs_.clear();
    for (const auto& it : p.items) {
      if (!has_aggregate(*it.expr))
        keys.push_back(text_of(*it.expr));
      else
        collect_agg_texts(*it.expr);
    }
    std::set<std::string> locals;
    walk_ambiguous(key, keys, locals, &out);
    Scope order_bind = out;
    for (const auto& [k, v] : scope_) order_bind.emplace(k, v);
    agg_scope_ = &scope_;
    expr(key, order_bind, true);
    agg_scope_ = nullptr;
  }

  // SKIP or LIMIT: a constant, and when a literal, a non-negative integer.
  void bind_count(Expr& e) {
    if (uses_variables(e))
      fail("NonConstantExpression", "SKIP and LIMIT take constants", e.line, e.column);
    Scope empty;
    expr(e, empty, false);
    if (e.kind != Ex::kLiteral) return;
    if (e.value.is<double>())
      fail("InvalidArgumentType", "SKIP and LIMIT take integers", e.line, e.column);
    if (e.value.is<int64_t>() && e.value.as<int64_t>() < 0)
      fail("NegativeIntegerArgument", "SKIP and LIMIT cannot be negative", e.line, e.column);
  }

  static bool same_text(const Expr& a, const Expr& b) { return expr_key(a) == expr_key(b); }

  bool uses_variables(const Expr& e) {
    if (e.kind == Ex::kVar) return true;
    for (const auto& k : e.kids)
      if (k && uses_variables(*k)) return true;
    return false;
  }

  // Inside an aggregating projection, an item mixing an aggregate with a variable that is not
  // itself a grouping key has no meaning.
  void check_ambiguous(const Projection& p) {
    std::vector<std::string> keys;
    for (const auto& it : p.items)
      if (!has_aggregate(*it.expr)) keys.push_back(text_of(*it.expr));
    for (const auto& it : p.items) {
      std::set<std::string> locals;
      if (has_aggregate(*it.expr)) walk_ambiguous(*it.expr, keys, locals, nullptr);
    }
  }
  // `aliases`: names that may appear outside aggregates (ORDER BY after an aggregation).
  void walk_ambiguous(const Expr& e, const std::vector<std::string>& keys,
                      std::set<std::string>& locals, const Scope* aliases) {
    if (is_aggregate(e)) {
      // In ORDER BY, an aggregate must repeat a returned one, or use returned names only.
      if (!aliases || projected_aggs_.count(text_of(e))) return;
      std::vector<std::string> none;
      for (const auto& k : e.kids)
        if (k) walk_ambiguous(*k, none, locals, aliases);
      return;
    }
    for (const auto& k : keys) {
      if (k != text_of(e)) continue;
      // Only simple grouping keys (names, property lookups) may be reused next to aggregates.
      if (e.kind == Ex::kVar || e.kind == Ex::kProperty || e.kind == Ex::kLiteral ||
          e.kind == Ex::kParam)
        return;
      fail("AmbiguousAggregationExpression",
           "only variables and properties that are grouping keys may be used with aggregates",
           e.line, e.column);
    }
    if (e.kind == Ex::kVar && !locals.count(e.name) && !(aliases && aliases->count(e.name)))
      fail(aliases ? "UndefinedVariable" : "AmbiguousAggregationExpression",
           "'" + e.name + "' is neither aggregated nor a grouping key", e.line, e.column);
    bool binds = e.kind == Ex::kListComp || e.kind == Ex::kQuantifier || e.kind == Ex::kReduce;
    if (binds) {
      locals.insert(e.name);
      if (e.kind == Ex::kReduce) locals.insert(e.keys[0]);
    }
    for (const auto& k : e.kids)
      if (k) walk_ambiguous(*k, keys, locals, aliases);
  }

  std::string text_of(const Expr& e) const { return expr_key(e); }

  void collect_agg_texts(const Expr& e) {
    if (is_aggregate(e)) {
      projected_aggs_.insert(text_of(e));
      return;
    }
    for (const auto& k : e.kids)
      if (k) collect_agg_texts(*k);
  }

  // The first argument of a call against what its function rejects (Function::arg_checks):
  // `type` is the variable's type when it is one, `value_literal` whether it is a literal
  // other than null or a boolean (or a list or a map).
  void check_argument(const Expr& call, const Expr& arg, VT type, bool value_literal) {
    unsigned no = call.fn->arg_checks;
    if (((no & kNoNodeVar) && type == VT::kNode) || ((no & kNoRelVar) && type == VT::kRel) ||
        ((no & kNoPathVar) && type == VT::kPath) ||
        ((no & kNoValueLiteral) && value_literal && arg.kind != Ex::kMap))
      fail("InvalidArgumentType", "this operand has the wrong type", arg.line, arg.column);
    if ((no & kNoPattern) && arg.kind == Ex::kPattern)
      fail("UnexpectedSyntax", std::string(call.fn->name) + "() does not take a pattern", call.line,
           call.column);
  }

  // all/any/none/single over a list literal of strings or booleans whose predicate does
  // arithmetic (- * / % ^) on the element: the text already shows the type error.
  void check_quantifier_types(const Expr& e) {
    const Expr& list = *e.kids[0];
    if (list.kind != Ex::kList || list.kids.empty() || e.kids.size() < 2 || !e.kids[1]) return;
    for (const auto& k : list.kids)
      if (!k || k->kind != Ex::kLiteral || !(k->value.is<std::string>() || k->value.is<bool>()))
        return;
    const std::string& var = e.name;
    auto walk = [&](auto& self, const Expr& x) -> void {
      if (x.kind == Ex::kBinary &&
          (x.op == "-" || x.op == "*" || x.op == "/" || x.op == "%" || x.op == "^"))
        for (const auto& k : x.kids)
          if (k && k->kind == Ex::kVar && k->name == var)
            fail("InvalidArgumentType", "this operand has the wrong type", k->line, k->column);
      bool shadows =
          (x.kind == Ex::kListComp || x.kind == Ex::kQuantifier || x.kind == Ex::kReduce) &&
          x.name == var;
      if (shadows) return;
      for (const auto& k : x.kids)
        if (k) self(self, *k);
    };
    walk(walk, *e.kids[1]);
  }

  // Operands whose kind is plain from the text and wrong for the operator.
  void check_types(const Expr& e, const Scope& scope) {
    auto literal_kind = [&](const Expr& x) -> int {  // 0 unknown, 1 bool/null, 2 other value
      if (x.kind == Ex::kLiteral) return x.value.is_null() || x.value.is<bool>() ? 1 : 2;
      if (x.kind == Ex::kList || x.kind == Ex::kMap) return 2;
      return 0;
    };
    auto bad = [&](const Expr& at) {
      fail("InvalidArgumentType", "this operand has the wrong type", at.line, at.column);
    };
    auto var_type = [&](const Expr& x) {
      if (x.kind != Ex::kVar) return VT::kUnknown;
      auto it = scope.find(x.name);
      return it == scope.end() ? VT::kUnknown : it->second.type;
    };
    if (e.kind == Ex::kBinary && (e.op == "AND" || e.op == "OR" || e.op == "XOR")) {
      for (const auto& k : e.kids)
        if (literal_kind(*k) == 2) bad(*k);
    } else if (e.kind == Ex::kUnary && e.op == "NOT") {
      if (literal_kind(*e.kids[0]) == 2) bad(*e.kids[0]);
    } else if (e.kind == Ex::kBinary && e.op == "IN") {
      const Expr& r = *e.kids[1];
      if ((r.kind == Ex::kLiteral && !r.value.is_null()) || r.kind == Ex::kMap) bad(r);
    } else if (e.kind == Ex::kCall && e.fn && e.fn->arg_checks && e.kids.size() == 1) {
      check_argument(e, *e.kids[0], var_type(*e.kids[0]), literal_kind(*e.kids[0]) == 2);
    } else if (e.kind == Ex::kProperty && var_type(*e.kids[0]) == VT::kPath) {
      bad(e);
    }
  }

  void expr(Expr& e, const Scope& scope, bool allow_agg, bool in_agg = false) {
    check_types(e, scope);
    switch (e.kind) {
      case Ex::kVar: {
        auto it = scope.find(e.name);
        if (it == scope.end())
          fail("UndefinedVariable", "variable '" + e.name + "' is not defined", e.line, e.column);
        e.slot = it->second.slot;
        return;
      }
      case Ex::kCall:
        if (bind_call(e, scope, allow_agg, in_agg)) return;
        break;
      case Ex::kCountStar:
        if (!allow_agg)
          fail("InvalidAggregation", "aggregation is not allowed here", e.line, e.column);
        if (in_agg) fail("NestedAggregation", "aggregations cannot nest", e.line, e.column);
        return;
      case Ex::kListComp:
      case Ex::kQuantifier: {
        if (e.kind == Ex::kQuantifier) check_quantifier_types(e);
        expr(*e.kids[0], scope, allow_agg, in_agg);
        Scope inner = scope;
        e.slot = slot_for(e.name);
        inner[e.name] = {e.slot, VT::kUnknown};
        for (size_t i = 1; i < e.kids.size(); ++i)
          if (e.kids[i]) expr(*e.kids[i], inner, false, in_agg);
        return;
      }
      case Ex::kReduce: {
        expr(*e.kids[0], scope, allow_agg, in_agg);
        expr(*e.kids[1], scope, allow_agg, in_agg);
        Scope inner = scope;
        e.slot = slot_for(e.keys[0]);
        e.slot2 = slot_for(e.name);
        inner[e.keys[0]] = {e.slot, VT::kUnknown};
        inner[e.name] = {e.slot2, VT::kUnknown};
        expr(*e.kids[2], inner, false, in_agg);
        return;
      }
      case Ex::kSubquery: {
        // Its clauses see the variables in scope; what they bind stays inside.
        Scope saved = scope_;
        scope_ = scope;
        for (auto& c : e.subquery->clauses) clause(c);
        scope_ = std::move(saved);
        subqueries_.push_back(&e);
        return;
      }
      case Ex::kPattern:
      case Ex::kPatternComp: {
        Scope saved = scope_;
        scope_ = scope;
        bool comprehension = e.kind == Ex::kPatternComp;
        for (auto& n : e.pattern->nodes)
          if (!n.var.empty() && !scope_.count(n.var) && !comprehension)
            fail("UndefinedVariable", "variable '" + n.var + "' is not defined", n.line, n.column);
        for (auto& r : e.pattern->rels)
          if (!r.var.empty() && !scope_.count(r.var) && !comprehension)
            fail("UndefinedVariable", "variable '" + r.var + "' is not defined", r.line, r.column);
        pattern(*e.pattern, false, false, nullptr);
        for (auto& k : e.kids)
          if (k) expr(*k, scope_, false, in_agg);
        scope_ = std::move(saved);
        return;
      }
      default:
        break;
    }
    for (auto& k : e.kids)
      if (k) expr(*k, scope, allow_agg, in_agg);
  }

  // A call against its registry entry (resolve_calls found it): the name must be known and
  // the arity right; an aggregate must be allowed where it is and binds its arguments itself
  // (returns true), in the scope aggregates see.
  bool bind_call(Expr& e, const Scope& scope, bool allow_agg, bool in_agg) {
    if (!e.fn) fail("UnknownFunction", "unknown function '" + e.op + "'", e.line, e.column);
    if (!e.fn->takes(e.kids.size()))
      fail("InvalidNumberOfArguments", "wrong number of arguments to " + e.op, e.line, e.column);
    if (!e.fn->aggregate()) return false;
    if (!allow_agg) fail("InvalidAggregation", "aggregation is not allowed here", e.line, e.column);
    if (in_agg) fail("NestedAggregation", "aggregations cannot nest", e.line, e.column);
    for (auto& k : e.kids) {
      if (k->kind == Ex::kCall && k->fn && k->fn->random)
        fail("NonConstantExpression", "cannot aggregate rand()", e.line, e.column);
      expr(*k, agg_scope_ ? *agg_scope_ : scope, allow_agg, true);
    }
    return true;
  }

  Query& q_;
  std::vector<Expr*> subqueries_;  // EXISTS { ... } subqueries, planned at the end
  bool standalone_ = false;        // the part being bound is one CALL
  bool merging_ = false;           // binding a MERGE pattern
  Scope scope_;
  const Scope* agg_scope_ = nullptr;  // what aggregates in ORDER BY may refer to
  std::set<std::string> projected_aggs_;
  std::unordered_map<std::string, int> slots_;
  int next_slot_ = 0;
};

}  // namespace

void bind(Query& q) {
  Binder(q).run();
}

}  // namespace kg::query
