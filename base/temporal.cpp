// Temporal values: calendar arithmetic, zones, ISO 8601 text, comparison and durations.
#include "base/temporal.h"

#include <date/tz.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <mutex>
#include <vector>

namespace kg::temporal {

using i128 = __int128;

void fail(const std::string& message) {
  throw TemporalError("InvalidArgumentValue", message);
}

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t floor_mod(int64_t a, int64_t b) {
  return a - floor_div(a, b) * b;
}
i128 floor_div128(i128 a, i128 b) {
  i128 q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

constexpr int64_t kMaxYear = 999'999'999;
// The days of -999999999-01-01 and +999999999-12-31 (checked in the tests).
constexpr int64_t kMinDay = -365'243'219'162;
constexpr int64_t kMaxDay = 365'241'780'471;

int64_t checked_day(int64_t days) {
  if (days < kMinDay || days > kMaxDay) fail("date out of range");
  return days;
}

}  // namespace

// ---- calendar (Howard Hinnant's days_from_civil / civil_from_days, on 64 bits) ----

int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = int(doy - (153 * mp + 2) / 5 + 1);
  const int m = int(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2), m, d};
}

bool is_leap(int64_t y) {
  return floor_mod(y, 4) == 0 && (floor_mod(y, 100) != 0 || floor_mod(y, 400) == 0);
}

