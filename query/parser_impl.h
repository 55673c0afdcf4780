// Internals of the parser, shared by parser.cpp (clauses, patterns) and parser_expr.cpp
// (expressions): a recursive-descent parser with one token of lookahead.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "query/ast.h"
#include "query/error.h"
#include "query/lexer.h"
#include "query/parser.h"

namespace kg::query::detail {

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

inline std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Backtrack {};  // thrown by speculative parses that must not report an error

// The parser proper; see parse() in parser.h.
class Parser {
 public:
  explicit Parser(std::string_view src) : src_(src), toks_(lex(src)), failed_(toks_.size(), 0) {}
  // Parses tokens of `src` already lexed; the last one is a Tok::kEnd.
  Parser(std::string_view src, std::vector<Token> toks)
      : src_(src), toks_(std::move(toks)), failed_(toks_.size(), 0) {}

  Query query();

 private:
  // --- token helpers ---
  const Token& cur() const { return toks_[pos_]; }
  const Token& ahead(size_t k) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
  void next();
  bool is(std::string_view sym) const { return cur().kind == Tok::kSymbol && cur().text == sym; }
  bool is_at(size_t k, std::string_view sym) const;
  bool kw(std::string_view word) const {
    return cur().kind == Tok::kIdent && iequals(cur().text, word);
  }
  bool kw_at(size_t k, std::string_view word) const;
  bool accept(std::string_view sym);
  bool accept_kw(std::string_view word);
  [[noreturn]] void fail(const std::string& code, const std::string& msg) {
    if (speculating_) throw Backtrack{};
    syntax_error(code, msg, cur().line, cur().column);
  }
  void expect(std::string_view sym);
  void expect_kw(std::string_view word);
  std::string found() const;
  std::string name();
  size_t last_end() const { return pos_ > 0 ? toks_[pos_ - 1].end : 0; }

  struct Depth {
    Parser& p;
    explicit Depth(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxNesting) {
        p.too_deep_ = true;
        p.fail("NestingTooDeep", "the query nests too deeply");
      }
    }
    ~Depth() { --p.depth_; }
  };

  ExprPtr make(Ex kind, const Token& at);
  ExprPtr binary(std::string op, ExprPtr l, ExprPtr r);

  // --- clauses ---
  SingleQuery single_query();

  Clause clause();
  void clause_body(Clause& c);
  // CALL name.space.proc(args) YIELD out AS alias, ... WHERE ...
  void call_body(Clause& c);

  void match_body(Clause& c);

  void set_items(std::vector<SetItem>& items);

  void projection(Projection& p);

  // --- patterns ---
  void pattern_list(std::vector<PatternPart>& out);

  PatternPart pattern_part();

  void pattern_element(PatternPart& p);

  NodePat node_pattern();

  RelPat rel_pattern();

  int64_t int_value(const Token& t);

  // --- expressions ---
  ExprPtr expr();

  ExprPtr or_expr();
  ExprPtr xor_expr();
  ExprPtr and_expr();
  ExprPtr not_expr();
  bool comparison_op() const;
  ExprPtr comparison();

  ExprPtr reparse(const Expr& e);

  ExprPtr predicate();

  ExprPtr additive();
  ExprPtr multiplicative();
  ExprPtr power();
  ExprPtr unary();

  // An atom followed by property lookups, indexes, slices and label checks.
  ExprPtr atom_chain();
  ExprPtr postfix(ExprPtr e);  // property, index and slice links after `e`
  void note_chain_link();      // one more link of a left-associative chain; fails past the bound

  ExprPtr map_projection(ExprPtr subject);

  ExprPtr literal(const Token& t, Val v);

  ExprPtr atom();

  ExprPtr symbol_atom();

  // A relationship pattern used as a predicate, e.g. WHERE (a)-[:T]->(b).
  ExprPtr try_pattern_expr();

  // Speculative parses (a pattern, a list or pattern comprehension) that failed at a token are
  // not tried there again: an enclosing speculation that fails re-parses its text another way,
  // and without the record each level of nesting doubled the work ("(a {p: (b {p: (...": 300
  // bytes took 30 s). A failure caused by the nesting bound depends on where the text is
  // reached from, so it is not recorded.
  enum Speculation : uint8_t { kPatternExpr = 1, kListComp = 2, kPatternComp = 4 };
  bool failed_before(Speculation s) const { return failed_[pos_] & s; }
  // Held over a speculation that starts at the current token; set `failed` when it fails in a
  // way that does not depend on where it was reached from.
  struct Speculating {
    Parser& p;
    size_t at;
    Speculation what;
    bool outer_too_deep;
    bool failed = false;
    Speculating(Parser& parser, Speculation s)
        : p(parser), at(parser.pos_), what(s), outer_too_deep(parser.too_deep_) {
      p.too_deep_ = false;
    }
    ~Speculating() {
      if (failed && !p.too_deep_) p.failed_[at] |= what;
      p.too_deep_ = p.too_deep_ || outer_too_deep;
    }
  };

  ExprPtr list_atom();

  ExprPtr ident_atom();

  // name(...): a function call, count(*), exists(pattern), a quantifier or reduce.
  ExprPtr call_atom();
  // EXISTS { pattern [WHERE ...] } or EXISTS { MATCH pattern [WHERE ...] [RETURN ...] }: as
  // size([pattern WHERE ... | true]) > 0; other clauses: a kSubquery.
  ExprPtr exists_subquery();
  // The arguments of a call up to its closing parenthesis.
  void call_arguments(Expr& call);
  // all/any/none/single(x IN list WHERE ...)
  ExprPtr quantifier_atom(const std::string& op);
  // reduce(acc = init, x IN list | expression)
  ExprPtr reduce_atom();

  ExprPtr case_expr();

  std::string_view src_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  int depth_ = 0;
  int chain_ = 0;
  bool speculating_ = false;
  bool too_deep_ = false;        // the nesting bound failed a parse since the flag was cleared
  std::vector<uint8_t> failed_;  // per token, the Speculation bits that failed there
  bool negate_next_int_ = false;
};

}  // namespace kg::query::detail
