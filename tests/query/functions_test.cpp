// The function registry: one well-formed entry per name, found in any case, and the binder's
// and evaluator's use of it (unknown names, arities, null arguments, argument checks).
#include <doctest/doctest.h>

#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "query/engine.h"
#include "query/function/registry.h"

namespace q = kg::query;
using kg::graph::Graph;

namespace {

// The error a statement fails with, if any.
std::optional<q::QueryError> error_of(const std::string& text) {
  Graph g;
  try {
    q::run(g, text);
  } catch (const q::QueryError& e) {
    return e;
  }
  return std::nullopt;
}

// Its code, or "" when it runs.
std::string error_code(const std::string& text) {
  auto e = error_of(text);
  return e ? e->code : "";
}

q::Val value_of(const std::string& expression) {
  Graph g;
  q::Result r = q::run(g, "RETURN " + expression);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0].at(0);
}

}  // namespace

TEST_CASE("every registry entry is well formed and its name is its own") {
  std::set<std::string> names;
  for (const q::Function* f : q::all_functions()) {
    std::string name(f->name);
    CAPTURE(name);
    CHECK(names.insert(name).second);  // no name twice
    for (char c : name) CHECK(!std::isupper(static_cast<unsigned char>(c)));
    CHECK(f->min_args >= 0);
    CHECK((f->max_args == q::kVariadic || f->max_args >= f->min_args));
    switch (f->kind) {
      case q::FunctionKind::kScalar:
        CHECK(bool(f->scalar));
        break;
      case q::FunctionKind::kSpecial:
        CHECK(bool(f->special));
        break;
      case q::FunctionKind::kAggregate:
        CHECK(bool(f->accumulate));
        CHECK(bool(f->result));
        break;
    }
    CHECK(q::find_function(name) == f);
  }
  CHECK(names.size() > 60);
}

TEST_CASE("function names are found in any case; unknown ones are not") {
  const q::Function* lower = q::find_function("tolower");
  REQUIRE(lower != nullptr);
  CHECK(q::find_function("toLower") == lower);
  CHECK(q::find_function("TOLOWER") == lower);
  CHECK(q::find_function("percentileDisc")->aggregate());
  CHECK(q::find_function("nosuchfunction") == nullptr);
  CHECK(q::find_function("") == nullptr);
  CHECK(value_of("toUpper('abc')") == q::Val("ABC"));
  CHECK(value_of("ToUpPeR('abc')") == q::Val("ABC"));
}

TEST_CASE("the binder reports unknown functions and wrong arities where the call is") {
  auto unknown = error_of("RETURN 1,\n  nosuch(2)");
  REQUIRE(unknown);
  CHECK(unknown->code == "UnknownFunction");
  CHECK(std::string(unknown->what()) == "unknown function 'nosuch'");
  CHECK(unknown->line == 2);
  CHECK(unknown->column == 3);
  auto arity = error_of("RETURN substring('abc')");
  REQUIRE(arity);
  CHECK(arity->code == "InvalidNumberOfArguments");
  CHECK(std::string(arity->what()) == "wrong number of arguments to substring");
  CHECK(arity->column == 8);
}

TEST_CASE("the error codes of calls the registry's entries refuse") {
  const char* cases[][2] = {
      // arities
      {"RETURN rand(1)", "InvalidNumberOfArguments"},
      {"RETURN coalesce()", "InvalidNumberOfArguments"},
      {"RETURN coalesce(null, null, null, 1)", ""},
      {"RETURN a.b(1)", "UnknownFunction"},
      // aggregates
      {"UNWIND [1] AS x RETURN count(rand())", "NonConstantExpression"},
      {"RETURN count(count(1))", "NestedAggregation"},
      {"MATCH (n) WHERE count(n) > 1 RETURN n", "InvalidAggregation"},
      // first arguments the text shows to be wrong (Function::arg_checks)
      {"MATCH p = (a)-->(b) RETURN size(p)", "InvalidArgumentType"},
      {"MATCH (a) RETURN size((a)-->())", "UnexpectedSyntax"},
      {"MATCH (a) RETURN length(a)", "InvalidArgumentType"},
      {"MATCH ()-[r]->() RETURN labels(r)", "InvalidArgumentType"},
      {"MATCH (a) RETURN type(a)", "InvalidArgumentType"},
      {"RETURN properties(1)", "InvalidArgumentType"},
      {"RETURN properties({a: 1})", ""},
      // and at run time
      {"RETURN toLower(1)", "InvalidArgumentValue"},
  };
  for (const auto& [text, code] : cases) {
    CAPTURE(text);
    CHECK(error_code(text) == code);
  }
}

TEST_CASE("range and abs at the ends of the integers: no overflow, no allocation before refusal") {
  Graph g;
  auto text = [&](const std::string& expression) {
    q::Result r = q::run(g, "RETURN " + expression);
    return q::render(r.rows.at(0).at(0), g);
  };
  // Stepping past 2^63 - 1 wrapped to negative numbers and ran until the row limit (3.6 GB).
  CHECK(text("size(range(9223372036854775800, 9223372036854775807))") == "8");
  CHECK(text("range(9223372036854775806, 9223372036854775807, 5)") == "[9223372036854775806]");
  CHECK(text("size(range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904))") ==
        "4");
  CHECK(text("range(10, 1, -3)") == "[10, 7, 4, 1]");
  CHECK(text("range(1, 10, -1)") == "[]");
  CHECK(text("range(5, 5)") == "[5]");
  // Refused from its length, before a list of a billion values is built.
  CHECK(error_code("RETURN range(1, 1000000000000)") == "NumberOutOfRange");
  CHECK(error_code("RETURN range(1, 2, 0)") == "NumberOutOfRange");
  // abs() of the smallest integer has no integer answer.
  CHECK(error_code("RETURN abs(-9223372036854775807 - 1)") == "NumberOutOfRange");
  CHECK(text("abs(-9223372036854775807)") == "9223372036854775807");
}

TEST_CASE("null arguments: the first, any, or none makes the value null") {
  CHECK(value_of("toLower(null)").is_null());           // the first argument
  CHECK(value_of("substring('abc', null)").is_null());  // any argument
  CHECK(value_of("atan2(1, null)").is_null());
  CHECK(value_of("coalesce(null, 'x')") == q::Val("x"));  // coalesce looks at nulls itself
  CHECK(error_code("RETURN haslabel(null, 1)") == "");
}
