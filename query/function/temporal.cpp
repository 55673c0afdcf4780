// Temporal functions: date(), localtime(), time(), localdatetime(), datetime(), duration() from
// strings, maps and other temporals; their clocks (.statement, .transaction, .realtime);
// X.truncate(); datetime.fromepoch[millis](); duration.between / inMonths / inDays /
// inSeconds; the accessors (d.year, d.week, ...) and the arithmetic with durations.
// The values themselves (text, calendar, zones) are in base/temporal.
#include "query/function/temporal.h"

#include <chrono>
#include <cmath>

#include "query/error.h"
#include "query/exec.h"
#include "query/function/family.h"

namespace kg::query {

namespace tp = kg::temporal;
using tp::kNanosPerDay;
using tp::kNanosPerSecond;
using tp::TKind;

namespace {

using Args = std::vector<Val>;

[[noreturn]] void bad_value(const std::string& message) {
  argument_error("InvalidArgumentValue", message);
}

// Runs a temporal computation, turning its errors into query errors.
template <class F>
auto guarded(F&& f) {
  try {
    return f();
  } catch (const tp::TemporalError& e) {
    argument_error(e.code, e.what());
  }
}

int64_t int_field(const Val& v, const char* name) {
  if (v.is<int64_t>()) return v.as<int64_t>();
  if (v.is<double>() && std::floor(v.as<double>()) == v.as<double>())
    return int64_t(v.as<double>());
  bad_value(std::string(name) + " must be an integer");
}

bool kind_has_date(TKind k) {
  return k == TKind::kDate || k == TKind::kLocalDateTime || k == TKind::kDateTime;
}
bool kind_has_time(TKind k) {
  return k != TKind::kDate && k != TKind::kDuration;
}
bool kind_has_zone(TKind k) {
  return k == TKind::kTime || k == TKind::kDateTime;
}

// The offset and zone a value is in (UTC for local values).
struct Zone {
  int32_t offset = 0;
  int16_t zone = -1;
};

// A value of `kind` from a local date, a local time and a zone.
Temporal assemble(TKind kind, int64_t days, int64_t nanos, const Zone& z) {
  switch (kind) {
    case TKind::kDate:
      return tp::make_date(days);
    case TKind::kLocalTime:
      return tp::make_local_time(nanos);
    case TKind::kTime: {
      int32_t off = z.offset;
      if (z.zone >= 0) {
        auto now = std::chrono::system_clock::now().time_since_epoch();
        off = tp::zone_offset_at_utc(z.zone,
                                     std::chrono::duration_cast<std::chrono::seconds>(now).count());
      }
      return tp::make_time(nanos, off);
    }
    case TKind::kLocalDateTime:
      return tp::make_local_datetime(days, nanos);
    default:
      return tp::make_datetime(days, nanos, z.offset, z.zone);
  }
}

// The instant of a value with an offset, as UTC nanoseconds (times on day 0).
__int128 utc_of(const Temporal& t) {
  __int128 local = __int128(t.has_date() ? t.days : 0) * kNanosPerDay + t.time;
  return local - __int128(t.offset()) * kNanosPerSecond;
}

// A value with an offset moved to another zone, keeping the instant: local days and time.
void convert_zone(const Temporal& t, const Zone& to, int64_t& days, int64_t& nanos) {
  __int128 utc = utc_of(t);
  __int128 secs = utc / kNanosPerSecond;
  if (utc % kNanosPerSecond < 0) --secs;
  int64_t sub = int64_t(utc - secs * kNanosPerSecond);
  int32_t off = to.zone >= 0 ? tp::zone_offset_at_utc(to.zone, int64_t(secs)) : to.offset;
  __int128 local = (secs + off) * kNanosPerSecond + sub;
  __int128 d = local / kNanosPerDay;
  if (local % kNanosPerDay < 0) --d;
  days = int64_t(d);
  nanos = int64_t(local - d * kNanosPerDay);
}

Zone zone_of(const Val& v) {
  if (!v.is<std::string>()) bad_value("timezone must be a string");
  Zone z;
  tp::parse_zone(v.as<std::string>(), z.offset, z.zone);
  return z;
}

const Temporal* temporal_field(const VMap& m, const char* key) {
  const Val* v = vmap_find(m, key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is<Temporal>() || v->as<Temporal>().kind == TKind::kDuration)
    bad_value(std::string(key) + " must be a temporal value");
  return &v->as<Temporal>();
}

// date({year: .., month: ..}) and friends: Neo4j's rules for building a value from fields,
// optionally over a base value (`date`, `time` or `datetime` in the map).
Temporal from_map(TKind kind, const VMap& m) {
  auto get = [&](const char* key) -> const Val* {
    const Val* v = vmap_find(m, key);
    return v && !v->is_null() ? v : nullptr;
  };
  auto num = [&](const char* key, int64_t dflt) {
    const Val* v = get(key);
    return v ? int_field(*v, key) : dflt;
  };
  for (const auto& [k, v] : m) {
    static const char* kKnown[] = {
        "date",     "time",         "datetime",   "year",         "month",       "day",
        "week",     "dayOfWeek",    "quarter",    "dayOfQuarter", "ordinalDay",  "weekYear",
        "hour",     "minute",       "second",     "millisecond",  "microsecond", "nanosecond",
        "timezone", "epochSeconds", "epochMillis"};
    bool known = false;
    for (const char* n : kKnown) known = known || k == n;
    if (!known) bad_value("unknown field '" + k + "' for " + tp::kind_name(kind));
  }
  const Temporal* dt = temporal_field(m, "datetime");
  const Temporal* date_base = temporal_field(m, "date");
  const Temporal* time_base = temporal_field(m, "time");
  if (dt) {
    if (!date_base && dt->has_date()) date_base = dt;
    if (!time_base && dt->has_time()) time_base = dt;
  }
  // The zone: given, else the base's, else UTC.
  Zone zone;
  bool zone_given = false;
  if (const Val* tz = get("timezone")) {
    zone = zone_of(*tz);
    zone_given = true;
  } else if (time_base && time_base->has_offset()) {
    zone.offset = time_base->offset();
    zone.zone = time_base->kind == TKind::kDateTime ? time_base->zone : -1;
  } else if (dt && dt->has_offset()) {
    zone.offset = dt->offset();
    zone.zone = dt->zone;
  }
  if (kind_has_zone(kind) && (get("epochSeconds") || get("epochMillis"))) {
    int64_t secs = 0, nanos = num("nanosecond", 0);
    if (const Val* s = get("epochSeconds")) secs = int_field(*s, "epochSeconds");
    if (const Val* ms = get("epochMillis")) {
      int64_t v = int_field(*ms, "epochMillis");
      secs = v / 1000;
      nanos += v % 1000 * 1'000'000;
    }
    return tp::datetime_from_utc(secs, nanos, zone.offset, zone.zone);
  }
  // The base time, moved into the given zone when both have one.
  int64_t base_days = 0, base_nanos = 0;
  bool have_time_base = false, have_date_base = false;
  if (time_base) {
    have_time_base = true;
    base_nanos = time_base->time;
    base_days = time_base->has_date() ? time_base->days : 0;
    if (zone_given && time_base->has_offset() && kind_has_zone(kind))
      convert_zone(*time_base, zone, base_days, base_nanos);
  }
  int64_t days = 0;
  if (kind_has_date(kind)) {
    const Val* year = get("year");
    if (date_base) {
      have_date_base = true;
      int64_t d = date_base->days;
      if (date_base == time_base || (dt && date_base == dt)) d = have_time_base ? base_days : d;
      tp::Civil c = tp::civil_from_days(d);
      if (get("week") || get("dayOfWeek")) {
        int64_t wy;
        int w;
        tp::iso_week(d, wy, w);
        if (year) wy = int_field(*year, "year");
        tp::check_year(wy);
        int64_t week = num("week", w);
        int64_t dow = num("dayOfWeek", tp::day_of_week(d));
        if (week < 1 || week > tp::weeks_in_year(wy) || dow < 1 || dow > 7)
          bad_value("week or dayOfWeek out of range");
        days = tp::iso_week_start(wy) + (week - 1) * 7 + (dow - 1);
      } else if (get("ordinalDay")) {
        int64_t y = year ? int_field(*year, "year") : c.year;
        tp::check_year(y);
        int64_t ord = num("ordinalDay", 1);
        if (ord < 1 || ord > (tp::is_leap(y) ? 366 : 365)) bad_value("ordinalDay out of range");
        days = tp::days_from_civil(y, 1, 1) + ord - 1;
      } else if (get("quarter") || get("dayOfQuarter")) {
        int64_t y = year ? int_field(*year, "year") : c.year;
        int64_t q = num("quarter", (c.month - 1) / 3 + 1);
        if (q < 1 || q > 4) bad_value("quarter out of range");
        if (get("dayOfQuarter")) {
          int64_t dq = num("dayOfQuarter", 1);
          int64_t start = tp::date_of(y, (q - 1) * 3 + 1, 1);
          if (dq < 1 || start + dq - 1 >= tp::plus_months(start, 3))
            bad_value("dayOfQuarter out of range");
          days = start + dq - 1;
        } else {
          int64_t month = (q - 1) * 3 + (c.month - 1) % 3 + 1;
          days = tp::date_of(y, month, std::min<int64_t>(c.day, tp::days_in_month(y, int(month))));
        }
      } else {
        int64_t y = year ? int_field(*year, "year") : c.year;
        int64_t mo = num("month", c.month);
        int64_t dd = num("day", c.day);
        days = tp::date_of(y, mo, dd);
      }
    } else {
      if (!year) bad_value(std::string(tp::kind_name(kind)) + " needs a year");
      int64_t y = int_field(*year, "year");
      tp::check_year(y);
      if (get("week")) {
        int64_t week = num("week", 1), dow = num("dayOfWeek", 1);
        if (week < 1 || week > tp::weeks_in_year(y) || dow < 1 || dow > 7)
          bad_value("week or dayOfWeek out of range");
        days = tp::iso_week_start(y) + (week - 1) * 7 + (dow - 1);
      } else if (get("ordinalDay")) {
        int64_t ord = num("ordinalDay", 1);
        if (ord < 1 || ord > (tp::is_leap(y) ? 366 : 365)) bad_value("ordinalDay out of range");
        days = tp::date_of(y, 1, 1) + ord - 1;
      } else if (get("quarter")) {
        int64_t q = num("quarter", 1), dq = num("dayOfQuarter", 1);
        if (q < 1 || q > 4) bad_value("quarter out of range");
        int64_t start = tp::date_of(y, (q - 1) * 3 + 1, 1);
        if (dq < 1 || start + dq - 1 >= tp::plus_months(start, 3))
          bad_value("dayOfQuarter out of range");
        days = start + dq - 1;
      } else {
        days = tp::date_of(y, num("month", 1), num("day", 1));
      }
    }
  }
  (void)have_date_base;
  if (time_base && date_base && date_base != time_base && zone_given && kind_has_date(kind) &&
      time_base->kind == TKind::kDateTime && time_base->zone >= 0) {
    // A zoned time taken to another date: its offset is the one on that date.
    int64_t ignored;
    convert_zone(tp::make_datetime(days, time_base->time, 0, time_base->zone), zone, ignored,
                 base_nanos);
  }
  int64_t nanos = 0;
  if (kind_has_time(kind)) {
    int64_t h = base_nanos / 3'600'000'000'000, mi = base_nanos / 60'000'000'000 % 60,
            s = base_nanos / kNanosPerSecond % 60, sub = base_nanos % kNanosPerSecond;
    if (!have_time_base) h = mi = s = sub = 0;
    h = num("hour", h);
    mi = num("minute", mi);
    s = num("second", s);
    const Val *ms = get("millisecond"), *us = get("microsecond"), *ns = get("nanosecond");
    if (ms || us || ns) {
      // Each field replaces its own digits of the base's fraction: milli, micro, nano.
      int64_t msv = ms ? int_field(*ms, "millisecond") : sub / 1'000'000;
      int64_t usv = us ? int_field(*us, "microsecond") : (ms ? 0 : sub / 1000 % 1000);
      int64_t nsv = ns ? int_field(*ns, "nanosecond") : (ms || us ? 0 : sub % 1000);
      if (!ms && us && usv > 999) msv = 0;
      if (!ms && !us && ns && nsv > 999) msv = usv = 0;
      if (!us && !ms && ns) usv = nsv > 999 ? 0 : sub / 1000 % 1000;
      if (msv < 0 || msv > 999 || usv < 0 || (ms ? usv > 999 : usv > 999'999) || nsv < 0 ||
          ((ms || us) ? nsv > 999 : nsv > 999'999'999))
        bad_value("sub-second field out of range");
      sub = msv * 1'000'000 + usv * 1000 + nsv;
    }
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
      bad_value("time field out of range");
    nanos = ((h * 60 + mi) * 60 + s) * kNanosPerSecond + sub;
  } else if (get("hour") || get("minute") || get("second")) {
    bad_value(std::string(tp::kind_name(kind)) + " takes no time fields");
  }
  return assemble(kind, days, nanos, zone);
}

// A value of `kind` selected from another temporal value: date(datetime) and the like.
Temporal select(TKind kind, const Temporal& t) {
  if (t.kind == TKind::kDuration) bad_value("cannot make a point in time of a duration");
  if (t.kind == kind) return t;
  Zone z;
  if (t.has_offset()) z.offset = t.offset(), z.zone = t.kind == TKind::kDateTime ? t.zone : -1;
  if (kind_has_date(kind) && !t.has_date())
    bad_value(std::string("cannot make a ") + tp::kind_name(kind) + " of a " +
              tp::kind_name(t.kind));
  return assemble(kind, t.has_date() ? t.days : 0, t.has_time() ? t.time : 0, z);
}

Temporal duration_from_map(const VMap& m) {
  long double months = 0, days = 0, seconds = 0, nanos = 0;
  bool any = false;
  for (const auto& [k, v] : m) {
    if (v.is_null()) continue;
    if (!v.is_number()) bad_value("duration field " + k + " must be a number");
    long double x = v.is<int64_t>() ? (long double)v.as<int64_t>() : (long double)v.as<double>();
    any = true;
    if (k == "years")
      months += x * 12;
    else if (k == "months")
      months += x;
    else if (k == "weeks")
      days += x * 7;
    else if (k == "days")
      days += x;
    else if (k == "hours")
      seconds += x * 3600;
    else if (k == "minutes")
      seconds += x * 60;
    else if (k == "seconds")
      seconds += x;
    else if (k == "milliseconds")
      nanos += x * 1'000'000;
    else if (k == "microseconds")
      nanos += x * 1000;
    else if (k == "nanoseconds")
      nanos += x;
    else
      bad_value("unknown duration field '" + k + "'");
  }
  if (!any) bad_value("a duration needs at least one field");
  return tp::approximate_duration(months, days, seconds, nanos);
}

// ---- the clock ----

int64_t wall_clock() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
}

// The statement's clock: one instant for the whole query (the transaction's too).
int64_t statement_clock(Ctx& ctx) {
  if (!ctx.clock_nanos) ctx.clock_nanos = wall_clock();
  return *ctx.clock_nanos;
}

Temporal now_in(TKind kind, const Zone& z, int64_t ns) {
  int64_t secs = ns / kNanosPerSecond, sub = ns % kNanosPerSecond;
  Temporal utc = tp::datetime_from_utc(secs, sub, z.offset, z.zone);
  if (kind == TKind::kDateTime) return utc;
  return select(kind, utc);
}

Val construct(TKind kind, Args& args, Ctx& ctx) {
  return guarded([&]() -> Val {
    if (args.empty()) return Val(now_in(kind, Zone{}, statement_clock(ctx)));
    const Val& a = args[0];
    if (a.is<std::string>()) return Val(tp::parse(kind, a.as<std::string>()));
    if (kind == TKind::kDuration) {
      if (a.is<VMap>()) return Val(duration_from_map(a.as<VMap>()));
      if (a.is<Temporal>() && a.as<Temporal>().kind == TKind::kDuration) return a;
      bad_value("duration() takes a string or a map");
    }
    if (a.is<VMap>()) {
      const VMap& m = a.as<VMap>();
      if (m.size() == 1 && m[0].first == "timezone")
        return Val(now_in(kind, zone_of(m[0].second), statement_clock(ctx)));
      return Val(from_map(kind, m));
    }
    if (a.is<Temporal>()) return Val(select(kind, a.as<Temporal>()));
    type_error("InvalidArgumentType",
               std::string(tp::kind_name(kind)) + "() takes a string, a map or a temporal value");
  });
}

template <TKind K>
Val constructor(const Function&, Args& args, Ctx& ctx) {
  return construct(K, args, ctx);
}

template <TKind K, bool kRealtime>
Val clock(const Function&, Args& args, Ctx& ctx) {
  return guarded([&]() -> Val {
    Zone z;
    if (!args.empty()) {
      if (args[0].is_null()) return {};
      z = zone_of(args[0]);
    }
    return Val(now_in(K, z, kRealtime ? wall_clock() : statement_clock(ctx)));
  });
}

// ---- truncation ----

Temporal truncate(TKind kind, const std::string& unit, const Temporal& t, const VMap* fields) {
  if (t.kind == TKind::kDuration) bad_value("cannot truncate a duration");
  bool date_unit = unit == "millennium" || unit == "century" || unit == "decade" ||
                   unit == "year" || unit == "weekYear" || unit == "quarter" || unit == "month" ||
                   unit == "week" || unit == "day";
  bool time_unit = unit == "hour" || unit == "minute" || unit == "second" ||
                   unit == "millisecond" || unit == "microsecond";
  if (!date_unit && !time_unit) bad_value("unknown truncation unit '" + unit + "'");
  if (kind_has_date(kind) && !t.has_date())
    bad_value(std::string("cannot truncate a ") + tp::kind_name(t.kind) + " to a " +
              tp::kind_name(kind));
  if (!kind_has_time(kind) && time_unit) bad_value("cannot truncate a date to " + unit);
  int64_t days = t.has_date() ? t.days : 0, nanos = t.has_time() ? t.time : 0;
  if (date_unit) {
    tp::Civil c = tp::civil_from_days(days);
    auto floor_to = [](int64_t y, int64_t n) { return y - (((y % n) + n) % n); };
    if (unit == "millennium")
      days = tp::days_from_civil(floor_to(c.year, 1000), 1, 1);
    else if (unit == "century")
      days = tp::days_from_civil(floor_to(c.year, 100), 1, 1);
    else if (unit == "decade")
      days = tp::days_from_civil(floor_to(c.year, 10), 1, 1);
    else if (unit == "year")
      days = tp::days_from_civil(c.year, 1, 1);
    else if (unit == "weekYear") {
      int64_t wy;
      int w;
      tp::iso_week(days, wy, w);
      days = tp::iso_week_start(wy);
    } else if (unit == "quarter")
      days = tp::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    else if (unit == "month")
      days = tp::days_from_civil(c.year, c.month, 1);
    else if (unit == "week")
      days -= tp::day_of_week(days) - 1;
    nanos = 0;
  } else {
    int64_t step = unit == "hour"          ? 3'600'000'000'000
                   : unit == "minute"      ? 60'000'000'000
                   : unit == "second"      ? kNanosPerSecond
                   : unit == "millisecond" ? 1'000'000
                                           : 1000;
    nanos -= nanos % step;
  }
  Zone z;
  if (t.has_offset()) z.offset = t.offset(), z.zone = t.kind == TKind::kDateTime ? t.zone : -1;
  if (fields && !fields->empty()) {
    // The fields override the truncated value's: build it over a base.
    Temporal base =
        assemble(kind_has_date(kind) ? TKind::kLocalDateTime : TKind::kLocalTime, days, nanos, z);
    if (kind_has_zone(kind)) {
      base = assemble(kind_has_date(kind) ? TKind::kDateTime : TKind::kTime, days, nanos, z);
    }
    VMap m = *fields;
    if (const Val* tz = vmap_find(m, "timezone")) {
      // A new zone keeps the truncated local time.
      Zone nz = zone_of(*tz);
      base = assemble(base.kind, days, nanos, nz);
      if (!kind_has_date(kind) && nz.zone >= 0) base.aux = assemble(TKind::kTime, 0, nanos, nz).aux;
    }
    vmap_set(m, kind_has_date(kind) ? (kind_has_time(kind) ? "datetime" : "date") : "time",
             Val(base));
    if (kind_has_date(kind)) {
      // Fields given for the date part replace those of the base.
      bool date_fields = vmap_find(m, "year") || vmap_find(m, "month") || vmap_find(m, "day") ||
                         vmap_find(m, "week") || vmap_find(m, "dayOfWeek") ||
                         vmap_find(m, "ordinalDay") || vmap_find(m, "quarter") ||
                         vmap_find(m, "dayOfQuarter");
      (void)date_fields;
    }
    VMap clean;
    for (auto& [k, v] : m)
      if (k != "timezone") vmap_set(clean, k, v);
    return from_map(kind, clean);
  }
  return assemble(kind, days, nanos, z);
}

template <TKind K>
Val truncate_fn(const Function& f, Args& args, Ctx&) {
  return guarded([&]() -> Val {
    if (args[0].is_null() || args[1].is_null()) return {};
    const std::string& unit = str_arg(f, args[0]);
    if (!args[1].is<Temporal>()) bad_arg(f);
    const VMap* fields = nullptr;
    if (args.size() > 2 && !args[2].is_null()) {
      if (!args[2].is<VMap>()) bad_arg(f);
      fields = &args[2].as<VMap>();
    }
    return Val(truncate(K, unit, args[1].as<Temporal>(), fields));
  });
}

// ---- epochs and durations between ----

Val from_epoch(const Function& f, Args& args, Ctx&) {
  return guarded([&]() -> Val {
    if (args[1].is_null()) return {};
    return Val(tp::datetime_from_utc(int_arg(f, args[0]), int_arg(f, args[1]), 0, -1));
  });
}

Val from_epoch_millis(const Function& f, Args& args, Ctx&) {
  return guarded([&]() -> Val {
    int64_t ms = int_arg(f, args[0]);
    int64_t secs = ms / 1000, rem = ms % 1000;
    if (rem < 0) rem += 1000, --secs;
    return Val(tp::datetime_from_utc(secs, rem * 1'000'000, 0, -1));
  });
}

template <char Unit>
Val between(const Function&, Args& args, Ctx&) {
  return guarded([&]() -> Val {
    for (const auto& a : args)
      if (!a.is<Temporal>() || a.as<Temporal>().kind == TKind::kDuration)
        type_error("InvalidArgumentType", "duration.between takes two points in time");
    return Val(tp::between(args[0].as<Temporal>(), args[1].as<Temporal>(), Unit));
  });
}

constexpr auto kAny = NullArgs::kAny;

const Function kFunctions[] = {
    {.name = "date", .min_args = 0, .scalar = constructor<TKind::kDate>},
    {.name = "localtime", .min_args = 0, .scalar = constructor<TKind::kLocalTime>},
    {.name = "time", .min_args = 0, .scalar = constructor<TKind::kTime>},
    {.name = "localdatetime", .min_args = 0, .scalar = constructor<TKind::kLocalDateTime>},
    {.name = "datetime", .min_args = 0, .scalar = constructor<TKind::kDateTime>},
    {.name = "duration", .scalar = constructor<TKind::kDuration>},
#define KG_CLOCKS(NAME, KIND)                                                   \
  {.name = NAME ".transaction", .min_args = 0, .scalar = clock<KIND, false>},   \
      {.name = NAME ".statement", .min_args = 0, .scalar = clock<KIND, false>}, \
      {.name = NAME ".realtime", .min_args = 0, .scalar = clock<KIND, true>},   \
      {.name = NAME ".truncate",                                                \
       .min_args = 2,                                                           \
       .max_args = 3,                                                           \
       .scalar = truncate_fn<KIND>,                                             \
       .nulls = NullArgs::kNever},
    KG_CLOCKS("date", TKind::kDate) KG_CLOCKS("localtime", TKind::kLocalTime)
        KG_CLOCKS("time", TKind::kTime) KG_CLOCKS("localdatetime", TKind::kLocalDateTime)
            KG_CLOCKS("datetime", TKind::kDateTime)
#undef KG_CLOCKS
                {.name = "datetime.fromepoch",
                 .min_args = 2,
                 .max_args = 2,
                 .scalar = from_epoch,
                 .nulls = kAny},
    {.name = "datetime.fromepochmillis", .scalar = from_epoch_millis},
    {.name = "duration.between", .min_args = 2, .max_args = 2, .scalar = between<0>, .nulls = kAny},
    {.name = "duration.inmonths",
     .min_args = 2,
     .max_args = 2,
     .scalar = between<'M'>,
     .nulls = kAny},
    {.name = "duration.indays",
     .min_args = 2,
     .max_args = 2,
     .scalar = between<'D'>,
     .nulls = kAny},
    {.name = "duration.inseconds",
     .min_args = 2,
     .max_args = 2,
     .scalar = between<'S'>,
     .nulls = kAny},
};

}  // namespace

std::span<const Function> temporal_functions() {
  return kFunctions;
}

Val temporal_property(const Temporal& t, const std::string& key) {
  auto field = [&](std::string_view k) { return key == k; };
  if (t.kind == TKind::kDuration) {
    int64_t months = t.months(), days = t.days, secs = t.seconds(), ns = t.nanos;
    if (field("years")) return Val(months / 12);
    if (field("quarters")) return Val(months / 3);
    if (field("months")) return Val(months);
    if (field("weeks")) return Val(days / 7);
    if (field("days")) return Val(days);
    if (field("hours")) return Val(secs / 3600);
    if (field("minutes")) return Val(secs / 60);
    if (field("seconds")) return Val(secs);
    if (field("milliseconds")) return Val(secs * 1000 + ns / 1'000'000);
    if (field("microseconds")) return Val(secs * 1'000'000 + ns / 1000);
    if (field("nanoseconds")) return Val(secs * kNanosPerSecond + ns);
    if (field("quartersOfYear")) return Val(months / 3 % 4);
    if (field("monthsOfQuarter")) return Val(months % 3);
    if (field("monthsOfYear")) return Val(months % 12);
    if (field("daysOfWeek")) return Val(days % 7);
    if (field("minutesOfHour")) return Val(secs / 60 % 60);
    if (field("secondsOfMinute")) return Val(secs % 60);
    if (field("millisecondsOfSecond")) return Val(ns / 1'000'000);
    if (field("microsecondsOfSecond")) return Val(ns / 1000);
    if (field("nanosecondsOfSecond")) return Val(ns);
    return {};
  }
  if (t.has_date()) {
    tp::Civil c = tp::civil_from_days(t.days);
    if (field("year")) return Val(c.year);
    if (field("month")) return Val(int64_t(c.month));
    if (field("day")) return Val(int64_t(c.day));
    if (field("quarter")) return Val(int64_t((c.month - 1) / 3 + 1));
    if (field("week") || field("weekYear")) {
      int64_t wy;
      int w;
      tp::iso_week(t.days, wy, w);
      return field("week") ? Val(int64_t(w)) : Val(wy);
    }
    if (field("ordinalDay")) return Val(t.days - tp::days_from_civil(c.year, 1, 1) + 1);
    if (field("weekDay") || field("dayOfWeek")) return Val(int64_t(tp::day_of_week(t.days)));
    if (field("dayOfQuarter"))
      return Val(t.days - tp::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1) + 1);
  }
  if (t.has_time()) {
    int64_t n = t.time;
    if (field("hour")) return Val(n / 3'600'000'000'000);
    if (field("minute")) return Val(n / 60'000'000'000 % 60);
    if (field("second")) return Val(n / kNanosPerSecond % 60);
    if (field("millisecond")) return Val(n % kNanosPerSecond / 1'000'000);
    if (field("microsecond")) return Val(n % kNanosPerSecond / 1000);
    if (field("nanosecond")) return Val(n % kNanosPerSecond);
  }
  if (t.has_offset()) {
    if (field("timezone"))
      return t.zone >= 0 ? Val(tp::zone_name(t.zone)) : Val(tp::offset_string(t.offset()));
    if (field("offset")) {
      std::string s = tp::offset_string(t.offset());
      return Val(s == "Z" ? std::string("+00:00") : s);
    }
    if (field("offsetMinutes")) return Val(int64_t(t.offset() / 60));
    if (field("offsetSeconds")) return Val(int64_t(t.offset()));
  }
  if (t.kind == TKind::kDateTime) {
    __int128 utc = utc_of(t);
    if (field("epochSeconds")) {
      __int128 s = utc / kNanosPerSecond;
      if (utc % kNanosPerSecond < 0) --s;
      return Val(int64_t(s));
    }
    if (field("epochMillis")) {
      __int128 s = utc / 1'000'000;
      if (utc % 1'000'000 < 0) --s;
      return Val(int64_t(s));
    }
  }
  return {};
}

std::optional<Val> temporal_arithmetic(const std::string& op, const Val& a, const Val& b) {
  bool ta = a.is<Temporal>(), tb = b.is<Temporal>();
  if (!ta && !tb) return std::nullopt;
  return guarded([&]() -> std::optional<Val> {
    bool da = ta && a.as<Temporal>().kind == TKind::kDuration;
    bool db = tb && b.as<Temporal>().kind == TKind::kDuration;
    if (op == "+" || op == "-") {
      if (ta && db) {
        const Temporal& d = b.as<Temporal>();
        return Val(tp::plus(a.as<Temporal>(), op == "+" ? d : tp::negate(d)));
      }
      if (op == "+" && da && tb) return Val(tp::plus(b.as<Temporal>(), a.as<Temporal>()));
    }
    if (op == "*" || op == "/") {
      const Val* num = da && b.is_number() ? &b : (op == "*" && db && a.is_number() ? &a : nullptr);
      if (num) {
        const Temporal& d = da ? a.as<Temporal>() : b.as<Temporal>();
        if (op == "/") return Val(tp::divide(d, (long double)num->number()));
        if (num->is<int64_t>()) return Val(tp::multiply(d, num->as<int64_t>()));
        return Val(tp::multiply(d, (long double)num->as<double>()));
      }
    }
    return std::nullopt;
  });
}

}  // namespace kg::query
