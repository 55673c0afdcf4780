// Expression evaluation: openCypher's null-propagating, three-valued semantics.
#include <algorithm>

#include "query/error.h"
#include "query/eval_operators.h"
#include "query/exec.h"
#include "query/function/registry.h"
#include "query/function/temporal.h"

namespace kg::query {

bool is_true(const Val& v) {
  return v.is<bool>() && v.as<bool>();
}

namespace {

void check_entity(const Val& v, Ctx& ctx) {
  if ((v.is<NodeRef>() && ctx.node_deleted(v.as<NodeRef>().v)) ||
      (v.is<RelRef>() && ctx.edge_deleted(v.as<RelRef>().e)))
    throw QueryError("EntityNotFound", "DeletedEntityAccess", "the entity was deleted", 0, 0,
                     false);
}

Val property(const Val& base, const std::string& key, Ctx& ctx) {
  if (base.is_null()) return {};
  check_entity(base, ctx);
  if (base.is<NodeRef>()) {
    // The name, the property asked for most, straight from the node: one copy, not two.
    const graph::Node& node = ctx.g.node(base.as<NodeRef>().v);
    if (key == "name" && !node.name.empty()) return Val(node.name);
    return from_graph(ctx.g.node_property(base.as<NodeRef>().v, key));
  }
  if (base.is<RelRef>()) return from_graph(ctx.g.edge_property(base.as<RelRef>().e, key));
  if (base.is<VMap>()) {
    const Val* v = vmap_find(base.as<VMap>(), key);
    return v ? *v : Val();
  }
  if (base.is<Temporal>()) return temporal_property(base.as<Temporal>(), key);
  bad_type("property access", base);
}

Val index(const Val& base, const Val& idx, Ctx& ctx) {
  if (base.is_null() || idx.is_null()) return {};
  if (base.is<VList>()) {
    if (!idx.is<int64_t>()) bad_type("list index", idx);
    const auto& l = base.as<VList>();
    int64_t i = idx.as<int64_t>();
    if (i < 0) i += int64_t(l.size());
    if (i < 0 || i >= int64_t(l.size())) return {};
    return l[size_t(i)];
  }
  if (base.is<VMap>() || base.is<NodeRef>() || base.is<RelRef>()) {
    if (!idx.is<std::string>()) type_error("MapElementAccessByNonString", "map keys are strings");
    return property(base, idx.as<std::string>(), ctx);
  }
  bad_type("indexing", base);
}

Val slice(const Val& base, const Val& from, const Val& to) {
  if (base.is_null()) return {};
  if (!base.is<VList>()) bad_type("slicing", base);
  const auto& l = base.as<VList>();
  int64_t n = int64_t(l.size());
  auto bound = [&](const Val& v) -> std::optional<int64_t> {
    if (v.is_null()) return std::nullopt;
    if (!v.is<int64_t>()) bad_type("slice bound", v);
    int64_t i = v.as<int64_t>();
    if (i < 0) i += n;
    return std::clamp<int64_t>(i, 0, n);
  };
  auto b = bound(from);
  auto e = bound(to);
  if (!b || !e) return {};
  VList out;
  for (int64_t i = *b; i < *e; ++i) out.push_back(l[size_t(i)]);
  return Val(std::move(out));
}

// list[from..to], either end open.
Val slice_expr(const Expr& e, Row& row, Ctx& ctx) {
  Val b = eval(*e.kids[0], row, ctx);
  Val from = e.kids[1] ? eval(*e.kids[1], row, ctx) : Val(int64_t{0});
  Val to = e.kids[2] ? eval(*e.kids[2], row, ctx)
                     : Val(int64_t(b.is<VList>() ? b.as<VList>().size() : 0));
  return slice(b, from, to);
}

// n:L1:L2...
Val has_labels_expr(const Expr& e, Row& row, Ctx& ctx) {
  Val v = eval(*e.kids[0], row, ctx);
  if (v.is_null()) return {};
  if (!v.is<NodeRef>()) bad_type("a label check", v);
  return Val(has_labels(ctx.g.node(v.as<NodeRef>().v), e.keys));
}

// CASE [subject] WHEN ... THEN ... [ELSE ...] END: the first WHEN that holds (or equals the
// subject) picks its THEN.
Val case_expr(const Expr& e, Row& row, Ctx& ctx) {
  size_t i = 0;
  Val subject;
  if (e.has_subject) subject = eval(*e.kids[i++], row, ctx);
  size_t pairs_end = e.kids.size() - (e.has_else ? 1 : 0);
  for (; i + 1 < pairs_end + 1 && i < pairs_end; i += 2) {
    Val w = eval(*e.kids[i], row, ctx);
    bool hit = e.has_subject ? equals(subject, w).value_or(false) : is_true(w);
    if (hit) return eval(*e.kids[i + 1], row, ctx);
  }
  return e.has_else ? eval(*e.kids.back(), row, ctx) : Val();
}

// [x IN list WHERE ... | ...]: the list variable's slot is restored afterwards.
Val list_comprehension(const Expr& e, Row& row, Ctx& ctx) {
  Val list = eval(*e.kids[0], row, ctx);
  if (list.is_null()) return {};
  if (!list.is<VList>()) bad_type("a list comprehension", list);
  Val saved = row[e.slot];
  VList out;
  for (const auto& x : list.as<VList>()) {
    row[e.slot] = x;
    if (e.kids[1] && !is_true(eval(*e.kids[1], row, ctx))) continue;
    out.push_back(e.kids[2] ? eval(*e.kids[2], row, ctx) : x);
  }
  row[e.slot] = std::move(saved);
  return Val(std::move(out));
}

// reduce(acc = init, x IN list | expression)
Val reduce(const Expr& e, Row& row, Ctx& ctx) {
  Val list = eval(*e.kids[1], row, ctx);
  if (list.is_null()) return {};
  if (!list.is<VList>()) bad_type("reduce", list);
  Val saved_acc = row[e.slot], saved_x = row[e.slot2];
  row[e.slot] = eval(*e.kids[0], row, ctx);
  for (const auto& x : list.as<VList>()) {
    row[e.slot2] = x;
    row[e.slot] = eval(*e.kids[2], row, ctx);
  }
  Val result = std::move(row[e.slot]);
  row[e.slot] = std::move(saved_acc);
  row[e.slot2] = std::move(saved_x);
  return result;
}

Val quantifier(const Expr& e, Row& row, Ctx& ctx) {
  Val list = eval(*e.kids[0], row, ctx);
  if (list.is_null()) return {};
  if (!list.is<VList>()) bad_type(e.op, list);
  Val saved = row[e.slot];
  int trues = 0, falses = 0, nulls = 0;
  for (const auto& x : list.as<VList>()) {
    row[e.slot] = x;
    Val r = e.kids[1] ? eval(*e.kids[1], row, ctx) : Val(true);
    if (r.is_null())
      ++nulls;
    else if (is_true(r))
      ++trues;
    else
      ++falses;
  }
  row[e.slot] = std::move(saved);
  if (e.op == "all") return falses ? Val(false) : nulls ? Val() : Val(true);
  if (e.op == "any") return trues ? Val(true) : nulls ? Val() : Val(false);
  if (e.op == "none") return trues ? Val(false) : nulls ? Val() : Val(true);
  if (trues > 1) return Val(false);
  if (nulls) return {};
  return Val(trues == 1);
}

bool pattern_bound(const PatternPart& p, std::vector<bool>& bound) {
  for (const auto& n : p.nodes)
    if (n.bound) bound[n.slot] = true;
  for (const auto& r : p.rels)
    if (r.bound) bound[r.slot] = true;
  return true;
}

Val pattern_expr(const Expr& e, Row& row, Ctx& ctx) {
  std::vector<bool> bound(ctx.slot_count, false);
  pattern_bound(*e.pattern, bound);
  MatchPlan plan = plan_match_one(*e.pattern, bound);
  Row work = row;
  if (e.kind == Ex::kPattern) {
    struct Stop {};
    bool found = false;
    try {
      match_plan(plan, work, ctx, [&](Row&) {
        found = true;
        throw Stop{};
      });
    } catch (const Stop&) {
    }
    return Val(found);
  }
  VList out;
  match_plan(plan, work, ctx, [&](Row& r) {
    if (e.kids[0] && !is_true(eval(*e.kids[0], r, ctx))) return;
    out.push_back(eval(*e.kids[1], r, ctx));
  });
  return Val(std::move(out));
}

Val map_projection(const Expr& e, Row& row, Ctx& ctx) {
  Val subject = eval(*e.kids[0], row, ctx);
  if (subject.is_null()) return {};
  VMap out;
  for (size_t i = 0; i < e.keys.size(); ++i) {
    const std::string& k = e.keys[i];
    if (k == "*") {
      VMap all = subject.is<NodeRef>()  ? node_map(ctx.g, subject.as<NodeRef>().v)
                 : subject.is<RelRef>() ? rel_map(ctx.g, subject.as<RelRef>().e)
                 : subject.is<VMap>()   ? subject.as<VMap>()
                                        : VMap{};
      for (auto& [kk, v] : all) vmap_set(out, kk, v);
    } else if (k[0] == '.') {
      vmap_set(out, k.substr(1), property(subject, k.substr(1), ctx));
    } else {
      vmap_set(out, k, eval(*e.kids[i + 1], row, ctx));
    }
  }
  return Val(std::move(out));
}

// The arguments of a scalar function's call; false when a null among them makes its value null
// (Function::nulls) without calling it.
bool call_args(const Expr& e, Row& row, Ctx& ctx, std::vector<Val>& args) {
  const Function& f = *e.fn;
  args.reserve(e.kids.size());
  for (const auto& k : e.kids) args.push_back(eval(*k, row, ctx));
  if (!f.reads_deleted && !args.empty()) check_entity(args[0], ctx);
  switch (f.nulls) {
    case NullArgs::kFirst:
      return args.empty() || !args[0].is_null();
    case NullArgs::kAny:
      return std::none_of(args.begin(), args.end(), [](const Val& a) { return a.is_null(); });
    case NullArgs::kNever:
      break;
  }
  return true;
}

// A call of a scalar or special function: the binder found its entry (Expr::fn).
Val call(const Expr& e, Row& row, Ctx& ctx) {
  const Function& f = *e.fn;
  if (f.kind == FunctionKind::kSpecial) return f.special(e, row, ctx);
  std::vector<Val> args;
  if (!call_args(e, row, ctx, args)) return {};
  return f.scalar(f, args, ctx);
}

}  // namespace

void for_each_element(const Expr& e, Row& row, Ctx& ctx, FunctionRef<void(Val)> each) {
  if (e.kind == Ex::kCall && e.fn && e.fn->each) {
    std::vector<Val> args;
    if (call_args(e, row, ctx, args)) e.fn->each(*e.fn, args, ctx, each);
    return;
  }
  Val v = eval(e, row, ctx);
  if (v.is_null()) return;
  if (!v.is<VList>()) return each(std::move(v));
  for (auto& x : v.as<VList>()) each(std::move(x));
}

const Val& eval_ref(const Expr& e, Row& row, Ctx& ctx, Val& scratch) {
  if (e.kind == Ex::kLiteral) return e.value;
  if (e.kind == Ex::kParam) {
    auto it = ctx.params.find(e.name);
    if (it != ctx.params.end()) return it->second;
  }
  scratch = eval(e, row, ctx);  // a missing parameter throws here
  return scratch;
}

Val eval(const Expr& e, Row& row, Ctx& ctx) {
  switch (e.kind) {
    case Ex::kLiteral:
      return e.value;
    case Ex::kParam: {
      auto it = ctx.params.find(e.name);
      if (it == ctx.params.end())
        throw QueryError("ParameterMissing", "MissingParameter",
                         "parameter $" + e.name + " missing");
      return it->second;
    }
    case Ex::kVar:
      return row[e.slot];
    case Ex::kProperty:
      return property(eval(*e.kids[0], row, ctx), e.name, ctx);
    case Ex::kIndex: {
      Val b = eval(*e.kids[0], row, ctx);
      return index(b, eval(*e.kids[1], row, ctx), ctx);
    }
    case Ex::kSlice:
      return slice_expr(e, row, ctx);
    case Ex::kList: {
      VList out;
      out.reserve(e.kids.size());
      for (const auto& k : e.kids) out.push_back(eval(*k, row, ctx));
      return Val(std::move(out));
    }
    case Ex::kMap: {
      VMap out;
      for (size_t i = 0; i < e.keys.size(); ++i)
        vmap_set(out, e.keys[i], eval(*e.kids[i], row, ctx));
      return Val(std::move(out));
    }
    case Ex::kCountStar:
    case Ex::kAggRef:
      break;
    case Ex::kCall:
      if (e.fn->aggregate()) break;
      return call(e, row, ctx);
    case Ex::kUnary:
      return unary(e, row, ctx);
    case Ex::kBinary:
      return binary(e, row, ctx);
    case Ex::kIsNull: {
      bool null = eval(*e.kids[0], row, ctx).is_null();
      return Val(e.op == "NOT" ? !null : null);
    }
    case Ex::kHasLabels:
      return has_labels_expr(e, row, ctx);
    case Ex::kCase:
      return case_expr(e, row, ctx);
    case Ex::kListComp:
      return list_comprehension(e, row, ctx);
    case Ex::kQuantifier:
      return quantifier(e, row, ctx);
    case Ex::kReduce:
      return reduce(e, row, ctx);
    case Ex::kPattern:
    case Ex::kPatternComp:
      return pattern_expr(e, row, ctx);
    case Ex::kMapProj:
      return map_projection(e, row, ctx);
    case Ex::kSubquery:
      return Val(subquery_has_rows(e, row, ctx));
  }
  // An aggregate: its value for the current group.
  if (ctx.agg_exprs)
    for (size_t i = 0; i < ctx.agg_exprs->size(); ++i)
      if ((*ctx.agg_exprs)[i] == &e) return (*ctx.agg_values)[i];
  syntax_error("InvalidAggregation", "aggregation is not allowed here", e.line, e.column);
}

}  // namespace kg::query
