// Projections: rows in, one at a time; on finish, groups become rows, then DISTINCT, ORDER BY,
// SKIP, LIMIT and WITH's WHERE apply, in that order.
#include "query/projection.h"

#include <algorithm>
#include <set>

namespace kg::query {

Projector::Projector(const Projection& p, const ClausePlan& plan, Ctx& ctx)
    : p_(p),
      plan_(plan.projection),
      key_items_(plan.key_items),
      ctx_(ctx),
      needs_env_(!p.order.empty() || p.where != nullptr) {
  if (!plan_.aggregating && !p_.distinct && !p_.order.empty() && p_.limit) {
    int64_t skip = std::max<int64_t>(0, count_arg(p_.skip)), limit = count_arg(p_.limit);
    if (limit <= (int64_t{1} << 40) - skip) keep_ = skip + limit;
  }
}

void Projector::add(Row& r) {
  ctx_.tick();
  if (plan_.aggregating) {
    add_to_group(r);
    return;
  }
  Out o;
  o.row.assign(ctx_.slot_count, Val());
  if (needs_env_) o.env = r;
  for (const auto& it : p_.items) {
    Val v = eval(*it.expr, r, ctx_);
    if (needs_env_) o.env[it.slot] = v;
    o.row[it.slot] = std::move(v);
  }
  if (keep_ >= 0) return add_top(std::move(o));
  outs_.push_back(std::move(o));
  ctx_.row_limit(outs_.size());
}

std::vector<Val> Projector::sort_key(Out& o) {
  std::vector<Val> key;
  for (size_t s = 0; s < p_.order.size(); ++s) {
    int item = plan_.order_item[s];
    if (item >= 0)
      key.push_back(o.row[p_.items[item].slot]);
    else
      key.push_back(eval_with_aggregates(*p_.order[s].expr, o.env, o.aggs));
  }
  return key;
}

bool Projector::sorts_before(const std::vector<Val>& a, const std::vector<Val>& b) const {
  for (size_t s = 0; s < p_.order.size(); ++s) {
    int c = order(a[s], b[s]);
    if (c) return p_.order[s].descending ? c > 0 : c < 0;
  }
  return false;
}

bool Projector::ranks_before(const Ranked& a, const Ranked& b) const {
  if (sorts_before(a.key, b.key)) return true;
  if (sorts_before(b.key, a.key)) return false;
  return a.seq < b.seq;  // among equals, the earlier arrival, as a stable sort places it
}

void Projector::add_top(Out o) {
  if (keep_ == 0) return;
  Ranked r{sort_key(o), seq_++, std::move(o)};
  // The heap's front is the row that sorts last (a later arrival among equals, as the stable
  // sort of everything would place it).
  auto later = [&](const Ranked& a, const Ranked& b) { return ranks_before(a, b); };
  if (top_.size() < static_cast<size_t>(keep_)) {
    top_.push_back(std::move(r));
    std::push_heap(top_.begin(), top_.end(), later);
    ctx_.row_limit(top_.size());
  } else if (later(r, top_.front())) {
    std::pop_heap(top_.begin(), top_.end(), later);
    top_.back() = std::move(r);
    std::push_heap(top_.begin(), top_.end(), later);
  }
}

void Projector::add_to_group(Row& r) {
  size_t group = 0;
  if (key_items_.empty()) {
    // One group only (count(*) and the like): no key to build or look up per row.
    if (groups_.empty())
      groups_.push_back({r, {}, std::vector<Accumulator>(plan_.aggregates.size())});
  } else {
    VList key;
    for (size_t i : key_items_) key.push_back(eval(*p_.items[i].expr, r, ctx_));
    auto it = index_.find(key);
    if (it == index_.end()) {
      it = index_.emplace(key, groups_.size()).first;
      groups_.push_back({r, std::move(key), std::vector<Accumulator>(plan_.aggregates.size())});
      ctx_.row_limit(groups_.size());
    }
    group = it->second;
  }
  Group& g = groups_[group];
  for (size_t a = 0; a < plan_.aggregates.size(); ++a)
    accumulate(g.accs[a], *plan_.aggregates[a], r, ctx_);
}

void Projector::add_counted(std::vector<CountedGroup>& counted, size_t rows) {
  for (auto& c : counted) {
    Group g{std::move(c.first), std::move(c.keys),
            std::vector<Accumulator>(plan_.aggregates.size())};
    // Every aggregate counts matches (see plan_count.cpp): only acc.count is read.
    for (auto& acc : g.accs) acc.count = c.count * int64_t(rows);
    groups_.push_back(std::move(g));
  }
}

void Projector::set_count(int64_t n) {
  Out o;
  o.row.resize(ctx_.slot_count);
  for (const auto& item : p_.items) o.row[item.slot] = Val(n);
  // ORDER BY can only name these items (see walk_countable): it reads the row, not `env`
  // or `aggs`.
  outs_.push_back(std::move(o));
  grouped_ = true;
}

std::vector<Row> Projector::finish() {
  if (keep_ >= 0) {
    // The kept rows, first first: they need no sort() below.
    std::sort_heap(top_.begin(), top_.end(),
                   [&](const Ranked& a, const Ranked& b) { return ranks_before(a, b); });
    for (auto& r : top_) outs_.push_back(std::move(r.out));
    top_.clear();
  }
  if (plan_.aggregating && !grouped_) finish_groups();
  if (p_.distinct) keep_distinct();
  if (!p_.order.empty() && keep_ < 0) sort();
  int64_t skip = count_arg(p_.skip), limit = count_arg(p_.limit);
  size_t begin = skip > 0 ? std::min<size_t>(size_t(skip), outs_.size()) : 0;
  size_t end = outs_.size();
  if (limit >= 0) end = std::min(end, begin + size_t(limit));
  std::vector<Row> rows;
  rows.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    if (p_.where && !is_true(eval(*p_.where, outs_[i].env, ctx_))) continue;
    rows.push_back(std::move(outs_[i].row));
  }
  return rows;
}