int days_in_month(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

int day_of_week(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  return int(floor_mod(days + 3, 7)) + 1;
}

int64_t iso_week_start(int64_t week_year) {
  int64_t jan4 = days_from_civil(week_year, 1, 4);
  return jan4 - (day_of_week(jan4) - 1);
}

void iso_week(int64_t days, int64_t& week_year, int& week) {
  int64_t y = civil_from_days(days).year;
  int64_t start = iso_week_start(y + 1);
  if (days >= start) {
    week_year = y + 1;
  } else {
    start = iso_week_start(y);
    if (days < start) {
      week_year = y - 1;
      start = iso_week_start(y - 1);
    } else {
      week_year = y;
    }
  }
  week = int((days - start) / 7) + 1;
}

int weeks_in_year(int64_t week_year) {
  return int((iso_week_start(week_year + 1) - iso_week_start(week_year)) / 7);
}

void check_year(int64_t y) {
  if (y < -kMaxYear || y > kMaxYear) fail("year out of range: " + std::to_string(y));
}

int64_t date_of(int64_t y, int64_t m, int64_t d) {
  if (y < -kMaxYear || y > kMaxYear) fail("year out of range: " + std::to_string(y));
  if (m < 1 || m > 12) fail("month out of range: " + std::to_string(m));
  if (d < 1 || d > days_in_month(y, int(m))) fail("day out of range: " + std::to_string(d));
  return days_from_civil(y, int(m), int(d));
}

int64_t proleptic_month(int64_t days) {
  Civil c = civil_from_days(days);
  return c.year * 12 + c.month - 1;
}

int64_t plus_months(int64_t days, int64_t months) {
  if (months == 0) return days;
  Civil c = civil_from_days(days);
  int64_t pm = c.year * 12 + (c.month - 1) + months;
  int64_t y = floor_div(pm, 12);
  int m = int(floor_mod(pm, 12)) + 1;
  if (y < -kMaxYear || y > kMaxYear) fail("date out of range");
  return days_from_civil(y, m, std::min(c.day, days_in_month(y, m)));
}

// ---- zones ----

namespace {

struct ZoneTable {
  std::mutex mu;
  std::deque<std::string> names;
  std::vector<const date::time_zone*> zones;
};

ZoneTable& zone_table() {
  static ZoneTable t;
  return t;
}

const date::time_zone* tz_of(int16_t id) {
  auto& t = zone_table();
  std::lock_guard lock(t.mu);
  return t.zones.at(size_t(id));
}

// The tz library keeps years in 16 bits: clamp far instants (the offset there is the zone's
// earliest or latest anyway).
constexpr int64_t kTzLimit = 900'000'000'000;  // ~28,500 years

}  // namespace

int16_t zone_id(std::string_view name) {
  auto& t = zone_table();
  std::lock_guard lock(t.mu);
  for (size_t i = 0; i < t.names.size(); ++i)
    if (t.names[i] == name) return int16_t(i);
  const date::time_zone* z = nullptr;
  try {
    z = date::locate_zone(name);
  } catch (const std::exception&) {
    fail("unknown time zone: " + std::string(name));
  }
  if (t.names.size() >= 32000) fail("too many time zones");
  t.names.emplace_back(name);
  t.zones.push_back(z);
  return int16_t(t.names.size() - 1);
}

const std::string& zone_name(int16_t id) {
  auto& t = zone_table();
  std::lock_guard lock(t.mu);
  return t.names.at(size_t(id));
}

int32_t zone_offset_at_utc(int16_t zone, int64_t utc) {
  utc = std::clamp(utc, -kTzLimit, kTzLimit);
  auto info = tz_of(zone)->get_info(date::sys_seconds{std::chrono::seconds{utc}});
  return int32_t(info.offset.count());
}

int32_t zone_offset_for_local(int16_t zone, int64_t& local) {
  int64_t clamped = std::clamp(local, -kTzLimit, kTzLimit);
  auto info = tz_of(zone)->get_info(date::local_seconds{std::chrono::seconds{clamped}});
  switch (info.result) {
    case date::local_info::nonexistent:
      local += (info.second.offset - info.first.offset).count();
      return int32_t(info.second.offset.count());
    default:
      return int32_t(info.first.offset.count());
  }
}

// ---- construction ----

Temporal make_date(int64_t days) {
  Temporal t;
  t.kind = TKind::kDate;
  t.days = checked_day(days);
  return t;
}

Temporal make_local_time(int64_t nanos) {
  Temporal t;
  t.kind = TKind::kLocalTime;
  t.time = floor_mod(nanos, kNanosPerDay);
  return t;
}

Temporal make_time(int64_t nanos, int32_t offset) {
  Temporal t = make_local_time(nanos);
  t.kind = TKind::kTime;
  t.aux = offset;
  return t;
}

Temporal make_local_datetime(int64_t days, int64_t nanos) {
  Temporal t;
  t.kind = TKind::kLocalDateTime;
  t.days = checked_day(days) + floor_div(nanos, kNanosPerDay);
  checked_day(t.days);
  t.time = floor_mod(nanos, kNanosPerDay);
  return t;
}

Temporal make_datetime(int64_t days, int64_t nanos, int32_t offset, int16_t zone) {
  Temporal t = make_local_datetime(days, nanos);
  t.kind = TKind::kDateTime;
  t.zone = zone;
  if (zone >= 0) {
    int64_t local = t.days * kSecondsPerDay + t.time / kNanosPerSecond;
    int64_t moved = local;
    offset = zone_offset_for_local(zone, moved);
    if (moved != local) {
      int64_t sub = t.time % kNanosPerSecond;
      t.days = floor_div(moved, kSecondsPerDay);
      t.time = floor_mod(moved, kSecondsPerDay) * kNanosPerSecond + sub;
    }
  }
  t.aux = offset;
  return t;
}

Temporal datetime_from_utc(int64_t utc, int64_t nanos, int32_t offset, int16_t zone) {
  utc += floor_div(nanos, kNanosPerSecond);
  nanos = floor_mod(nanos, kNanosPerSecond);
  if (zone >= 0) offset = zone_offset_at_utc(zone, utc);
  int64_t local = utc + offset;
  Temporal t;
  t.kind = TKind::kDateTime;
  t.days = checked_day(floor_div(local, kSecondsPerDay));
  t.time = floor_mod(local, kSecondsPerDay) * kNanosPerSecond + nanos;
  t.aux = offset;
  t.zone = zone;
  return t;
}

Temporal make_duration(int64_t months, int64_t days, int64_t seconds, int64_t nanos) {
  seconds += floor_div(nanos, kNanosPerSecond);
  nanos = floor_mod(nanos, kNanosPerSecond);
  Temporal t;
  t.kind = TKind::kDuration;
  t.aux = months;
  t.days = days;
  t.time = seconds;
  t.nanos = int32_t(nanos);
  return t;
}

namespace {

int64_t to_long(long double v) {
  if (!(v > -9.2e18L && v < 9.2e18L)) fail("duration out of range");
  return int64_t(v);
}

}  // namespace

Temporal approximate_duration(long double months, long double days, long double seconds,
                              long double nanos) {
  constexpr long double kAvgDaysPerMonth = 30.436875L;
  int64_t m = to_long(months);
  days += (months - m) * kAvgDaysPerMonth;
  int64_t d = to_long(days);
  seconds += (days - d) * kSecondsPerDay;
  int64_t s = to_long(seconds);
  nanos += (seconds - s) * kNanosPerSecond;
  int64_t n = to_long(std::roundl(nanos));
  return make_duration(m, d, s, n);
}

namespace {

// Nanoseconds of an instant-like value since the (local or UTC) epoch.
i128 local_nanos(const Temporal& t) {
  return i128(t.days) * kNanosPerDay + t.time;
}
i128 utc_nanos(const Temporal& t) {
  return local_nanos(t) - i128(t.aux) * kNanosPerSecond;
}

}  // namespace

int64_t epoch_seconds(const Temporal& t) {
  return int64_t(floor_div128(utc_nanos(t), kNanosPerSecond));
}

// ---- text ----

namespace {

void append_fraction(std::string& out, int64_t n, bool java_groups) {
  // java_groups: 3, 6 or 9 digits as java.time prints times; else as few as needed.
  char buf[16];
  std::snprintf(buf, sizeof buf, "%09lld", static_cast<long long>(n));
  std::string s(buf);
  if (java_groups) {
    if (n % 1'000'000 == 0)
      s.resize(3);
    else if (n % 1000 == 0)
      s.resize(6);
  } else {
    while (!s.empty() && s.back() == '0') s.pop_back();
  }
  out += '.';
  out += s;
}

void append_date(std::string& out, int64_t days) {
  Civil c = civil_from_days(days);
  char buf[48];
  int64_t ay = c.year < 0 ? -c.year : c.year;
  if (c.year > 9999)
    std::snprintf(buf, sizeof buf, "+%lld", static_cast<long long>(c.year));
  else
    std::snprintf(buf, sizeof buf, "%s%04lld", c.year < 0 ? "-" : "", static_cast<long long>(ay));
  out += buf;
  std::snprintf(buf, sizeof buf, "-%02d-%02d", c.month, c.day);
  out += buf;
}

void append_time(std::string& out, int64_t nanos) {
  int64_t secs = nanos / kNanosPerSecond, sub = nanos % kNanosPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", int(secs / 3600), int(secs / 60 % 60));
  out += buf;
  if (secs % 60 || sub) {
    std::snprintf(buf, sizeof buf, ":%02d", int(secs % 60));
    out += buf;
    if (sub) append_fraction(out, sub, true);
  }
}

void append_duration(std::string& out, const Temporal& d) {
  out += 'P';
  int64_t months = d.months(), secs = d.seconds(), nanos = d.nanos;
  // Stored with 0 <= nanos < 1e9; printed with the seconds' sign.
  if (secs < 0 && nanos > 0) {
    ++secs;
    nanos -= kNanosPerSecond;
  }
  auto part = [&](int64_t v, char unit) {
    if (v) out += std::to_string(v) + unit;
  };
  part(months / 12, 'Y');
  part(months % 12, 'M');
  part(d.days, 'D');
  if (secs || nanos) {
    out += 'T';
    part(secs / 3600, 'H');
    part(secs % 3600 / 60, 'M');
    int64_t s = secs % 60;
    if (s) {
      out += std::to_string(s);
      if (nanos) append_fraction(out, nanos < 0 ? -nanos : nanos, false);
      out += 'S';
    } else if (nanos) {
      if (nanos < 0) out += '-';
      out += '0';
      append_fraction(out, nanos < 0 ? -nanos : nanos, false);
      out += 'S';
    }
  }
  if (out.size() == 1) out += "T0S";
}

}  // namespace

std::string offset_string(int32_t offset) {
  if (offset == 0) return "Z";
  char buf[32];
  int32_t a = offset < 0 ? -offset : offset;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  std::string s(buf);
  if (a % 60) {
    std::snprintf(buf, sizeof buf, ":%02d", a % 60);
    s += buf;
  }
  return s;
}

std::string to_string(const Temporal& t) {
  std::string out;
  switch (t.kind) {
    case TKind::kDate:
      append_date(out, t.days);
      break;
    case TKind::kLocalTime:
      append_time(out, t.time);
      break;
    case TKind::kTime:
      append_time(out, t.time);
      out += offset_string(t.offset());
      break;
    case TKind::kLocalDateTime:
      append_date(out, t.days);
      out += 'T';
      append_time(out, t.time);
      break;
    case TKind::kDateTime:
      append_date(out, t.days);
      out += 'T';
      append_time(out, t.time);
      out += offset_string(t.offset());
      if (t.zone >= 0) out += "[" + zone_name(t.zone) + "]";
      break;
    case TKind::kDuration:
      append_duration(out, t);
      break;
  }
  return out;
}

const char* kind_name(TKind k) {
  static const char* kNames[] = {"Date",          "LocalTime", "Time",
                                 "LocalDateTime", "DateTime",  "Duration"};
  return kNames[int(k)];
}

std::optional<TKind> kind_from_name(std::string_view n) {
  if (n == "date") return TKind::kDate;
  if (n == "localtime") return TKind::kLocalTime;
  if (n == "time") return TKind::kTime;
  if (n == "localdatetime") return TKind::kLocalDateTime;
  if (n == "datetime") return TKind::kDateTime;
  if (n == "duration") return TKind::kDuration;
  return std::nullopt;
}

// ---- parsing ----

namespace {

struct Scanner {
  std::string_view s;
  size_t p = 0;
  std::string_view whole;

  [[noreturn]] void bad() const { fail("cannot parse '" + std::string(whole) + "'"); }
  bool done() const { return p >= s.size(); }
  char peek() const { return p < s.size() ? s[p] : '\0'; }
  bool eat(char c) {
    if (peek() == c) {
      ++p;
      return true;
    }
    return false;
  }
  size_t digits_ahead() const {
    size_t n = 0;
    while (p + n < s.size() && s[p + n] >= '0' && s[p + n] <= '9') ++n;
    return n;
  }
  int64_t num(size_t n) {
    if (digits_ahead() < n) bad();
    int64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = v * 10 + (s[p++] - '0');
    return v;
  }
};

int64_t parse_date_part(Scanner& sc) {
  int64_t year;
  if (sc.peek() == '+' || sc.peek() == '-') {
    bool neg = sc.s[sc.p++] == '-';
    size_t n = sc.digits_ahead();
    if (n < 4 || n > 9) sc.bad();
    year = sc.num(n);
    if (neg) year = -year;
  } else {
    year = sc.num(4);
  }
  if (sc.done()) return date_of(year, 1, 1);
  bool ext = sc.eat('-');
  if (sc.eat('W')) {
    int64_t week = sc.num(2);
    int64_t dow = 1;
    if (ext ? sc.eat('-') : sc.digits_ahead() > 0) dow = sc.num(1);
    if (week < 1 || week > weeks_in_year(year) || dow < 1 || dow > 7) sc.bad();
    return iso_week_start(year) + (week - 1) * 7 + (dow - 1);
  }
  size_t n = sc.digits_ahead();
  if (n == 3 || (!ext && n == 7)) {
    int64_t ord = sc.num(3);
    if (ord < 1 || ord > (is_leap(year) ? 366 : 365)) sc.bad();
    return days_from_civil(year, 1, 1) + ord - 1;
  }
  int64_t month = sc.num(2);
  int64_t day = 1;
  if (ext) {
    if (sc.eat('-')) day = sc.num(2);
  } else if (sc.digits_ahead() >= 2) {
    day = sc.num(2);
  }
  return date_of(year, month, day);
}

int64_t parse_time_part(Scanner& sc) {
  int64_t h = sc.num(2), m = 0, s = 0, frac = 0;
  bool ext = sc.peek() == ':';
  auto more = [&] { return ext ? sc.eat(':') : sc.digits_ahead() >= 2; };
  if (more()) {
    m = sc.num(2);
    if (more()) {
      s = sc.num(2);
      if (sc.eat('.') || sc.eat(',')) {
        size_t n = sc.digits_ahead();
        if (n == 0 || n > 9) sc.bad();
        frac = sc.num(n);
        for (size_t i = n; i < 9; ++i) frac *= 10;
      }
    }
  }
  if (h > 23 || m > 59 || s > 59) sc.bad();
  return ((h * 60 + m) * 60 + s) * kNanosPerSecond + frac;
}

// An offset after a time: Z, +HH, +HHMM, +HH:MM, +HH:MM:SS; false when none is there.
bool parse_offset(Scanner& sc, int32_t& offset) {
  if (sc.eat('Z') || sc.eat('z')) {
    offset = 0;
    return true;
  }
  if (sc.peek() != '+' && sc.peek() != '-') return false;
  int sign = sc.s[sc.p++] == '-' ? -1 : 1;
  int64_t h = sc.num(2), m = 0, s = 0;
  bool colon = sc.eat(':');
  if (colon || sc.digits_ahead() >= 2) {
    m = sc.num(2);
    if (colon ? sc.eat(':') : sc.digits_ahead() >= 2) s = sc.num(2);
  }
  if (h > 18 || m > 59 || s > 59) sc.bad();
  offset = int32_t(sign * (h * 3600 + m * 60 + s));
  if (offset > 18 * 3600 || offset < -18 * 3600) sc.bad();
  return true;
}

Temporal parse_duration(std::string_view text) {
  Scanner sc{text, 0, text};
  int sign = 1;
  if (sc.eat('-')) sign = -1;
  if (!sc.eat('P') && !sc.eat('p')) sc.bad();
  // The alternative form PYYYY-MM-DDTHH:MM:SS.
  if (sc.digits_ahead() == 4 && sc.p + 4 < text.size() && text[sc.p + 4] == '-') {
    int64_t y = sc.num(4);
    sc.eat('-');
    int64_t mo = sc.num(2);
    sc.eat('-');
    int64_t d = sc.num(2);
    int64_t nanos = 0;
    if (sc.eat('T')) nanos = parse_time_part(sc);
    if (!sc.done()) sc.bad();
    return make_duration(sign * (y * 12 + mo), sign * d, sign * (nanos / kNanosPerSecond),
                         sign * (nanos % kNanosPerSecond));
  }
  long double months = 0, days = 0, seconds = 0;
  bool in_time = false, any = false;
  while (!sc.done()) {
    if (!in_time && (sc.peek() == 'T' || sc.peek() == 't')) {
      ++sc.p;
      in_time = true;
      continue;
    }
    size_t start = sc.p;
    if (sc.peek() == '-' || sc.peek() == '+') ++sc.p;
    if (sc.digits_ahead() == 0) sc.bad();
    sc.p += sc.digits_ahead();
    if (sc.peek() == '.' || sc.peek() == ',') {
      ++sc.p;
      sc.p += sc.digits_ahead();
    }
    std::string number(text.substr(start, sc.p - start));
    std::replace(number.begin(), number.end(), ',', '.');
    long double v = std::strtold(number.c_str(), nullptr);
    char unit = char(std::toupper(static_cast<unsigned char>(sc.peek())));
    ++sc.p;
    any = true;
    if (!in_time) {
      if (unit == 'Y')
        months += v * 12;
      else if (unit == 'M')
        months += v;
      else if (unit == 'W')
        days += v * 7;
      else if (unit == 'D')
        days += v;
      else
        sc.bad();
    } else {
      if (unit == 'H')
        seconds += v * 3600;
      else if (unit == 'M')
        seconds += v * 60;
      else if (unit == 'S')
        seconds += v;
      else
        sc.bad();
    }
  }
  if (!any) sc.bad();
  return approximate_duration(sign * months, sign * days, sign * seconds, 0);
}

}  // namespace

void parse_zone(std::string_view text, int32_t& offset, int16_t& zone) {
  Scanner sc{text, 0, text};
  if (parse_offset(sc, offset) && sc.done()) {
    zone = -1;
    return;
  }
  zone = zone_id(text);
  offset = 0;
}

Temporal parse(TKind kind, std::string_view text) {
  if (kind == TKind::kDuration) return parse_duration(text);
  Scanner sc{text, 0, text};
  switch (kind) {
    case TKind::kDate: {
      int64_t d = parse_date_part(sc);
      if (!sc.done()) sc.bad();
      return make_date(d);
    }
    case TKind::kLocalTime: {
      int64_t n = parse_time_part(sc);
      if (!sc.done()) sc.bad();
      return make_local_time(n);
    }
    case TKind::kTime: {
      int64_t n = parse_time_part(sc);
      int32_t offset = 0;
      parse_offset(sc, offset);
      if (!sc.done()) sc.bad();
      return make_time(n, offset);
    }
    default:
      break;
  }
  // The date ends at the 'T' before the time (not one in a zone name: "[Asia/Tokyo]").
  size_t tpos = text.substr(0, text.find('[')).find('T');
  Scanner dsc{text.substr(0, std::min(tpos, text.find('['))), 0, text};
  int64_t days = parse_date_part(dsc);
  if (!dsc.done()) dsc.bad();
  int64_t nanos = 0;
  size_t bracket = text.find('[');
  std::string_view rest = tpos != std::string_view::npos      ? text.substr(tpos + 1)
                          : bracket != std::string_view::npos ? text.substr(bracket)
                                                              : std::string_view();
  Scanner tsc{rest, 0, text};
  if (tpos != std::string_view::npos) nanos = parse_time_part(tsc);
  if (kind == TKind::kLocalDateTime) {
    if (!tsc.done()) tsc.bad();
    return make_local_datetime(days, nanos);
  }
  int32_t offset = 0;
  bool has_offset = parse_offset(tsc, offset);
  int16_t zone = -1;
  if (tsc.eat('[')) {
    size_t close = tsc.s.find(']', tsc.p);
    if (close == std::string_view::npos || close + 1 != tsc.s.size()) tsc.bad();
    zone = zone_id(tsc.s.substr(tsc.p, close - tsc.p));
    tsc.p = close + 1;
  }
  if (!tsc.done()) tsc.bad();
  (void)has_offset;
  return make_datetime(days, nanos, offset, zone);
}

// ---- comparison ----

std::optional<int> compare(const Temporal& a, const Temporal& b) {
  if (a.kind != b.kind) return std::nullopt;
  auto cmp = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
  switch (a.kind) {
    case TKind::kDate:
      return cmp(a.days, b.days);
    case TKind::kLocalTime:
      return cmp(a.time, b.time);
    case TKind::kTime:
      return cmp(i128(a.time) - i128(a.aux) * kNanosPerSecond,
                 i128(b.time) - i128(b.aux) * kNanosPerSecond);
    case TKind::kLocalDateTime:
      return cmp(local_nanos(a), local_nanos(b));
    case TKind::kDateTime:
      return cmp(utc_nanos(a), utc_nanos(b));
    case TKind::kDuration:
      return std::nullopt;
  }
  return std::nullopt;
}

bool equal(const Temporal& a, const Temporal& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == TKind::kDuration)
    return a.aux == b.aux && a.days == b.days && a.time == b.time && a.nanos == b.nanos;
  return compare(a, b) == 0;
}

