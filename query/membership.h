// `x IN list` when the list is a constant of the query (a literal or a parameter): the list is
// evaluated once and indexed, so that each row costs a hash or binary-search lookup instead of
// building the list again and comparing against every element.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/value.h"

namespace kg::query {

struct Expr;

// One constant list, indexed for openCypher's three-valued membership.
class MemberIndex {
 public:
  explicit MemberIndex(Val list);
  // a IN list: true when an element equals a, null when none does but the equality of some
  // element with a is unknown (a null somewhere), else false.
  Val contains(const Val& a) const;

 private:
  Val list_;
  std::unordered_set<std::string> strings_;
  std::vector<Val> numbers_;        // sorted by order(); NaN left out, as it equals nothing
  std::vector<const Val*> others_;  // booleans, nulls, lists, maps, temporals, entities
  bool has_null_ = false;           // an element that is null
};

// Whether `e` has the same value for every row of a query: literals, parameters, and lists and
// maps of them.
bool constant_expr(const Expr& e);

// The indexed constant lists of one execution, by their expression.
class MemberIndexCache {
 public:
  // The index of the list `at` evaluates to, when `at` is a constant and gives a list (else
  // null: IN then evaluates it for each row, as usual). `eval` is called once, on first use.
  template <class Eval>
  const MemberIndex* get(const Expr& at, Eval&& eval) {
    auto it = by_expr_.find(&at);
    if (it == by_expr_.end()) {
      std::unique_ptr<MemberIndex> index;
      if (constant_expr(at)) {
        Val list = eval();
        if (list.is<VList>()) index = std::make_unique<MemberIndex>(std::move(list));
      }
      it = by_expr_.emplace(&at, std::move(index)).first;
    }
    return it->second.get();
  }

 private:
  std::unordered_map<const Expr*, std::unique_ptr<MemberIndex>> by_expr_;
};

}  // namespace kg::query