Val Projector::eval_with_aggregates(const Expr& e, Row& env, const std::vector<Val>& aggs) {
  ctx_.agg_exprs = &plan_.aggregates;
  ctx_.agg_values = &aggs;
  Val v = eval(e, env, ctx_);
  ctx_.agg_exprs = nullptr;
  ctx_.agg_values = nullptr;
  return v;
}

void Projector::finish_groups() {
  // Aggregating nothing still makes one row (count(*) is 0), unless there are grouping keys.
  if (groups_.empty() && key_items_.empty())
    groups_.push_back(
        {Row(ctx_.slot_count), {}, std::vector<Accumulator>(plan_.aggregates.size())});
  for (auto& g : groups_) {
    Out o;
    for (size_t a = 0; a < plan_.aggregates.size(); ++a)
      o.aggs.push_back(aggregate_result(g.accs[a], *plan_.aggregates[a]));
    o.row.assign(ctx_.slot_count, Val());
    o.env = std::move(g.first);
    size_t k = 0;
    std::vector<Val> vals;
    for (size_t i = 0; i < p_.items.size(); ++i) {
      if (k < key_items_.size() && key_items_[k] == i)
        vals.push_back(g.keys[k++]);
      else
        vals.push_back(eval_with_aggregates(*p_.items[i].expr, o.env, o.aggs));
    }
    for (size_t i = 0; i < p_.items.size(); ++i) {
      o.row[p_.items[i].slot] = vals[i];
      o.env[p_.items[i].slot] = std::move(vals[i]);
    }
    outs_.push_back(std::move(o));
  }
}

void Projector::keep_distinct() {
  std::set<VList, RowLess> seen;
  std::vector<Out> kept;
  for (auto& o : outs_) {
    VList key;
    for (const auto& it : p_.items) key.push_back(o.row[it.slot]);
    if (seen.insert(std::move(key)).second) kept.push_back(std::move(o));
  }
  outs_ = std::move(kept);
}

void Projector::sort() {
  // Each row's sort keys, computed once: a projected item's value, or the key's expression
  // over the row before the projection.
  std::vector<std::pair<VList, size_t>> keyed;
  keyed.reserve(outs_.size());
  for (size_t i = 0; i < outs_.size(); ++i) keyed.emplace_back(sort_key(outs_[i]), i);
  std::stable_sort(keyed.begin(), keyed.end(),
                   [&](const auto& a, const auto& b) { return sorts_before(a.first, b.first); });
  std::vector<Out> sorted;
  sorted.reserve(outs_.size());
  for (auto& [k, i] : keyed) sorted.push_back(std::move(outs_[i]));
  outs_ = std::move(sorted);
}

int64_t Projector::count_arg(const ExprPtr& e) {
  if (!e) return -1;
  Row empty(ctx_.slot_count);
  Val v = eval(*e, empty, ctx_);
  if (!v.is<int64_t>())
    throw QueryError("SyntaxError", "InvalidArgumentType", "SKIP and LIMIT take integers", 0, 0,
                     false);
  if (v.as<int64_t>() < 0)
    throw QueryError("SyntaxError", "NegativeIntegerArgument", "SKIP and LIMIT cannot be negative",
                     0, 0, false);
  return v.as<int64_t>();
}

}  // namespace kg::query