int order(const Temporal& a, const Temporal& b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : x > y ? 1 : 0; };
  // datetime, localdatetime, date, time, localtime, duration.
  static const int kRank[] = {2, 4, 3, 1, 0, 5};
  if (a.kind != b.kind) return cmp(kRank[int(a.kind)], kRank[int(b.kind)]);
  if (a.kind == TKind::kDuration) {
    auto len = [](const Temporal& d) {
      return (i128(d.aux) * 2629746 + i128(d.days) * kSecondsPerDay + d.time) * kNanosPerSecond +
             d.nanos;
    };
    if (int c = cmp(len(a), len(b))) return c;
    if (int c = cmp(a.aux, b.aux)) return c;
    if (int c = cmp(a.days, b.days)) return c;
    if (int c = cmp(a.time, b.time)) return c;
    return cmp(a.nanos, b.nanos);
  }
  if (int c = *compare(a, b)) return c;
  if (int c = cmp(a.aux, b.aux)) return c;
  return cmp(a.zone, b.zone);
}

// ---- arithmetic ----

Temporal negate(const Temporal& d) {
  return make_duration(-d.aux, -d.days, -d.time, -int64_t(d.nanos));
}

Temporal add_durations(const Temporal& a, const Temporal& b, int sign) {
  int64_t m, d, s, n;
  if (__builtin_add_overflow(a.aux, sign * b.aux, &m) ||
      __builtin_add_overflow(a.days, sign * b.days, &d) ||
      __builtin_add_overflow(a.time, sign * b.time, &s))
    throw TemporalError("NumberOutOfRange", "duration out of range");
  n = int64_t(a.nanos) + sign * int64_t(b.nanos);
  return make_duration(m, d, s, n);
}

