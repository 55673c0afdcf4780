// Parser: clauses and patterns (expressions are in parser_expr.cpp).
#include "query/parser.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "query/error.h"
#include "query/parser_impl.h"

namespace kg::query::detail {

Query Parser::query() {
  Query q;
  q.text = std::string(src_);
  if (kw("EXPLAIN") || kw("PROFILE")) {
    q.mode = kw("EXPLAIN") ? Mode::kExplain : Mode::kProfile;
    next();
  }
  q.parts.push_back(single_query());
  while (kw("UNION")) {
    next();
    bool all = accept_kw("ALL");
    q.union_all.push_back(all);
    q.parts.push_back(single_query());
  }
  accept(";");
  if (cur().kind != Tok::kEnd) fail("UnexpectedSyntax", "unexpected '" + cur().text + "'");
  return q;
}

void Parser::next() {
  if (pos_ + 1 < toks_.size()) ++pos_;
}

bool Parser::is_at(size_t k, std::string_view sym) const {
  return ahead(k).kind == Tok::kSymbol && ahead(k).text == sym;
}

bool Parser::kw_at(size_t k, std::string_view word) const {
  return ahead(k).kind == Tok::kIdent && iequals(ahead(k).text, word);
}

bool Parser::accept(std::string_view sym) {
  if (!is(sym)) return false;
  next();
  return true;
}

bool Parser::accept_kw(std::string_view word) {
  if (!kw(word)) return false;
  next();
  return true;
}

void Parser::expect(std::string_view sym) {
  if (!accept(sym)) fail("UnexpectedSyntax", "expected '" + std::string(sym) + "'" + found());
}

void Parser::expect_kw(std::string_view word) {
  if (!accept_kw(word)) fail("UnexpectedSyntax", "expected " + std::string(word) + found());
}

std::string Parser::found() const {
  if (cur().kind == Tok::kEnd) return " but the query ended";
  return " but found '" + std::string(src_.substr(cur().offset, cur().end - cur().offset)) + "'";
}

std::string Parser::name() {
  if (cur().kind != Tok::kIdent && cur().kind != Tok::kQuoted)
    fail("UnexpectedSyntax", "expected a name" + found());
  std::string s = cur().text;
  next();
  return s;
}

ExprPtr Parser::make(Ex kind, const Token& at) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->begin = at.offset;
  e->line = at.line;
  e->column = at.column;
  return e;
}

ExprPtr Parser::binary(std::string op, ExprPtr l, ExprPtr r) {
  auto e = std::make_unique<Expr>();
  e->kind = Ex::kBinary;
  e->op = std::move(op);
  e->begin = l->begin;
  e->line = l->line;
  e->column = l->column;
  e->end = r->end;
  e->kids.push_back(std::move(l));
  e->kids.push_back(std::move(r));
  note_chain_link();
  return e;
}

// Left-associative chains (a + b + c, m.a.b, l[0][1]) grow without recursion in the parser but
// are walked recursively by the binder and the evaluator; bound them as nesting is bounded.
void Parser::note_chain_link() {
  if (++chain_ > 20 * kMaxNesting) fail("NestingTooDeep", "the expression is too long");
}

SingleQuery Parser::single_query() {
  SingleQuery sq;
  for (;;) {
    if (cur().kind == Tok::kEnd || is(";") || kw("UNION")) break;
    sq.clauses.push_back(clause());
  }
  if (sq.clauses.empty()) fail("UnexpectedSyntax", "expected a clause" + found());
  return sq;
}

Clause Parser::clause() {
  Clause c;
  c.line = cur().line;
  c.column = cur().column;
  c.begin = cur().offset;
  clause_body(c);
  c.end = last_end();
  return c;
}

