// Parser: expressions, by precedence climbing from OR down to atoms.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "query/error.h"
#include "query/parser.h"
#include "query/parser_impl.h"

namespace kg::query::detail {

ExprPtr Parser::expr() {
  Depth d(*this);
  return or_expr();
}

ExprPtr Parser::or_expr() {
  auto l = xor_expr();
  while (kw("OR")) {
    next();
    l = binary("OR", std::move(l), xor_expr());
  }
  return l;
}

ExprPtr Parser::xor_expr() {
  auto l = and_expr();
  while (kw("XOR")) {
    next();
    l = binary("XOR", std::move(l), and_expr());
  }
  return l;
}

ExprPtr Parser::and_expr() {
  auto l = not_expr();
  while (kw("AND")) {
    next();
    l = binary("AND", std::move(l), not_expr());
  }
  return l;
}

ExprPtr Parser::not_expr() {
  if (kw("NOT")) {
    Depth d(*this);
    auto e = make(Ex::kUnary, cur());
    next();
    e->op = "NOT";
    e->kids.push_back(not_expr());
    e->end = e->kids[0]->end;
    return e;
  }
  return comparison();
}

bool Parser::comparison_op() const {
  return is("=") || is("<>") || is("!=") || is("<") || is(">") || is("<=") || is(">=");
}

ExprPtr Parser::comparison() {
  auto l = predicate();
  if (!comparison_op()) return l;
  // a < b < c means a < b AND b < c; the middle operand is evaluated per comparison.
  ExprPtr result;
  const Expr* prev = l.get();
  ExprPtr first = std::move(l);
  std::vector<std::pair<std::string, ExprPtr>> ops;
  while (comparison_op()) {
    std::string op = cur().text == "!=" ? "<>" : cur().text;
    next();
    ops.emplace_back(op, predicate());
  }
  (void)prev;
  if (ops.size() == 1) return binary(ops[0].first, std::move(first), std::move(ops[0].second));
  // Re-parse the middle operands to duplicate them (cheap and keeps the tree a tree).
  ExprPtr left = std::move(first);
  for (size_t i = 0; i < ops.size(); ++i) {
    ExprPtr right = std::move(ops[i].second);
    ExprPtr right_copy = i + 1 < ops.size() ? reparse(*right) : nullptr;
    auto cmp = binary(ops[i].first, std::move(left), std::move(right));
    result = result ? binary("AND", std::move(result), std::move(cmp)) : std::move(cmp);
    left = std::move(right_copy);
  }
  return result;
}

// The copy is parsed again from the operand's tokens (not from the text before it, which made a
// chain of n comparisons lex the query n times), and its links count against the bound on
// links: a chain inside the middle operand of a chain is copied with it, so nesting k chains
// doubled the tree k times ("0 < (0 < (... ) < 0) < 0": 18 levels took 12 s).
ExprPtr Parser::reparse(const Expr& e) {
  auto first = std::lower_bound(toks_.begin(), toks_.end(), e.begin,
                                [](const Token& t, size_t at) { return t.offset < at; });
  auto last = first;
  while (last != toks_.end() && last->kind != Tok::kEnd && last->end <= e.end) ++last;
  std::vector<Token> toks(first, last);
  Token end;
  end.offset = end.end = e.end;
  end.line = toks.empty() ? 1 : toks.back().line;
  end.column = toks.empty() ? 1 : toks.back().column;
  toks.push_back(std::move(end));
  Parser sub(src_, std::move(toks));
  sub.speculating_ = speculating_;
  sub.chain_ = chain_;
  auto copy = sub.predicate();
  chain_ = sub.chain_;
  if (chain_ > 20 * kMaxNesting) fail("NestingTooDeep", "the expression is too long");
  return copy;
}

ExprPtr Parser::predicate() {
  auto l = additive();
  for (;;) {
    if (kw("STARTS") && kw_at(1, "WITH")) {
      next(), next();
      l = binary("STARTS", std::move(l), additive());
    } else if (kw("ENDS") && kw_at(1, "WITH")) {
      next(), next();
      l = binary("ENDS", std::move(l), additive());
    } else if (kw("CONTAINS")) {
      next();
      l = binary("CONTAINS", std::move(l), additive());
    } else if (kw("IN")) {
      next();
      l = binary("IN", std::move(l), additive());
    } else if (is("=~")) {
      next();
      l = binary("=~", std::move(l), additive());
    } else if (kw("IS")) {
      next();
      auto e = std::make_unique<Expr>();
      e->kind = Ex::kIsNull;
      e->begin = l->begin;
      e->line = l->line;
      e->column = l->column;
      if (accept_kw("NOT")) e->op = "NOT";
      expect_kw("NULL");
      e->end = last_end();
      e->kids.push_back(std::move(l));
      l = std::move(e);
    } else {
      return l;
    }
  }
}

ExprPtr Parser::additive() {
  auto l = multiplicative();
  while (is("+") || is("-")) {
    std::string op = cur().text;
    next();
    l = binary(op, std::move(l), multiplicative());
  }
  return l;
}

ExprPtr Parser::multiplicative() {
  auto l = power();
  while (is("*") || is("/") || is("%")) {
    std::string op = cur().text;
    next();
    l = binary(op, std::move(l), power());
  }
  return l;
}

ExprPtr Parser::power() {
  auto l = unary();
  while (is("^")) {
    next();
    l = binary("^", std::move(l), unary());
  }
  return l;
}

ExprPtr Parser::unary() {
  if (is("-") || is("+")) {
    Depth d(*this);
    auto e = make(Ex::kUnary, cur());
    e->op = cur().text;
    next();
    if (e->op == "-" && cur().kind == Tok::kInt) {
      // Fold -<int> so that the smallest integer is representable. Only the literal itself is
      // read negated (not an index after it), and the flag is cleared even when it is refused.
      struct Negated {
        bool& flag;
        explicit Negated(bool& f) : flag(f) { flag = true; }
        ~Negated() { flag = false; }
      };
      ExprPtr lit;
      {
        Negated negated(negate_next_int_);
        lit = atom();
      }
      lit->begin = e->begin;
      lit->line = e->line;
      lit->column = e->column;
      return postfix(std::move(lit));
    }
    e->kids.push_back(unary());
    e->end = e->kids[0]->end;
    return e;
  }
  return atom_chain();
}

ExprPtr Parser::atom_chain() {
  return postfix(atom());
}

ExprPtr Parser::postfix(ExprPtr e) {
  for (;; note_chain_link()) {
    if (is(".") && (ahead(1).kind == Tok::kIdent || ahead(1).kind == Tok::kQuoted)) {
      next();
      auto p = std::make_unique<Expr>();
      p->kind = Ex::kProperty;
      p->begin = e->begin;
      p->line = cur().line;
      p->column = cur().column;
      p->name = name();
      p->end = last_end();
      p->kids.push_back(std::move(e));
      e = std::move(p);
    } else if (is("[")) {
      next();
      auto p = std::make_unique<Expr>();
      p->begin = e->begin;
      p->line = e->line;
      p->column = e->column;
      p->kids.push_back(std::move(e));
      if (accept("..")) {
        p->kind = Ex::kSlice;
        p->kids.push_back(nullptr);
        p->kids.push_back(is("]") ? nullptr : expr());
      } else {
        auto first = expr();
        if (accept("..")) {
          p->kind = Ex::kSlice;
          p->kids.push_back(std::move(first));
          p->kids.push_back(is("]") ? nullptr : expr());
        } else {
          p->kind = Ex::kIndex;
          p->kids.push_back(std::move(first));
        }
      }
      expect("]");
      p->end = last_end();
      e = std::move(p);
    } else if (is(":") && (ahead(1).kind == Tok::kIdent || ahead(1).kind == Tok::kQuoted)) {
      auto p = std::make_unique<Expr>();
      p->kind = Ex::kHasLabels;
      p->begin = e->begin;
      p->line = e->line;
      p->column = e->column;
      while (accept(":")) p->keys.push_back(name());
      p->end = last_end();
      p->kids.push_back(std::move(e));
      e = std::move(p);
    } else if (is("{") && e->kind == Ex::kVar) {
      e = map_projection(std::move(e));
    } else {
      return e;
    }
  }
}

ExprPtr Parser::map_projection(ExprPtr subject) {
  auto e = std::make_unique<Expr>();
  e->kind = Ex::kMapProj;
  e->begin = subject->begin;
  e->line = subject->line;
  e->column = subject->column;
  e->kids.push_back(std::move(subject));
  expect("{");
  if (!is("}")) {
    do {
      if (accept(".")) {
        if (accept("*")) {
          e->keys.push_back("*");
        } else {
          e->keys.push_back("." + name());
        }
        e->kids.push_back(nullptr);
      } else {
        const Token& t = cur();
        std::string key = name();
        if (accept(":")) {
          e->keys.push_back(key);
          e->kids.push_back(expr());
        } else {
          auto v = make(Ex::kVar, t);
          v->name = key;
          v->end = last_end();
          e->keys.push_back(key);
          e->kids.push_back(std::move(v));
        }
      }
    } while (accept(","));
  }
  expect("}");
  e->end = last_end();
  return e;
}

ExprPtr Parser::literal(const Token& t, Val v) {
  auto e = make(Ex::kLiteral, t);
  e->value = std::move(v);
  next();
  e->end = last_end();
  return e;
}

ExprPtr Parser::atom() {
  Depth d(*this);
  const Token& t = cur();
  switch (t.kind) {
    case Tok::kInt:
      return literal(t, Val(int_value(t)));
    case Tok::kFloat: {
      errno = 0;
      double v = std::strtod(t.text.c_str(), nullptr);
      if (errno == ERANGE && std::isinf(v))
        syntax_error("FloatingPointOverflow", "float literal too large", t.line, t.column);
      return literal(t, Val(v));
    }
    case Tok::kString:
      return literal(t, Val(t.text));
    case Tok::kParam: {
      auto e = make(Ex::kParam, t);
      e->name = t.text;
      next();
      e->end = last_end();
      return e;
    }
    case Tok::kSymbol:
      return symbol_atom();
    case Tok::kQuoted: {
      auto e = make(Ex::kVar, t);
      e->name = t.text;
      next();
      e->end = last_end();
      return e;
    }
    case Tok::kIdent:
      return ident_atom();
    case Tok::kEnd:
      break;
  }
  fail("UnexpectedSyntax", "expected an expression" + found());
}

ExprPtr Parser::symbol_atom() {
  const Token& t = cur();
  if (t.text == "(") {
    if (auto p = try_pattern_expr()) return p;
    next();
    auto e = expr();
    expect(")");
    e->begin = t.offset;
    e->end = last_end();
    return e;
  }
  if (t.text == "[") return list_atom();
  if (t.text == "{") {
    auto e = make(Ex::kMap, t);
    next();
    if (!is("}")) {
      do {
        e->keys.push_back(name());
        expect(":");
        e->kids.push_back(expr());
      } while (accept(","));
    }
    expect("}");
    e->end = last_end();
    return e;
  }
  fail("UnexpectedSyntax", "expected an expression" + found());
}

ExprPtr Parser::try_pattern_expr() {
  if (failed_before(kPatternExpr)) return nullptr;
  size_t saved = pos_;
  bool was = speculating_;
  speculating_ = true;
  Speculating attempt(*this, kPatternExpr);
  auto part = std::make_shared<PatternPart>();
  try {
    pattern_element(*part);
  } catch (const Backtrack&) {
    part->rels.clear();
  } catch (const QueryError&) {
    part->rels.clear();
  }
  speculating_ = was;
  attempt.failed = part->rels.empty();
  if (part->rels.empty()) {
    pos_ = saved;
    return nullptr;
  }
  auto e = make(Ex::kPattern, toks_[saved]);
  e->pattern = std::move(part);
  e->end = last_end();
  return e;
}

ExprPtr Parser::list_atom() {
  const Token& t = cur();
  // [x IN list WHERE pred | expr]
  if ((ahead(1).kind == Tok::kIdent || ahead(1).kind == Tok::kQuoted) && kw_at(2, "IN") &&
      !failed_before(kListComp)) {
    size_t saved = pos_;
    Speculating attempt(*this, kListComp);
    next();
    auto e = make(Ex::kListComp, t);
    e->name = name();
    next();  // IN
    e->kids.push_back(expr());
    e->kids.push_back(accept_kw("WHERE") ? expr() : nullptr);
    e->kids.push_back(accept("|") ? expr() : nullptr);
    if (accept("]")) {
      e->end = last_end();
      return e;
    }
    attempt.failed = true;
    pos_ = saved;
  }
  // [(a)-->(b) WHERE pred | expr]
  if ((is_at(1, "(") || ((ahead(1).kind == Tok::kIdent) && is_at(2, "="))) &&
      !failed_before(kPatternComp)) {
    size_t saved = pos_;
    bool was = speculating_;
    speculating_ = true;
    Speculating attempt(*this, kPatternComp);
    // Only the pattern is parsed speculatively; what follows it fails for good unless an
    // enclosing speculation is running, so only a failed pattern is recorded.
    bool in_pattern = true;
    try {
      next();
      auto part = std::make_shared<PatternPart>();
      if (ahead(1).kind == Tok::kSymbol && is_at(1, "=")) {
        part->path_var = name();
        next();
      }
      pattern_element(*part);
      if (part->rels.empty()) throw Backtrack{};
      speculating_ = was;
      in_pattern = false;
      auto e = make(Ex::kPatternComp, t);
      e->pattern = std::move(part);
      e->kids.push_back(accept_kw("WHERE") ? expr() : nullptr);
      expect("|");
      e->kids.push_back(expr());
      expect("]");
      e->end = last_end();
      return e;
    } catch (const Backtrack&) {
      speculating_ = was;
      attempt.failed = in_pattern;
      pos_ = saved;
    }
  }
  auto e = make(Ex::kList, t);
  next();
  if (!is("]")) {
    do e->kids.push_back(expr());
    while (accept(","));
  }
  expect("]");
  e->end = last_end();
  return e;
}

ExprPtr Parser::ident_atom() {
  const Token& t = cur();
  if (iequals(t.text, "true")) return literal(t, Val(true));
  if (iequals(t.text, "false")) return literal(t, Val(false));
  if (iequals(t.text, "null")) return literal(t, Val());
  if (iequals(t.text, "NaN") && false) return literal(t, Val());
  if (iequals(t.text, "CASE")) return case_expr();
  if (iequals(t.text, "EXISTS") && is_at(1, "{")) return exists_subquery();
  if (is_at(1, "(")) return call_atom();
  if (is_at(1, ".") && ahead(2).kind == Tok::kIdent && is_at(3, "(")) {
    // namespaced function such as toInteger is never used in the TCK; treat a.b( as a call
    auto e = make(Ex::kCall, t);
    e->op = lower(t.text + "." + ahead(2).text);
    next(), next(), next(), next();
    call_arguments(*e);
    return e;
  }
  auto e = make(Ex::kVar, t);
  e->name = t.text;
  next();
  e->end = last_end();
  return e;
}

ExprPtr Parser::exists_subquery() {
  const Token& t = cur();
  auto at = make(Ex::kLiteral, t);
  next(), next();
  auto part = std::make_shared<PatternPart>();
  ExprPtr where;
  bool clauses_follow = false;
  for (const char* k : {"MATCH", "OPTIONAL", "WITH", "UNWIND", "CALL", "CREATE", "MERGE", "SET",
                        "REMOVE", "DELETE", "DETACH", "RETURN"})
    clauses_follow = clauses_follow || (kw(k) && !is_at(1, "="));
  if (clauses_follow) {
    // The full form: clauses. Only MATCH ... [WHERE ...] [RETURN ...] is run (as the
    // pattern form); a subquery may never update the graph.
    std::vector<Clause> clauses;
    while (!is("}") && cur().kind != Tok::kEnd) clauses.push_back(clause());
    for (const auto& c : clauses)
      if (c.kind == Cl::kCreate || c.kind == Cl::kMerge || c.kind == Cl::kSet ||
          c.kind == Cl::kRemove || c.kind == Cl::kDelete)
        syntax_error("InvalidClauseComposition", "an EXISTS subquery cannot update the graph",
                     c.line, c.column);
    bool simple = !clauses.empty() && clauses[0].kind == Cl::kMatch && !clauses[0].optional &&
                  clauses[0].patterns.size() == 1 &&
                  (clauses.size() == 1 || (clauses.size() == 2 && clauses[1].kind == Cl::kReturn));
    if (!simple) {
      // Run as a subquery from each row.
      auto e = make(Ex::kSubquery, t);
      e->subquery = std::make_shared<SingleQuery>();
      e->subquery->clauses = std::move(clauses);
      expect("}");
      e->end = last_end();
      return e;
    }
    *part = std::move(clauses[0].patterns[0]);
    where = std::move(clauses[0].where);
  } else {
    *part = pattern_part();
    if (accept_kw("WHERE")) where = expr();
  }
  expect("}");
  // size([pattern WHERE where | true]) > 0
  auto comp = make(Ex::kPatternComp, t);
  comp->pattern = std::move(part);
  comp->kids.push_back(std::move(where));
  auto yes = make(Ex::kLiteral, t);
  yes->value = Val(true);
  comp->kids.push_back(std::move(yes));
  comp->end = last_end();
  auto size = make(Ex::kCall, t);
  size->op = "size";
  size->kids.push_back(std::move(comp));
  size->end = last_end();
  at->value = Val(int64_t(0));
  at->end = last_end();
  auto e = binary(">", std::move(size), std::move(at));
  return e;
}

ExprPtr Parser::call_atom() {
  const Token& t = cur();
  std::string fname = lower(t.text);
  if ((fname == "all" || fname == "any" || fname == "none" || fname == "single") &&
      (ahead(2).kind == Tok::kIdent || ahead(2).kind == Tok::kQuoted) && kw_at(3, "IN"))
    return quantifier_atom(fname);
  if (fname == "reduce") return reduce_atom();
  if (fname == "exists" && is_at(2, "(")) {
    // exists((a)-->(b)) takes a pattern.
    size_t saved = pos_;
    next(), next();
    if (auto p = try_pattern_expr()) {
      if (accept(")")) {
        auto e = make(Ex::kCall, t);
        e->op = "exists";
        e->kids.push_back(std::move(p));
        e->end = last_end();
        return e;
      }
    }
    pos_ = saved;
  }
  auto e = make(Ex::kCall, t);
  e->op = fname;
  next(), next();
  if (fname == "count" && is("*")) {
    next();
    expect(")");
    e->kind = Ex::kCountStar;
    e->end = last_end();
    return e;
  }
  e->distinct = accept_kw("DISTINCT");
  call_arguments(*e);
  return e;
}

void Parser::call_arguments(Expr& call) {
  if (!is(")")) {
    do call.kids.push_back(expr());
    while (accept(","));
  }
  expect(")");
  call.end = last_end();
}

ExprPtr Parser::quantifier_atom(const std::string& op) {
  auto e = make(Ex::kQuantifier, cur());
  e->op = op;
  next(), next();
  e->name = name();
  next();
  e->kids.push_back(expr());
  e->kids.push_back(accept_kw("WHERE") ? expr() : nullptr);
  expect(")");
  e->end = last_end();
  return e;
}

ExprPtr Parser::reduce_atom() {
  auto e = make(Ex::kReduce, cur());
  next(), next();
  e->keys.push_back(name());
  expect("=");
  e->kids.push_back(expr());
  expect(",");
  e->name = name();
  expect_kw("IN");
  e->kids.push_back(expr());
  expect("|");
  e->kids.push_back(expr());
  expect(")");
  e->end = last_end();
  return e;
}

ExprPtr Parser::case_expr() {
  auto e = make(Ex::kCase, cur());
  next();
  if (!kw("WHEN")) {
    e->has_subject = true;
    e->kids.push_back(expr());
  }
  if (!kw("WHEN")) fail("UnexpectedSyntax", "expected WHEN" + found());
  while (accept_kw("WHEN")) {
    e->kids.push_back(expr());
    expect_kw("THEN");
    e->kids.push_back(expr());
  }
  if (accept_kw("ELSE")) {
    e->has_else = true;
    e->kids.push_back(expr());
  }
  expect_kw("END");
  e->end = last_end();
  return e;
}

}  // namespace kg::query::detail