Temporal multiply(const Temporal& d, int64_t f) {
  int64_t m, dd, s, n;
  if (__builtin_mul_overflow(d.aux, f, &m) || __builtin_mul_overflow(d.days, f, &dd) ||
      __builtin_mul_overflow(d.time, f, &s) || __builtin_mul_overflow(int64_t(d.nanos), f, &n))
    throw TemporalError("NumberOutOfRange", "duration out of range");
  return make_duration(m, dd, s, n);
}

Temporal multiply(const Temporal& d, long double f) {
  return approximate_duration(d.aux * f, d.days * f, d.time * f, d.nanos * f);
}

Temporal divide(const Temporal& d, long double f) {
  if (f == 0) throw TemporalError("DivisionByZero", "division of a duration by zero");
  return approximate_duration(d.aux / f, d.days / f, d.time / f, d.nanos / f);
}

namespace {

int64_t add_days(int64_t days, int64_t a, int64_t b = 0) {
  i128 r = i128(days) + a + b;
  if (r < kMinDay || r > kMaxDay) fail("date out of range");
  return int64_t(r);
}

// A local date-time (days, nanos of day) plus nanos, carried into the days.
void add_nanos(int64_t& days, int64_t& time, i128 nanos) {
  i128 total = i128(time) + nanos;
  i128 dd = floor_div128(total, kNanosPerDay);
  if (dd < -2 * kMaxDay || dd > 2 * kMaxDay) fail("date out of range");
  days = add_days(days, int64_t(dd));
  time = int64_t(total - dd * kNanosPerDay);
}

}  // namespace