void Parser::clause_body(Clause& c) {
  if (accept_kw("OPTIONAL")) {
    expect_kw("MATCH");
    c.kind = Cl::kMatch;
    c.optional = true;
    match_body(c);
  } else if (accept_kw("MATCH")) {
    c.kind = Cl::kMatch;
    match_body(c);
  } else if (accept_kw("UNWIND")) {
    c.kind = Cl::kUnwind;
    c.expr = expr();
    expect_kw("AS");
    c.var = name();
  } else if (accept_kw("WITH")) {
    c.kind = Cl::kWith;
    projection(c.proj);
    if (accept_kw("WHERE")) c.proj.where = expr();
  } else if (accept_kw("RETURN")) {
    c.kind = Cl::kReturn;
    projection(c.proj);
  } else if (accept_kw("CREATE")) {
    c.kind = Cl::kCreate;
    pattern_list(c.patterns);
  } else if (accept_kw("MERGE")) {
    c.kind = Cl::kMerge;
    c.patterns.push_back(pattern_part());
    while (kw("ON")) {
      next();
      bool create = accept_kw("CREATE");
      if (!create) expect_kw("MATCH");
      expect_kw("SET");
      set_items(create ? c.on_create : c.on_match);
    }
  } else if (accept_kw("SET")) {
    c.kind = Cl::kSet;
    set_items(c.set_items);
  } else if (accept_kw("REMOVE")) {
    c.kind = Cl::kRemove;
    do {
      SetItem it;
      auto target = atom_chain();
      if (target->kind == Ex::kHasLabels) {
        it.kind = SetItem::kLabels;
        it.labels = target->keys;
        it.target = std::move(target->kids[0]);
      } else if (target->kind == Ex::kProperty) {
        it.kind = SetItem::kProperty;
        it.target = std::move(target);
      } else {
        fail("UnexpectedSyntax", "REMOVE takes n.property or n:Label");
      }
      c.set_items.push_back(std::move(it));
    } while (accept(","));
  } else if (kw("DETACH") || kw("DELETE")) {
    c.kind = Cl::kDelete;
    c.detach = accept_kw("DETACH");
    expect_kw("DELETE");
    do c.exprs.push_back(expr());
    while (accept(","));
  } else if (accept_kw("CALL")) {
    c.kind = Cl::kCall;
    call_body(c);
  } else {
    fail("UnexpectedSyntax", "expected a clause" + found());
  }
}

void Parser::call_body(Clause& c) {
  c.procedure_name = name();
  while (accept(".")) c.procedure_name += "." + name();
  if (accept("(")) {
    if (!accept(")")) {
      do c.exprs.push_back(expr());
      while (accept(","));
      expect(")");
    }
  } else {
    c.implicit_args = true;
  }
  if (!accept_kw("YIELD")) return;
  if (accept("*")) {
    c.yield_star = true;
    return;
  }
  do {
    YieldItem y;
    y.line = cur().line;
    y.column = cur().column;
    y.output = name();
    y.alias = accept_kw("AS") ? name() : y.output;
    c.yields.push_back(std::move(y));
  } while (accept(","));
  if (accept_kw("WHERE")) c.where = expr();
}

void Parser::match_body(Clause& c) {
  pattern_list(c.patterns);
  if (accept_kw("WHERE")) c.where = expr();
}

void Parser::set_items(std::vector<SetItem>& items) {
  do {
    SetItem it;
    auto target = atom_chain();
    if (target->kind == Ex::kHasLabels) {
      it.kind = SetItem::kLabels;
      it.labels = target->keys;
      it.target = std::move(target->kids[0]);
    } else if (accept("=")) {
      it.kind = target->kind == Ex::kProperty ? SetItem::kProperty : SetItem::kReplaceMap;
      it.target = std::move(target);
      it.value = expr();
    } else if (accept("+=")) {
      it.kind = SetItem::kMergeMap;
      it.target = std::move(target);
      it.value = expr();
    } else {
      fail("UnexpectedSyntax", "expected '=' or '+=' in SET" + found());
    }
    items.push_back(std::move(it));
  } while (accept(","));
}

void Parser::projection(Projection& p) {
  p.distinct = accept_kw("DISTINCT");
  if (accept("*")) {
    p.star = true;
    if (!accept(",")) goto tail;
  }
  do {
    ReturnItem it;
    const Token& start = cur();
    it.expr = expr();
    if (accept_kw("AS")) {
      it.alias = name();
      it.explicit_alias = true;
    } else {
      it.alias = std::string(src_.substr(start.offset, last_end() - start.offset));
    }
    p.items.push_back(std::move(it));
  } while (accept(","));
tail:
  if (kw("ORDER")) {
    next();
    expect_kw("BY");
    do {
      SortItem s;
      s.expr = expr();
      if (accept_kw("DESC") || accept_kw("DESCENDING"))
        s.descending = true;
      else if (accept_kw("ASC") || accept_kw("ASCENDING"))
        s.descending = false;
      p.order.push_back(std::move(s));
    } while (accept(","));
  }
  if (accept_kw("SKIP")) p.skip = expr();
  if (accept_kw("LIMIT")) p.limit = expr();
}

