// openCypher's temporal values: date, localtime, time, localdatetime, datetime and duration.
// One plain 32-byte struct for all six, so that the store's and the query engine's value
// variants can hold it without growing; the calendar arithmetic is proleptic Gregorian on
// 64-bit day numbers (years ±999,999,999, as Cypher allows), and named time zones come from
// the system's tz database through Howard Hinnant's date library (date/tz.h).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kg::temporal {

enum class TKind : uint8_t { kDate, kLocalTime, kTime, kLocalDateTime, kDateTime, kDuration };

inline constexpr int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr int64_t kSecondsPerDay = 86'400;
inline constexpr int64_t kNanosPerDay = kNanosPerSecond * kSecondsPerDay;

struct Temporal {
  // Instants: the local date as days since 1970-01-01; durations: their days.
  int64_t days = 0;
  // Instants: the local time of day in nanoseconds; durations: their seconds.
  int64_t time = 0;
  // time and datetime: the offset from UTC in seconds; durations: their months.
  int64_t aux = 0;
  // Durations: nanoseconds, with the sign of the seconds.
  int32_t nanos = 0;
  // datetime: the named zone (an index into the zone table), or -1 for an offset only.
  int16_t zone = -1;
  TKind kind = TKind::kDate;

  bool has_date() const {
    return kind == TKind::kDate || kind == TKind::kLocalDateTime || kind == TKind::kDateTime;
  }
  bool has_time() const {
    return kind == TKind::kLocalTime || kind == TKind::kTime || kind == TKind::kLocalDateTime ||
           kind == TKind::kDateTime;
  }
  bool has_offset() const { return kind == TKind::kTime || kind == TKind::kDateTime; }
  int32_t offset() const { return int32_t(aux); }
  // Duration parts.
  int64_t months() const { return aux; }
  int64_t seconds() const { return time; }

  bool operator==(const Temporal&) const = default;
};
static_assert(sizeof(Temporal) == 32);

// A temporal error: code is the TCK's detail code (InvalidArgumentValue, ...).
struct TemporalError : std::runtime_error {
  TemporalError(std::string code, const std::string& message)
      : std::runtime_error(message), code(std::move(code)) {}
  std::string code;
};
[[noreturn]] void fail(const std::string& message);

// ---- calendar ----
struct Civil {
  int64_t year;
  int month, day;
};
int64_t days_from_civil(int64_t y, int m, int d);
Civil civil_from_days(int64_t days);
bool is_leap(int64_t y);
int days_in_month(int64_t y, int m);
int day_of_week(int64_t days);  // 1 = Monday .. 7 = Sunday
// ISO week-based year and week of a day.
void iso_week(int64_t days, int64_t& week_year, int& week);
int64_t iso_week_start(int64_t week_year);  // the Monday of week 1
int weeks_in_year(int64_t week_year);
// fail() unless -999,999,999 <= y <= 999,999,999.
void check_year(int64_t y);
// Checked constructors of a day from its parts (fail() when out of range).
int64_t date_of(int64_t y, int64_t m, int64_t d);
// Adds months to a date, clamping the day to the month's end.
int64_t plus_months(int64_t days, int64_t months);
int64_t proleptic_month(int64_t days);  // year * 12 + month - 1

// ---- zones ----
// The index of a named zone (checked against the tz database), fail() when unknown.
int16_t zone_id(std::string_view name);
const std::string& zone_name(int16_t id);
// The offset of a zone at a UTC instant (seconds since the epoch).
int32_t zone_offset_at_utc(int16_t zone, int64_t utc_seconds);
// The offset of a zone for a local date-time (seconds since the local epoch); a local time in
// a gap moves forward by the gap (`local` is updated), in an overlap the earlier offset wins.
int32_t zone_offset_for_local(int16_t zone, int64_t& local_seconds);

// ---- construction ----
Temporal make_date(int64_t days);
Temporal make_local_time(int64_t nanos_of_day);
Temporal make_time(int64_t nanos_of_day, int32_t offset);
Temporal make_local_datetime(int64_t days, int64_t nanos_of_day);
// A datetime in a zone (zone >= 0: the offset is looked up for the local time) or at an offset.
Temporal make_datetime(int64_t days, int64_t nanos_of_day, int32_t offset, int16_t zone = -1);
// A datetime from a UTC instant, in a zone or at an offset.
Temporal datetime_from_utc(int64_t utc_seconds, int64_t nanos, int32_t offset, int16_t zone);
// A duration, normalised as Neo4j does (nanos within a second, with the seconds' sign).
Temporal make_duration(int64_t months, int64_t days, int64_t seconds, int64_t nanos);
// A duration from fractional parts: fractions of months go to days (30.436875 days), of days
// to seconds and of seconds to nanoseconds.
Temporal approximate_duration(long double months, long double days, long double seconds,
                              long double nanos);

// The UTC instant of a time or datetime: seconds since the epoch (times on day 0) and nanos.
int64_t epoch_seconds(const Temporal& t);
// Nanoseconds of the local day, and its seconds and nanos.
inline int64_t nano_of_second(const Temporal& t) {
  return t.time % kNanosPerSecond;
}

// ---- text ----
std::string to_string(const Temporal& t);
std::string offset_string(int32_t offset);
// Parses the ISO 8601 forms Cypher accepts for each kind (fail() when the text is not one).
Temporal parse(TKind kind, std::string_view text);
// Parses a zone given as text: "+01:00", "Z", "Europe/Stockholm". Sets offset or zone.
void parse_zone(std::string_view text, int32_t& offset, int16_t& zone);
const char* kind_name(TKind k);
std::optional<TKind> kind_from_name(std::string_view name);

// ---- comparison and arithmetic ----
// Three-way comparison of two values of the same kind; nullopt when not comparable (durations).
std::optional<int> compare(const Temporal& a, const Temporal& b);
bool equal(const Temporal& a, const Temporal& b);
// The total order used by ORDER BY among values of the same kind.
int order(const Temporal& a, const Temporal& b);
Temporal plus(const Temporal& t, const Temporal& duration);
Temporal negate(const Temporal& duration);
Temporal add_durations(const Temporal& a, const Temporal& b, int sign);
Temporal multiply(const Temporal& duration, long double factor);
Temporal multiply(const Temporal& duration, int64_t factor);
Temporal divide(const Temporal& duration, long double divisor);
// duration.between and its units: 0 all, 'M' months, 'D' days, 'S' seconds.
Temporal between(const Temporal& from, const Temporal& to, char unit);

}  // namespace kg::temporal