Temporal plus(const Temporal& t, const Temporal& d) {
  i128 span = i128(d.time) * kNanosPerSecond + d.nanos;
  switch (t.kind) {
    case TKind::kDate:
      return make_date(add_days(plus_months(t.days, d.aux), d.days, d.time / kSecondsPerDay));
    case TKind::kLocalTime:
    case TKind::kTime: {
      Temporal r = t;
      int64_t nanos = int64_t((i128(t.time) + span % kNanosPerDay + kNanosPerDay) % kNanosPerDay);
      r.time = nanos;
      return r;
    }
    case TKind::kLocalDateTime: {
      int64_t days = add_days(plus_months(t.days, d.aux), d.days), time = t.time;
      add_nanos(days, time, span);
      return make_local_datetime(days, time);
    }
    case TKind::kDateTime: {
      int64_t days = add_days(plus_months(t.days, d.aux), d.days);
      if (t.zone < 0) {
        int64_t time = t.time;
        add_nanos(days, time, span);
        return make_datetime(days, time, t.offset(), -1);
      }
      Temporal mid = make_datetime(days, t.time, 0, t.zone);
      i128 utc = utc_nanos(mid) + span;
      i128 secs = floor_div128(utc, kNanosPerSecond);
      return datetime_from_utc(int64_t(secs), int64_t(utc - secs * kNanosPerSecond), 0, t.zone);
    }
    case TKind::kDuration:
      return add_durations(t, d, 1);
  }
  return t;
}