void Parser::pattern_list(std::vector<PatternPart>& out) {
  do out.push_back(pattern_part());
  while (accept(","));
}

PatternPart Parser::pattern_part() {
  PatternPart p;
  if ((cur().kind == Tok::kIdent || cur().kind == Tok::kQuoted) && is_at(1, "=")) {
    p.path_var = name();
    expect("=");
  }
  if (kw("shortestPath") || kw("allShortestPaths")) {
    p.shortest = kw("shortestPath") ? Shortest::kOne : Shortest::kAll;
    next();
    expect("(");
    pattern_element(p);
    expect(")");
    return p;
  }
  pattern_element(p);
  return p;
}

void Parser::pattern_element(PatternPart& p) {
  Depth d(*this);
  if (is("(") && is_at(1, "(")) {  // parenthesized pattern
    next();
    pattern_element(p);
    expect(")");
    return;
  }
  p.nodes.push_back(node_pattern());
  while (is("-") || (is("<") && is_at(1, "-"))) {
    p.rels.push_back(rel_pattern());
    p.nodes.push_back(node_pattern());
  }
}

NodePat Parser::node_pattern() {
  NodePat n;
  n.line = cur().line;
  n.column = cur().column;
  expect("(");
  if (cur().kind == Tok::kIdent || cur().kind == Tok::kQuoted) n.var = name();
  while (accept(":")) {
    n.labels.push_back(name());
    while (accept("|") || accept(":")) n.labels.push_back(name());
  }
  if (is("{") || cur().kind == Tok::kParam) n.props = atom();
  expect(")");
  return n;
}

RelPat Parser::rel_pattern() {
  RelPat r;
  r.line = cur().line;
  r.column = cur().column;
  bool left = accept("<");
  expect("-");
  if (accept("[")) {
    if (cur().kind == Tok::kIdent || cur().kind == Tok::kQuoted) r.var = name();
    if (accept(":")) {
      r.types.push_back(name());
      while (accept("|")) {
        accept(":");
        r.types.push_back(name());
      }
    }
    if (cur().kind == Tok::kInt || is(".."))
      fail("InvalidRelationshipPattern", "a variable length relationship needs '*'");
    if (accept("*")) {
      if (is("-")) fail("InvalidRelationshipPattern", "hop bounds cannot be negative");
      r.var_length = true;
      r.min_hops = 1;
      r.max_hops = -1;
      if (cur().kind == Tok::kInt) {
        r.min_hops = r.max_hops = int_value(cur());
        next();
      }
      if (accept("..")) {
        r.max_hops = -1;
        if (cur().kind == Tok::kInt) {
          r.max_hops = int_value(cur());
          next();
        }
      }
    }
    if (is("{") || cur().kind == Tok::kParam) r.props = atom();
    expect("]");
  }
  expect("-");
  bool right = accept(">");
  // <--> is an undirected relationship, like --.
  r.dir = left && right ? Dir::kBoth : left ? Dir::kLeft : right ? Dir::kRight : Dir::kBoth;
  return r;
}

int64_t Parser::int_value(const Token& t) {
  const std::string& s = t.text;
  bool neg = false;
  std::string_view digits = s;
  int base = 10;
  if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.size() > 1 && digits[0] == '0' && digits[1] == 'o') {
    base = 8;
    digits.remove_prefix(2);
  }
  (void)neg;
  unsigned long long v = 0;
  for (char c : digits) {
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    if (v > (std::numeric_limits<unsigned long long>::max() - d) / base) {
      v = std::numeric_limits<unsigned long long>::max();
      break;
    }
    v = v * base + d;
  }
  if (negate_next_int_) {
    if (v > 9223372036854775808ULL)
      syntax_error("IntegerOverflow", "integer literal too large", t.line, t.column);
    return v == 9223372036854775808ULL ? std::numeric_limits<int64_t>::min() : -int64_t(v);
  }
  if (v > 9223372036854775807ULL)
    syntax_error("IntegerOverflow", "integer literal too large", t.line, t.column);
  return int64_t(v);
}

}  // namespace kg::query::detail

namespace kg::query {

Query parse(std::string_view source) {
  return detail::Parser(source).query();
}

}  // namespace kg::query
