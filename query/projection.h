// Projections (WITH and RETURN): grouping and aggregation, DISTINCT, ORDER BY, SKIP, LIMIT and
// WITH's WHERE, fed one row at a time so that a MATCH can stream into them.
#pragma once

#include <map>
#include <vector>

#include "query/exec.h"
#include "query/function/aggregate.h"

namespace kg::query {

class Projector {
 public:
  Projector(const Projection& p, const ClausePlan& plan, Ctx& ctx);

  // One row in.
  void add(Row& r);
  // The groups of a counting scan, whose matches every one of `rows` incoming rows has.
  void add_counted(std::vector<CountedGroup>& counted, size_t rows);
  // The one row of a projection made of match counts alone (a counting walk): `n` in every
  // column.
  void set_count(int64_t n);
  // The projected rows, once everything is in.
  std::vector<Row> finish();

 private:
  struct Out {
    Row row;                // the projected row
    Row env;                // what ORDER BY sees: the row before, with the new names set
    std::vector<Val> aggs;  // aggregate values of the row's group
  };
  struct Group {
    Row first;  // the group's first row, which its non-aggregate expressions read
    std::vector<Val> keys;
    std::vector<Accumulator> accs;
  };

  void add_to_group(Row& r);
  // ORDER BY ... LIMIT k (after SKIP s) keeps only the s + k first rows as they come.
  void add_top(Out o);
  std::vector<Val> sort_key(Out& o);
  bool sorts_before(const std::vector<Val>& a, const std::vector<Val>& b) const;
  struct Ranked;
  bool ranks_before(const Ranked& a, const Ranked& b) const;
  void finish_groups();
  void keep_distinct();
  void sort();
  int64_t count_arg(const ExprPtr& e);
  // Evaluates `e` in `env` with the aggregates' values of a group at hand.
  Val eval_with_aggregates(const Expr& e, Row& env, const std::vector<Val>& aggs);

  const Projection& p_;
  const ProjectionPlan& plan_;
  const std::vector<size_t>& key_items_;
  Ctx& ctx_;
  bool needs_env_;  // ORDER BY or WHERE look at more than the projected row
  std::vector<Out> outs_;
  std::vector<Group> groups_;
  std::map<VList, size_t, RowLess> index_;  // group keys to groups_
  bool grouped_ = false;                    // the groups' rows are in outs_ already
  // Top-k: -1 when unused (no ORDER BY with LIMIT, or aggregation or DISTINCT first), else
  // the rows to keep; top_ is a heap whose front sorts last, ties broken by arrival (seq).
  int64_t keep_ = -1;
  struct Ranked {
    std::vector<Val> key;
    size_t seq;
    Out out;
  };
  std::vector<Ranked> top_;
  size_t seq_ = 0;
};

}  // namespace kg::query