// ---- duration.between ----

namespace {

struct Point {
  int64_t days = 0, time = 0;
  int32_t offset = 0;
  int16_t zone = -1;
  bool has_offset = false;
};

i128 point_nanos(const Point& p, bool utc) {
  return i128(p.days) * kNanosPerDay + p.time - (utc ? i128(p.offset) * kNanosPerSecond : 0);
}

// Re-resolves the offset of a point's local time in its zone.
void resolve(Point& p) {
  if (p.zone < 0) return;
  Temporal t = make_datetime(p.days, p.time, 0, p.zone);
  p.days = t.days;
  p.time = t.time;
  p.offset = t.offset();
}

int64_t months_until(const Point& a, const Point& b) {
  int64_t end = b.days;
  if (end > a.days && b.time < a.time)
    --end;
  else if (end < a.days && b.time > a.time)
    ++end;
  Civil x = civil_from_days(a.days), y = civil_from_days(end);
  int64_t p1 = (x.year * 12 + x.month - 1) * 32 + x.day;
  int64_t p2 = (y.year * 12 + y.month - 1) * 32 + y.day;
  return (p2 - p1) / 32;
}

int64_t days_until(const Point& a, const Point& b) {
  int64_t end = b.days;
  if (end > a.days && b.time < a.time)
    --end;
  else if (end < a.days && b.time > a.time)
    ++end;
  return end - a.days;
}

}  // namespace

