// The operators of expressions: boolean logic over three values, comparison, membership,
// string predicates, regular expressions and arithmetic with overflow checks.
#include "query/eval_operators.h"

#include <cmath>
#include <limits>

#include "query/error.h"
#include "query/function/temporal.h"
#include "query/regex.h"

namespace kg::query {

namespace {

std::string kind_name(const Val& v) {
  static const char* kNames[] = {"Map",      "Node",   "Relationship", "List",   "Path",
                                 "Temporal", "String", "Boolean",      "Number", "Null"};
  if (v.is<Temporal>()) return temporal::kind_name(v.as<Temporal>().kind);
  return kNames[int(v.kind())];
}

}  // namespace

void bad_type(const std::string& what, const Val& v) {
  type_error("InvalidArgumentType", what + " cannot take a " + kind_name(v));
}

namespace {

// Boolean operand: true, false, or nullopt for null; anything else is a type error.
std::optional<bool> truth(const Val& v, const char* op) {
  if (v.is_null()) return std::nullopt;
  if (!v.is<bool>()) bad_type(op, v);
  return v.as<bool>();
}

Val tri(std::optional<bool> b) {
  return b ? Val(*b) : Val();
}

int64_t checked(bool overflow, int64_t v) {
  if (overflow) argument_error("NumberOutOfRange", "integer overflow");
  return v;
}

Val arithmetic(const std::string& op, const Val& a, const Val& b) {
  if (a.is_null() || b.is_null()) return {};
  if (op == "+") {
    if (a.is<VList>() || b.is<VList>()) {
      VList out;
      if (a.is<VList>())
        out = a.as<VList>();
      else
        out.push_back(a);
      if (b.is<VList>())
        out.insert(out.end(), b.as<VList>().begin(), b.as<VList>().end());
      else
        out.push_back(b);
      return Val(std::move(out));
    }
    if (a.is<std::string>() && b.is<std::string>())
      return Val(a.as<std::string>() + b.as<std::string>());
    if (a.is<std::string>() && b.is_number())
      return Val(a.as<std::string>() +
                 (b.is<int64_t>() ? std::to_string(b.as<int64_t>()) : float_text(b.as<double>())));
    if (b.is<std::string>() && a.is_number())
      return Val((a.is<int64_t>() ? std::to_string(a.as<int64_t>()) : float_text(a.as<double>())) +
                 b.as<std::string>());
  }
  if (a.is<Temporal>() || b.is<Temporal>()) {
    if (auto r = temporal_arithmetic(op, a, b)) return *r;
    bad_type("'" + op + "'", a.is<Temporal>() ? a : b);
  }
  if (!a.is_number()) bad_type("'" + op + "'", a);
  if (!b.is_number()) bad_type("'" + op + "'", b);
  if (op == "^") return Val(std::pow(a.number(), b.number()));
  if (a.is<int64_t>() && b.is<int64_t>()) {
    int64_t x = a.as<int64_t>(), y = b.as<int64_t>(), r = 0;
    bool overflow = false;
    if (op == "+")
      overflow = __builtin_add_overflow(x, y, &r);
    else if (op == "-")
      overflow = __builtin_sub_overflow(x, y, &r);
    else if (op == "*")
      overflow = __builtin_mul_overflow(x, y, &r);
    if (op == "+" || op == "-" || op == "*") return Val(checked(overflow, r));
    if (y == 0) argument_error("DivisionByZero", "division by zero");
    if (x == std::numeric_limits<int64_t>::min() && y == -1)
      argument_error("NumberOutOfRange", "integer overflow");
    if (op == "/") return Val(x / y);
    return Val(x % y);
  }
  double x = a.number(), y = b.number();
  if (op == "+") return Val(x + y);
  if (op == "-") return Val(x - y);
  if (op == "*") return Val(x * y);
  if (op == "/") return Val(x / y);
  return Val(std::fmod(x, y));
}

// a =~ b: whether all of a matches the regular expression b (RE2: linear time, whatever
// the pattern and the text), compiled once per execution when b is a constant.
Val regex_match(const Expr& e, const Val& a, const Val& b, Ctx& ctx) {
  if (!a.is<std::string>() || !b.is<std::string>()) return {};
  if (!ctx.regexes) ctx.regexes = std::make_unique<RegexCache>();
  const auto& re = ctx.regexes->get(*e.kids[1], b.as<std::string>());
  return Val(regex_full_match(re, a.as<std::string>()));
}

// AND, OR, XOR: the right operand is checked even when the left decides.
Val logical(const Expr& e, Row& row, Ctx& ctx) {
  const std::string& op = e.op;
  auto l = truth(eval(*e.kids[0], row, ctx), op.c_str());
  if (op == "AND" && l && !*l) {
    truth(eval(*e.kids[1], row, ctx), op.c_str());
    return Val(false);
  }
  if (op == "OR" && l && *l) {
    truth(eval(*e.kids[1], row, ctx), op.c_str());
    return Val(true);
  }
  auto r = truth(eval(*e.kids[1], row, ctx), op.c_str());
  if (op == "AND") {
    if (r && !*r) return Val(false);
    if (!l || !r) return {};
    return Val(true);
  }
  if (op == "OR") {
    if (r && *r) return Val(true);
    if (!l || !r) return {};
    return Val(false);
  }
  if (!l || !r) return {};
  return Val(*l != *r);
}

// <, >, <=, >=: NaN compares false, incomparable values give null.
Val ordering(const std::string& op, const Val& a, const Val& b) {
  if (a.is_number() && b.is_number() && std::isnan(a.number() + b.number())) return Val(false);
  auto c = compare(a, b);
  if (!c) return {};
  if (op == "<") return Val(*c < 0);
  if (op == ">") return Val(*c > 0);
  if (op == "<=") return Val(*c <= 0);
  return Val(*c >= 0);
}

// a IN b: null when a is not found but b holds values whose equality with a is unknown.
Val membership(const Val& a, const Val& b) {
  if (b.is_null()) return {};
  if (!b.is<VList>()) bad_type("IN", b);
  bool unknown = false;
  for (const auto& x : b.as<VList>()) {
    auto r = equals(a, x);
    if (!r)
      unknown = true;
    else if (*r)
      return Val(true);
  }
  return unknown ? Val() : Val(false);
}

// STARTS WITH, ENDS WITH, CONTAINS: null unless both sides are strings.
Val string_predicate(const std::string& op, const Val& a, const Val& b) {
  if (!a.is<std::string>() || !b.is<std::string>()) return {};
  const auto &s = a.as<std::string>(), &t = b.as<std::string>();
  if (op == "STARTS") return Val(s.compare(0, t.size(), t) == 0 && s.size() >= t.size());
  if (op == "ENDS")
    return Val(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
  return Val(s.find(t) != std::string::npos);
}

}  // namespace

Val binary(const Expr& e, Row& row, Ctx& ctx) {
  const std::string& op = e.op;
  if (op == "AND" || op == "OR" || op == "XOR") return logical(e, row, ctx);
  Val a = eval(*e.kids[0], row, ctx);
  if (op == "IN") {
    if (!ctx.member_lists) ctx.member_lists = std::make_unique<MemberIndexCache>();
    auto list = [&] { return eval(*e.kids[1], row, ctx); };
    if (const MemberIndex* index = ctx.member_lists->get(*e.kids[1], list))
      return index->contains(a);
    return membership(a, list());
  }
  Val b = eval(*e.kids[1], row, ctx);
  if (op == "=") return tri(equals(a, b));
  if (op == "<>") {
    auto r = equals(a, b);
    return r ? Val(!*r) : Val();
  }
  if (op == "<" || op == ">" || op == "<=" || op == ">=") return ordering(op, a, b);
  if (op == "STARTS" || op == "ENDS" || op == "CONTAINS") return string_predicate(op, a, b);
  if (op == "=~") return regex_match(e, a, b, ctx);
  return arithmetic(op, a, b);
}

Val unary(const Expr& e, Row& row, Ctx& ctx) {
  Val v = eval(*e.kids[0], row, ctx);
  if (e.op == "NOT") {
    auto t = truth(v, "NOT");
    return t ? Val(!*t) : Val();
  }
  if (v.is_null()) return {};
  if (v.is<Temporal>() && v.as<Temporal>().kind == temporal::TKind::kDuration)
    return e.op == "+" ? v : Val(temporal::negate(v.as<Temporal>()));
  if (!v.is_number()) bad_type("unary " + e.op, v);
  if (e.op == "+") return v;
  if (v.is<int64_t>()) {
    if (v.as<int64_t>() == std::numeric_limits<int64_t>::min())
      argument_error("NumberOutOfRange", "integer overflow");
    return Val(-v.as<int64_t>());
  }
  return Val(-v.as<double>());
}

}  // namespace kg::query
