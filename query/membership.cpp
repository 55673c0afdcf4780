#include "query/membership.h"

#include <algorithm>
#include <cmath>

#include "query/ast.h"

namespace kg::query {

MemberIndex::MemberIndex(Val list) : list_(std::move(list)) {
  for (const Val& x : list_.as<VList>()) {
    if (x.is<std::string>()) {
      strings_.insert(x.as<std::string>());
    } else if (x.is_number()) {
      if (!(x.is<double>() && std::isnan(x.as<double>()))) numbers_.push_back(x);
    } else {
      has_null_ = has_null_ || x.is_null();
      others_.push_back(&x);
    }
  }
  std::sort(numbers_.begin(), numbers_.end(), ValLess());
}

Val MemberIndex::contains(const Val& a) const {
  if (a.is_null()) return list_.as<VList>().empty() ? Val(false) : Val();
  bool found = false;
  if (a.is<std::string>()) {
    found = strings_.count(a.as<std::string>()) > 0;
  } else if (a.is_number()) {
    // order() and equals() agree on numbers other than NaN, which equals nothing.
    if (!(a.is<double>() && std::isnan(a.as<double>()))) {
      auto it = std::lower_bound(numbers_.begin(), numbers_.end(), a, ValLess());
      found = it != numbers_.end() && order(*it, a) == 0;
    }
  } else {
    // Lists, maps and the like may equal a list element with unknown parts: compared one by one.
    bool unknown = false;
    for (const Val* x : others_) {
      auto r = equals(a, *x);
      if (!r)
        unknown = true;
      else if (*r)
        return Val(true);
    }
    return unknown ? Val() : Val(false);
  }
  if (found) return Val(true);
  // A string or number equals no boolean, list or map; only a null element leaves it unknown.
  return has_null_ ? Val() : Val(false);
}

bool constant_expr(const Expr& e) {
  if (e.kind == Ex::kLiteral || e.kind == Ex::kParam) return true;
  if (e.kind != Ex::kList && e.kind != Ex::kMap) return false;
  for (const auto& kid : e.kids)
    if (!kid || !constant_expr(*kid)) return false;
  return true;
}

}  // namespace kg::query