Temporal between(const Temporal& from, const Temporal& to, char unit) {
  bool dates = from.has_date() && to.has_date();
  Point a, b;
  a.days = from.has_date() ? from.days : (to.has_date() ? to.days : 0);
  b.days = to.has_date() ? to.days : (from.has_date() ? from.days : 0);
  a.time = from.has_time() ? from.time : 0;
  b.time = to.has_time() ? to.time : 0;
  a.has_offset = from.has_offset();
  b.has_offset = to.has_offset();
  if (a.has_offset)
    a.offset = from.offset(), a.zone = from.kind == TKind::kDateTime ? from.zone : -1;
  if (b.has_offset) b.offset = to.offset(), b.zone = to.kind == TKind::kDateTime ? to.zone : -1;
  // A value without an offset takes the other's zone.
  if (a.has_offset && !b.has_offset) {
    b.offset = a.offset, b.zone = a.zone, b.has_offset = true;
    resolve(b);
  } else if (b.has_offset && !a.has_offset) {
    a.offset = b.offset, a.zone = b.zone, a.has_offset = true;
    resolve(a);
  }
  bool utc = a.has_offset;
  if (utc && dates) {
    // The end seen in the start's zone.
    i128 n = point_nanos(b, true);
    i128 secs = floor_div128(n, kNanosPerSecond);
    Temporal t =
        datetime_from_utc(int64_t(secs), int64_t(n - secs * kNanosPerSecond), a.offset, a.zone);
    b.days = t.days, b.time = t.time, b.offset = t.offset(), b.zone = t.zone;
  }
  int64_t months = 0, days = 0;
  if (dates && (unit == 0 || unit == 'M')) {
    months = months_until(a, b);
    a.days = plus_months(a.days, months);
    resolve(a);
  }
  if (dates && (unit == 0 || unit == 'D')) {
    days = days_until(a, b);
    a.days += days;
    resolve(a);
  }
  if (unit == 'M') return make_duration(months, 0, 0, 0);
  if (unit == 'D') return make_duration(0, days, 0, 0);
  i128 diff = point_nanos(b, utc) - point_nanos(a, utc);
  if (unit == 'S' && dates) diff = point_nanos(b, utc) - point_nanos(a, utc);
  return make_duration(months, days, int64_t(diff / kNanosPerSecond),
                       int64_t(diff % kNanosPerSecond));
}

}  // namespace kg::temporal
