// List functions (and those that take lists or strings alike): size, emptiness, the ends of
// a list, ranges, reversal, coalesce.
#include <algorithm>

#include "query/error.h"
#include "query/exec.h"
#include "query/function/family.h"

namespace kg::query {

namespace {

using Args = std::vector<Val>;

Val size(const Function& f, Args& args, Ctx&) {
  const Val& a = args[0];
  if (a.is<VList>()) return Val(int64_t(a.as<VList>().size()));
  if (a.is<std::string>()) return Val(int64_t(base::utf8_length(a.as<std::string>())));
  bad_arg(f);
}

Val is_empty(const Function& f, Args& args, Ctx&) {
  const Val& a = args[0];
  if (a.is<VList>()) return Val(a.as<VList>().empty());
  if (a.is<std::string>()) return Val(a.as<std::string>().empty());
  if (a.is<VMap>()) return Val(a.as<VMap>().empty());
  bad_arg(f);
}

const VList& list_arg(const Function& f, const Val& a) {
  if (!a.is<VList>()) bad_arg(f);
  return a.as<VList>();
}

Val head(const Function& f, Args& args, Ctx&) {
  const VList& l = list_arg(f, args[0]);
  return l.empty() ? Val() : l.front();
}

Val last(const Function& f, Args& args, Ctx&) {
  const VList& l = list_arg(f, args[0]);
  return l.empty() ? Val() : l.back();
}

Val tail(const Function& f, Args& args, Ctx&) {
  const VList& l = list_arg(f, args[0]);
  return Val(l.empty() ? VList{} : VList(l.begin() + 1, l.end()));
}

// range(from, to[, step]): its first value, step and length, checked.
struct RangeSpec {
  int64_t from, step;
  __int128 count;
};

RangeSpec range_spec(const Function& f, Args& args, Ctx& ctx) {
  for (const auto& x : args)
    if (!x.is<int64_t>()) argument_error("InvalidArgumentType", "range() takes integers");
  int64_t from = int_arg(f, args[0]), to = int_arg(f, args[1]);
  int64_t step = args.size() > 2 ? int_arg(f, args[2]) : 1;
  if (step == 0) argument_error("NumberOutOfRange", "range() step cannot be 0");
  // The length first, in 128 bits (to - from overflows 64 for range(min, max)): a range too
  // long is refused before anything is allocated, and no step runs past the last value.
  __int128 span = static_cast<__int128>(to) - from;
  __int128 count = (span == 0 || (span > 0) == (step > 0)) ? span / step + 1 : 0;
  if (count > static_cast<__int128>(ctx.options.max_rows))
    argument_error("NumberOutOfRange", "range too long");
  return {from, step, count};
}

void range_each(const Function& f, Args& args, Ctx& ctx, FunctionRef<void(Val)> each) {
  RangeSpec r = range_spec(f, args, ctx);
  for (__int128 k = 0; k < r.count; ++k) {
    ctx.tick();
    each(Val(static_cast<int64_t>(r.from + k * r.step)));
  }
}

Val range(const Function& f, Args& args, Ctx& ctx) {
  VList out;
  out.reserve(static_cast<size_t>(range_spec(f, args, ctx).count));
  // A long range is where memory goes: the budget and the time limit apply (range_each ticks).
  range_each(f, args, ctx, [&](Val v) { out.push_back(std::move(v)); });
  return Val(std::move(out));
}

// Of a list or a string.
Val reverse(const Function& f, Args& args, Ctx&) {
  if (args[0].is<VList>()) {
    VList l = args[0].as<VList>();
    std::reverse(l.begin(), l.end());
    return Val(std::move(l));
  }
  std::string s = str_arg(f, args[0]);
  std::reverse(s.begin(), s.end());
  return Val(std::move(s));
}

Val coalesce(const Function&, Args& args, Ctx&) {
  for (auto& a : args)
    if (!a.is_null()) return a;
  return {};
}

const Function kFunctions[] = {
    {.name = "size", .scalar = size, .arg_checks = kNoPathVar | kNoPattern},
    {.name = "isempty", .scalar = is_empty},
    {.name = "head", .scalar = head},
    {.name = "last", .scalar = last},
    {.name = "tail", .scalar = tail},
    {.name = "range",
     .min_args = 2,
     .max_args = 3,
     .scalar = range,
     .each = range_each,
     .nulls = NullArgs::kAny},
    {.name = "reverse", .scalar = reverse},
    {.name = "coalesce", .max_args = kVariadic, .scalar = coalesce, .nulls = NullArgs::kNever},
};

}  // namespace

std::span<const Function> list_functions() {
  return kFunctions;
}

}  // namespace kg::query
