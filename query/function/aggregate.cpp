// Aggregating functions (count, sum, avg, min, max, collect, stdev, percentiles) over groups:
// the steps every aggregate shares, then each one's own, then their registry entries.
#include "query/function/aggregate.h"

#include <algorithm>
#include <cmath>

#include "query/error.h"
#include "query/function/family.h"

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
  ++acc.count;
  agg.fn->accumulate(*agg.fn, acc, std::move(v), agg, row, ctx);
}

Val aggregate_result(const Accumulator& acc, const Expr& agg) {
  if (agg.kind == Ex::kCountStar) return Val(acc.count);
  return agg.fn->result(*agg.fn, acc);
}

namespace {

// --- adding a value (acc.count counts it already) ---

void add_nothing(const Function&, Accumulator&, Val, const Expr&, Row&, Ctx&) {}

void add_value(const Function&, Accumulator& acc, Val v, const Expr&, Row&, Ctx&) {
  acc.values.push_back(std::move(v));
}

void need_number(const Function& f, const Val& v) {
  if (!v.is_number()) type_error("InvalidArgumentType", std::string(f.name) + " takes numbers");
}

void add_number(const Function& f, Accumulator& acc, Val v, const Expr&, Row&, Ctx&) {
  need_number(f, v);
  acc.values.push_back(std::move(v));
}

// The percentile (the second argument) is read with the first value and kept in acc.best.
void add_percentile(const Function& f, Accumulator& acc, Val v, const Expr& call, Row& row,
                    Ctx& ctx) {
  need_number(f, v);
  if (acc.values.empty()) {
    Val p = eval(*call.kids[1], row, ctx);
    if (!p.is_number() || p.number() < 0 || p.number() > 1)
      argument_error("NumberOutOfRange", "percentile must be between 0 and 1");
    acc.best = p;
  }
  acc.values.push_back(std::move(v));
}

// kSign -1 keeps the least value, +1 the greatest.
template <int kSign>
void add_extreme(const Function&, Accumulator& acc, Val v, const Expr&, Row&, Ctx&) {
  if (acc.best.is_null() || order(v, acc.best) * kSign > 0) acc.best = std::move(v);
}

void add_sum(const Function& f, Accumulator& acc, Val v, const Expr&, Row&, Ctx&) {
  need_number(f, v);
  if (v.is<double>()) acc.any_float = true;
  acc.fsum += v.number();
  if (v.is<int64_t>() && __builtin_add_overflow(acc.isum, v.as<int64_t>(), &acc.isum))
    argument_error("NumberOutOfRange", "integer overflow in sum");
}

// --- the value of a group ---

Val count_of(const Function&, const Accumulator& acc) {
  return Val(acc.count);
}
Val values_of(const Function&, const Accumulator& acc) {
  return Val(acc.values);
}
Val best_of(const Function&, const Accumulator& acc) {
  return acc.best;
}

Val sum_of(const Function&, const Accumulator& acc) {
  return acc.any_float ? Val(acc.fsum) : Val(acc.isum);
}

Val average_of(const Function&, const Accumulator& acc) {
  return acc.count ? Val(acc.fsum / double(acc.count)) : Val();
}

// kSample: the sample's deviation (n - 1), else the population's (n).
template <bool kSample>
Val deviation_of(const Function&, const Accumulator& acc) {
  size_t n = acc.values.size();
  if (n == 0) return Val(0.0);
  double mean = 0;
  for (const auto& v : acc.values) mean += v.number();
  mean /= double(n);
  double ss = 0;
  for (const auto& v : acc.values) ss += (v.number() - mean) * (v.number() - mean);
  double denom = kSample ? double(n) - 1 : double(n);
  return Val(denom > 0 ? std::sqrt(ss / denom) : 0.0);
}

std::vector<Val> sorted_values(const Accumulator& acc) {
  std::vector<Val> sorted = acc.values;
  std::sort(sorted.begin(), sorted.end(), ValLess());
  return sorted;
}

// The least value with at least the percentile of the values at or below it.
Val percentile_disc_of(const Function&, const Accumulator& acc) {
  if (acc.values.empty()) return {};
  std::vector<Val> sorted = sorted_values(acc);
  double p = acc.best.number();
  size_t n = sorted.size();
  size_t idx = p <= 0 ? 0 : size_t(std::ceil(p * double(n))) - 1;
  return sorted[std::min(idx, n - 1)];
}

// Interpolated between the two values around the percentile's position.
Val percentile_cont_of(const Function&, const Accumulator& acc) {
  if (acc.values.empty()) return {};
  std::vector<Val> sorted = sorted_values(acc);
  double pos = acc.best.number() * double(sorted.size() - 1);
  size_t lo = size_t(std::floor(pos)), hi = size_t(std::ceil(pos));
  double frac = pos - double(lo);
  return Val(sorted[lo].number() + (sorted[hi].number() - sorted[lo].number()) * frac);
}

constexpr auto kAggregate = FunctionKind::kAggregate;

const Function kFunctions[] = {
    {.name = "count", .kind = kAggregate, .accumulate = add_nothing, .result = count_of},
    {.name = "collect", .kind = kAggregate, .accumulate = add_value, .result = values_of},
    {.name = "min", .kind = kAggregate, .accumulate = add_extreme<-1>, .result = best_of},
    {.name = "max", .kind = kAggregate, .accumulate = add_extreme<1>, .result = best_of},
    {.name = "sum", .kind = kAggregate, .accumulate = add_sum, .result = sum_of},
    {.name = "avg", .kind = kAggregate, .accumulate = add_sum, .result = average_of},
    {.name = "stdev", .kind = kAggregate, .accumulate = add_number, .result = deviation_of<true>},
    {.name = "stdevp", .kind = kAggregate, .accumulate = add_number, .result = deviation_of<false>},
    {.name = "percentiledisc",
     .kind = kAggregate,
     .min_args = 2,
     .max_args = 2,
     .accumulate = add_percentile,
     .result = percentile_disc_of},
    {.name = "percentilecont",
     .kind = kAggregate,
     .min_args = 2,
     .max_args = 2,
     .accumulate = add_percentile,
     .result = percentile_cont_of},
};

}  // namespace

std::span<const Function> aggregate_functions() {
  return kFunctions;
}

}  // namespace kg::query
