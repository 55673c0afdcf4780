// Aggregating functions (count, sum, avg, min, max, collect, stdev, percentiles) over groups.
#include "query/aggregate.h"

#include <algorithm>
#include <cmath>

#include "query/error.h"

namespace kg::query {

void accumulate(Accumulator& acc, const Expr& agg, Row& row, Ctx& ctx) {
  if (agg.kind == Ex::kCountStar) {
    ++acc.count;
    return;
  }
  Val v = eval(*agg.kids[0], row, ctx);
  if (v.is_null()) return;
  if (agg.distinct) {
    if (acc.seen.count(v)) return;
    acc.seen.insert(v);
  }
  const std::string& f = agg.op;
  ++acc.count;
  if (f == "count") return;
  if (f == "collect" || f == "percentiledisc" || f == "percentilecont" || f == "stdev" ||
      f == "stdevp") {
    if (f != "collect" && !v.is_number()) type_error("InvalidArgumentType", f + " takes numbers");
    if (f.rfind("percentile", 0) == 0 && acc.values.empty()) {
      Val p = eval(*agg.kids[1], row, ctx);
      if (!p.is_number() || p.number() < 0 || p.number() > 1)
        argument_error("NumberOutOfRange", "percentile must be between 0 and 1");
      acc.best = p;
    }
    acc.values.push_back(std::move(v));
    return;
  }
  if (f == "min" || f == "max") {
    if (acc.best.is_null())
      acc.best = v;
    else {
      int c = order(v, acc.best);
      if ((f == "min" && c < 0) || (f == "max" && c > 0)) acc.best = v;
    }
    return;
  }
  // sum, avg
  if (!v.is_number()) type_error("InvalidArgumentType", f + " takes numbers");
  if (v.is<double>()) acc.any_float = true;
  acc.fsum += v.number();
  if (v.is<int64_t>() && __builtin_add_overflow(acc.isum, v.as<int64_t>(), &acc.isum))
    argument_error("NumberOutOfRange", "integer overflow in sum");
}

Val aggregate_result(const Accumulator& acc, const Expr& agg) {
  if (agg.kind == Ex::kCountStar) return Val(acc.count);
  const std::string& f = agg.op;
  if (f == "count") return Val(acc.count);
  if (f == "collect") return Val(acc.values);
  if (f == "min" || f == "max") return acc.best;
  if (f == "sum") return acc.any_float ? Val(acc.fsum) : Val(acc.isum);
  if (f == "avg") return acc.count ? Val(acc.fsum / double(acc.count)) : Val();
  if (f == "stdev" || f == "stdevp") {
    size_t n = acc.values.size();
    if (n == 0) return Val(0.0);
    double mean = 0;
    for (const auto& v : acc.values) mean += v.number();
    mean /= double(n);
    double ss = 0;
    for (const auto& v : acc.values) ss += (v.number() - mean) * (v.number() - mean);
    double denom = f == "stdev" ? double(n) - 1 : double(n);
    return Val(denom > 0 ? std::sqrt(ss / denom) : 0.0);
  }
  // percentiles
  if (acc.values.empty()) return {};
  std::vector<Val> sorted = acc.values;
  std::sort(sorted.begin(), sorted.end(), ValLess());
  double p = acc.best.number();
  size_t n = sorted.size();
  if (f == "percentiledisc") {
    size_t idx = p <= 0 ? 0 : size_t(std::ceil(p * double(n))) - 1;
    return sorted[std::min(idx, n - 1)];
  }
  double pos = p * double(n - 1);
  size_t lo = size_t(std::floor(pos)), hi = size_t(std::ceil(pos));
  double frac = pos - double(lo);
  return Val(sorted[lo].number() + (sorted[hi].number() - sorted[lo].number()) * frac);
}

}  // namespace kg::query
