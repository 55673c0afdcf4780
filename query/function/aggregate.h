// Running state of the aggregating functions of a projection, one per group.
#pragma once

#include <cstdint>
#include <set>

#include "query/exec.h"

namespace kg::query {

// One aggregate's running state for one group.
struct Accumulator {
  int64_t count = 0;
  bool any_float = false;
  int64_t isum = 0;
  double fsum = 0;
  Val best;  // min/max so far; the percentile argument for percentiles
  VList values;
  std::set<Val, ValLess> seen;  // values counted so far, for DISTINCT
};

// Adds the value of `agg` (an aggregate call, or count(*)) for `row` to `acc`; throws QueryError
// on a wrong argument type, an out-of-range percentile or an integer overflow.
void accumulate(Accumulator& acc, const Expr& agg, Row& row, Ctx& ctx);

// The value of `agg` over everything accumulated (null for avg or percentiles of nothing).
Val aggregate_result(const Accumulator& acc, const Expr& agg);

}  // namespace kg::query
