// Regular expressions through RE2 (see regex.h).
#include "query/regex.h"

#include <re2/re2.h>

#include "query/ast.h"
#include "query/error.h"

namespace kg::query {

namespace {

std::unique_ptr<re2::RE2> compile(const Expr& at, const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);
  options.set_never_capture(true);  // =~ only asks whether the text matches
  // Java's defaults: '.' stops at line ends unless (?s); ^ and $ anchor the whole text
  // unless (?m); case matters unless (?i). RE2 reads the same inline flags.
  auto re = std::make_unique<re2::RE2>(pattern, options);
  if (!re->ok()) {
    std::string where = at.line > 0 ? " (line " + std::to_string(at.line) + ", column " +
                                          std::to_string(at.column) + ")"
                                    : "";
    throw QueryError("ArgumentError", "InvalidArgumentValue",
                     "bad regular expression" + where + ": " + re->error(), at.line, at.column,
                     false);
  }
  return re;
}

}  // namespace

RegexCache::RegexCache() = default;
RegexCache::~RegexCache() = default;

const re2::RE2& RegexCache::get(const Expr& at, const std::string& pattern) {
  if (at.kind == Ex::kLiteral || at.kind == Ex::kParam) {
    auto& slot = by_expr_[&at];
    if (!slot) slot = compile(at, pattern);
    return *slot;
  }
  auto it = by_text_.find(pattern);
  if (it != by_text_.end()) return *it->second;
  if (by_text_.size() >= 256) by_text_.clear();
  return *by_text_.emplace(pattern, compile(at, pattern)).first->second;
}

bool regex_full_match(const re2::RE2& re, const std::string& text) {
  return re2::RE2::FullMatch(text, re);
}

}  // namespace kg::query
