// Regular expressions of the query language (=~) through RE2: linear time whatever the
// pattern, Java/Neo4j inline flags ((?i), (?s), (?m)), compiled once per query when the
// pattern is a constant.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

namespace re2 {
class RE2;
}

namespace kg::query {

struct Expr;

// The patterns one execution has compiled: by the pattern expression when it is a literal or
// a parameter (constant for the query), else by the pattern's text (bounded).
class RegexCache {
 public:
  RegexCache();
  ~RegexCache();
  // The compiled `pattern`, which `at` (the pattern's expression) gave; throws QueryError
  // (ArgumentError, InvalidArgumentValue) naming the line and column of `at` when it is not
  // a valid regular expression.
  const re2::RE2& get(const Expr& at, const std::string& pattern);

 private:
  std::unordered_map<const Expr*, std::unique_ptr<re2::RE2>> by_expr_;
  std::unordered_map<std::string, std::unique_ptr<re2::RE2>> by_text_;
};

// Whether all of `text` matches `re`.
bool regex_full_match(const re2::RE2& re, const std::string& text);

}  // namespace kg::query
